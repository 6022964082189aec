import { defineRule, type SyntaxNode } from '../../src/core/rule.js';

export default defineRule({
  id: 'EXC001',
  name: 'bare-except',
  concept: 'exceptions',
  level: 'warning',
  enabledByDefault: true,
  category: 'correctness',
  precision: 'very-high',
  message: 'Bare `except:` also catches `KeyboardInterrupt` and `SystemExit`; catch `Exception` or a specific type',
  create(context) {
    return {
      except_clause(clause) {
        if (catchesSomething(clause) || endsWithBareRaise(clause)) return;
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
  const body = clause.namedChildren.find((child) => child.type === 'block');
  const last = body?.lastNamedChild;
  return last?.type === 'raise_statement' && last.namedChildCount === 0;
}

/** From `except` to its colon: the finding should not span the handler body. */
function clauseHeader(clause: SyntaxNode): { startIndex: number; endIndex: number } {
  const colon = clause.children.find((child) => child.type === ':');
  return { startIndex: clause.startIndex, endIndex: colon ? colon.endIndex : clause.startIndex + 'except'.length };
}
