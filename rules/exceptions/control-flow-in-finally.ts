import { defineRule, type SyntaxNode, type Visitor } from '../../src/core/rule.js';

const KEYWORDS: Readonly<Record<string, string>> = {
  return_statement: 'return',
  break_statement: 'break',
  continue_statement: 'continue',
};

export default defineRule({
  id: 'EXC004',
  name: 'control-flow-in-finally',
  concept: 'exceptions',
  level: 'error',
  enabledByDefault: true,
  category: 'correctness',
  precision: 'very-high',
  usesSemanticModel: true,
  message: '`{keyword}` in a `finally` block silently discards any exception that is propagating; move it after the `try` statement',
  create(context) {
    // How many `finally` blocks the walk is in: the ancestor walk runs only there.
    let finallyDepth = 0;
    const check: Visitor = (statement) => {
      if (finallyDepth === 0 || !leavesFinally(statement, context.semantic.ancestors(statement))) return;
      context.report(statement, { keyword: KEYWORDS[statement.type]! });
    };
    return {
      finally_clause: () => void finallyDepth++,
      'finally_clause:exit': () => void finallyDepth--,
      return_statement: check,
      break_statement: check,
      continue_statement: check,
    };
  },
});

/**
 * Whether the jump leaves a `finally` block: a `return` that belongs to no def inside
 * the block, a `break`/`continue` whose loop is outside it.
 */
function leavesFinally(statement: SyntaxNode, ancestors: readonly SyntaxNode[]): boolean {
  const isReturn = statement.type === 'return_statement';
  let child = statement;
  for (let i = ancestors.length - 1; i >= 0; child = ancestors[i]!, i--) {
    const parent = ancestors[i]!;
    switch (parent.type) {
      case 'finally_clause':
        return true;
      case 'function_definition':
      case 'lambda':
      case 'class_definition':
        return false;
      case 'for_statement':
      case 'while_statement':
        // The loop a `break`/`continue` in its body belongs to; its `else` belongs to the outer one.
        if (!isReturn && child.type !== 'else_clause') return false;
        break;
      default:
        break;
    }
  }
  return false;
}
