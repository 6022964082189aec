import { defineRule, type SyntaxNode } from '../../src/core/rule.js';
import { caughtTypes, clauseHeader, handlerBody, isBareExcept, statementsOf } from '../../src/analysis/exceptions.js';

/** Statements that do nothing with the exception. */
const SILENT_STATEMENTS = new Set(['pass_statement', 'continue_statement']);

export default defineRule({
  id: 'EXC002',
  name: 'swallowed-exception',
  concept: 'exceptions',
  level: 'warning',
  enabledByDefault: true,
  category: 'correctness',
  precision: 'very-high',
  usesSemanticModel: true,
  message: '`{handler}` discards every error without a trace; catch the specific exception you expect, or at least log it',
  create(context) {
    return {
      except_clause(clause) {
        const broad = isBareExcept(clause) ? 'except:' : broadType(clause);
        if (!broad || !onlySilence(clause)) return;
        context.report(clauseHeader(clause), { handler: broad });
      },
    };

    /** `except Exception` / `except BaseException` (also inside a tuple), as written. */
    function broadType(clause: SyntaxNode): string | undefined {
      for (const type of caughtTypes(clause)) {
        const name = context.semantic.qualifiedName(type);
        if (name === 'builtins.Exception' || name === 'builtins.BaseException') {
          return `except ${context.text(type)}`;
        }
      }
      return undefined;
    }
  },
});

/** A body of only `pass`, `...` and `continue`. */
function onlySilence(clause: SyntaxNode): boolean {
  const statements = statementsOf(handlerBody(clause));
  return statements.length > 0 && statements.every(isSilent);
}

function isSilent(statement: SyntaxNode): boolean {
  if (SILENT_STATEMENTS.has(statement.type)) return true;
  if (statement.type !== 'expression_statement') return false;
  const expressions = statement.namedChildren.filter((child) => child.type !== 'comment');
  return expressions.length === 1 && expressions[0]!.type === 'ellipsis';
}
