import { defineRule, type SyntaxNode } from '../../src/core/rule.js';
import { nextStatement, someNode, statementsOf, unparenthesized } from '../../src/analysis/collections.js';

export default defineRule({
  id: 'COL005',
  name: 'manual-any-all',
  concept: 'collections',
  level: 'note',
  enabledByDefault: true,
  category: 'maintainability',
  precision: 'high',
  message: 'This loop over `{iterable}` only decides whether {question}; write `return {call}`',
  create(context) {
    return {
      for_statement(loop) {
        if (loop.children.some((child) => child.type === 'async') || loop.childForFieldName('alternative')) return;
        const body = statementsOf(loop.childForFieldName('body'));
        if (body.length !== 1 || body[0]!.type !== 'if_statement') return;
        const check = body[0]!;
        if (check.childrenForFieldName('alternative').length > 0) return;
        const inner = statementsOf(check.childForFieldName('consequence'));
        const early = inner.length === 1 ? returnedBool(inner[0]!) : undefined;
        const after = nextStatement(loop);
        const late = after ? returnedBool(after) : undefined;
        if (early === undefined || late === undefined || early === late) return;
        const condition = check.childForFieldName('condition');
        const target = loop.childForFieldName('left');
        const iterable = loop.childForFieldName('right');
        if (!condition || !target || !iterable) return;
        // `await` or `yield` cannot move into a generator expression unchanged.
        if (someNode(loop, (node) => node.type === 'await' || node.type === 'yield')) return;
        const iterableText = shorten(context.text(iterable));
        const targetText = context.text(target);
        if (early === 'True') {
          const call = `any(${shorten(context.text(unparenthesized(condition) ?? condition))} for ${targetText} in ${iterableText})`;
          context.report(header(loop), { iterable: iterableText, question: 'any item matches', call });
        } else {
          const call = `all(${shorten(negated(condition, context.text.bind(context)))} for ${targetText} in ${iterableText})`;
          context.report(header(loop), { iterable: iterableText, question: 'every item passes', call });
        }
      },
    };
  },
});

/** `return True` / `return False`: the literal, else undefined. */
function returnedBool(statement: SyntaxNode): 'True' | 'False' | undefined {
  if (statement.type !== 'return_statement') return undefined;
  const value = unparenthesized(statement.namedChildren.find((child) => child.type !== 'comment'));
  if (value?.type === 'true') return 'True';
  if (value?.type === 'false') return 'False';
  return undefined;
}

/** Comparisons whose negation is another comparison for every type. */
const FLIPPED: Readonly<Record<string, string>> = { in: 'not in', 'not in': 'in', is: 'is not', 'is not': 'is' };

function negated(condition: SyntaxNode, text: (node: SyntaxNode) => string): string {
  const inner = unparenthesized(condition)!;
  if (inner.type === 'not_operator') {
    const argument = inner.childForFieldName('argument');
    if (argument) return text(argument);
  }
  if (inner.type === 'comparison_operator') {
    const operators = inner.childrenForFieldName('operators');
    const operands = inner.namedChildren.filter((child) => !operators.some((op) => op.startIndex === child.startIndex) && child.type !== 'comment');
    const flipped = operators.length === 1 ? FLIPPED[operators[0]!.type] : undefined;
    if (flipped && operands.length === 2) return `${text(operands[0]!)} ${flipped} ${text(operands[1]!)}`;
  }
  const simple = ['identifier', 'attribute', 'call', 'subscript', 'comparison_operator'].includes(inner.type);
  return simple ? `not ${text(inner)}` : `not (${text(inner)})`;
}

function shorten(code: string): string {
  const flat = code.replace(/\s+/g, ' ');
  return flat.length > 50 ? '...' : flat;
}

function header(loop: SyntaxNode): { startIndex: number; endIndex: number } {
  return { startIndex: loop.startIndex, endIndex: loop.childForFieldName('right')!.endIndex };
}
