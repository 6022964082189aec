import { defineRule, type SyntaxNode } from '../../src/core/rule.js';
import {
  emptyContainerKind,
  expressionOf,
  isPlainExpression,
  membershipTest,
  nextStatement,
  sameExpression,
  singleSubscript,
  statementsOf,
  unparenthesized,
} from '../../src/analysis/collections.js';

/** Methods that fill the value a grouping dict holds. */
const FILLERS = new Set(['append', 'extend', 'insert', 'add', 'update']);
const EMPTY: Readonly<Record<string, string>> = { list: '[]', set: 'set()', dict: '{}' };

export default defineRule({
  id: 'COL002',
  name: 'manual-grouping',
  concept: 'collections',
  level: 'note',
  enabledByDefault: true,
  category: 'maintainability',
  precision: 'high',
  usesSemanticModel: true,
  message: '`{dict}[{key}]` is created by hand before it is filled; {remedy}',
  create(context) {
    return {
      if_statement(statement) {
        const test = membershipTest(statement.childForFieldName('condition'));
        if (!test?.negated || !isPlainExpression(test.key) || !isPlainExpression(test.container)) return;
        if (statement.childrenForFieldName('alternative').length > 0) return;
        const body = statementsOf(statement.childForFieldName('consequence'));
        if (body.length !== 1) return;
        // if key not in groups: groups[key] = []
        const assignment = expressionOf(body[0]);
        if (assignment?.type !== 'assignment' || assignment.childForFieldName('type')) return;
        const slot = singleSubscript(assignment.childForFieldName('left'));
        if (!slot || !sameExpression(slot.target, test.container) || !sameExpression(slot.key, test.key)) return;
        const kind = emptyContainerKind(assignment.childForFieldName('right'), context.semantic);
        if (!kind) return;
        if (!fillsSlot(nextStatement(statement), test.container, test.key)) return;
        const dict = context.text(test.container);
        const key = context.text(test.key);
        const setdefault = `write \`${dict}.setdefault(${key}, ${EMPTY[kind]!})\``;
        // A key spelled as a string names one field of a record-like dict (options, a parsed document):
        // the dict holds other values too, so only `setdefault` fits there.
        const remedy = test.key.type === 'string' ? setdefault : `make \`${dict}\` a \`collections.defaultdict(${kind})\` or ${setdefault}`;
        context.report(statement, { dict, key, remedy });
      },
    };
  },
});

/** `groups[key].append(...)`, `.add(...)`, `.update(...)` or `groups[key][inner] = ...` right after the `if`. */
function fillsSlot(statement: SyntaxNode | null, container: SyntaxNode, key: SyntaxNode): boolean {
  const expression = unparenthesized(expressionOf(statement));
  if (!expression) return false;
  const isSlot = (node: SyntaxNode | null | undefined): boolean => {
    const slot = singleSubscript(unparenthesized(node));
    return !!slot && sameExpression(slot.target, container) && sameExpression(slot.key, key);
  };
  if (expression.type === 'call') {
    const callee = expression.childForFieldName('function');
    if (callee?.type !== 'attribute') return false;
    return FILLERS.has(callee.childForFieldName('attribute')?.text ?? '') && isSlot(callee.childForFieldName('object'));
  }
  if (expression.type === 'assignment' || expression.type === 'augmented_assignment') {
    const inner = singleSubscript(expression.childForFieldName('left'));
    return !!inner && isSlot(inner.target);
  }
  return false;
}
