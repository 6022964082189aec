import { defineRule, type SyntaxNode } from '../../src/core/rule.js';

/** Literal and display node types whose identity is meaningless to compare. */
const LITERALS: Readonly<Record<string, string>> = {
  integer: 'number',
  float: 'number',
  string: 'string',
  concatenated_string: 'string',
  tuple: 'tuple',
  list: 'list',
  dictionary: 'dict',
  set: 'set',
};

export default defineRule({
  id: 'MUT003',
  name: 'is-literal-comparison',
  concept: 'mutability',
  level: 'error',
  enabledByDefault: true,
  category: 'correctness',
  precision: 'very-high',
  message: '`{comparison}` tests whether two objects are the same {kind} object, which is not guaranteed for equal values; use `{operator}`',
  create(context) {
    return {
      comparison_operator(node) {
        // Operands and operators alternate: a op b op c ...
        const parts = node.children;
        for (let i = 1; i + 1 < parts.length; i += 2) {
          const operator = parts[i]!;
          if (operator.type !== 'is' && operator.type !== 'is not') continue;
          const kind = literalKind(parts[i - 1]!) ?? literalKind(parts[i + 1]!);
          if (!kind) continue;
          const comparison = `${context.text(parts[i - 1]!)} ${operator.type} ${context.text(parts[i + 1]!)}`.replace(/\s+/g, ' ');
          context.report(node, {
            comparison: comparison.length > 50 ? `${comparison.slice(0, 47)}...` : comparison,
            kind,
            operator: operator.type === 'is' ? '==' : '!=',
          });
          return;
        }
      },
    };
  },
});

/** What kind of literal an operand is (`-1` counts), or undefined. */
function literalKind(operand: SyntaxNode): string | undefined {
  let node: SyntaxNode | null = operand;
  while (node?.type === 'parenthesized_expression' && node.namedChildCount === 1) node = node.firstNamedChild;
  if (node?.type === 'unary_operator') {
    const argument = node.childForFieldName('argument');
    return argument?.type === 'integer' || argument?.type === 'float' ? 'number' : undefined;
  }
  return node ? LITERALS[node.type] : undefined;
}
