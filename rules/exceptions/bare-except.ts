import { defineRule, type SyntaxNode } from '../../src/core/rule.js';
import type { SemanticModel } from '../../src/semantic/index.js';
import { clauseHeader, handlerBody, statementsOf } from '../../src/analysis/exceptions.js';

/** The two exceptions the message says a bare `except:` catches by mistake. */
const INTERRUPTS = ['builtins.KeyboardInterrupt', 'builtins.SystemExit'];

export default defineRule({
  id: 'EXC001',
  name: 'bare-except',
  concept: 'exceptions',
  level: 'warning',
  enabledByDefault: true,
  category: 'correctness',
  precision: 'very-high',
  usesSemanticModel: true,
  message: 'Bare `except:` also catches `KeyboardInterrupt` and `SystemExit`; catch `Exception` or a specific type',
  create(context) {
    return {
      except_clause(clause) {
        if (catchesSomething(clause) || endsWithBareRaise(clause)) return;
        if (reraisesInterrupts(clause, context.semantic)) return;
        context.report(clauseHeader(clause), {});
      },
    };
  },
});

/** `except:` has no expression between the keyword and the colon; `except E:` and `except* E:` do. */
function catchesSomething(clause: SyntaxNode): boolean {
  for (const child of clause.namedChildren) {
    if (child.type !== 'block' && child.type !== 'comment') return true;
  }
  return false;
}

/** A handler that cleans up and then re-raises with a bare `raise` loses nothing. */
function endsWithBareRaise(clause: SyntaxNode): boolean {
  const last = statementsOf(handlerBody(clause)).at(-1);
  return last !== undefined && isBareRaise(last);
}

/**
 * A handler that passes both interrupts on itself, as `if etype in (KeyboardInterrupt, SystemExit): raise`
 * (or `isinstance(error, (KeyboardInterrupt, SystemExit))`): Ctrl-C and `sys.exit()` still get through.
 */
function reraisesInterrupts(clause: SyntaxNode, semantic: SemanticModel): boolean {
  return statementsOf(handlerBody(clause)).some((statement) => {
    if (statement.type !== 'if_statement') return false;
    const body = statementsOf(statement.childForFieldName('consequence'));
    if (body.length !== 1 || !isBareRaise(body[0]!)) return false;
    const condition = statement.childForFieldName('condition');
    if (!condition) return false;
    const named = new Set(condition.descendantsOfType('identifier').map((identifier) => semantic.qualifiedName(identifier)));
    return INTERRUPTS.every((name) => named.has(name));
  });
}

function isBareRaise(statement: SyntaxNode): boolean {
  return statement.type === 'raise_statement' && statement.namedChildCount === 0;
}
