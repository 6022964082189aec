import { defineRule, type SyntaxNode } from '../../src/core/rule.js';
import { expressionOf, unparenthesized, unparenthesizedParent } from '../../src/analysis/collections.js';

const KINDS: Readonly<Record<string, string>> = {
  list_comprehension: 'list',
  set_comprehension: 'set',
  dictionary_comprehension: 'dict',
};

export default defineRule({
  id: 'GEN004',
  name: 'comprehension-for-side-effects',
  concept: 'comprehensions',
  level: 'warning',
  enabledByDefault: true,
  category: 'maintainability',
  precision: 'very-high',
  message: 'This {kind} comprehension runs `{body}` for its effect and throws the {kind} away; use a plain `for` loop',
  create(context) {
    // Visited from the comprehension up, not from every expression statement down: comprehensions are rare.
    const check = (comprehension: SyntaxNode): void => {
      const parent = unparenthesizedParent(comprehension);
      if (parent?.type !== 'expression_statement') return;
      // The statement is the comprehension alone (`[f(x) for x in xs]`), not `a, [..]` or `x = [...]`.
      const alone = unparenthesized(expressionOf(parent));
      if (alone?.startIndex !== comprehension.startIndex || alone.endIndex !== comprehension.endIndex) return;
      context.report(parent, { kind: KINDS[comprehension.type]!, body: describe(comprehension, context.text.bind(context)) });
    };
    return Object.fromEntries(Object.keys(KINDS).map((type) => [type, check]));
  },
});

/** The comprehension's body, short enough for a one-line message. */
function describe(comprehension: SyntaxNode, text: (node: SyntaxNode) => string): string {
  const body = comprehension.childForFieldName('body');
  if (!body) return '...';
  const whole = text(body);
  if (whole.length <= 40 && !whole.includes('\n')) return whole;
  const callee = body.type === 'call' ? body.childForFieldName('function') : null;
  const name = callee ? text(callee) : '';
  return name.length > 0 && name.length <= 40 && !name.includes('\n') ? `${name}(...)` : '...';
}
