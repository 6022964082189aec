import { defineRule, type SyntaxNode } from '../../src/core/rule.js';
import {
  expressionOf,
  isPlainExpression,
  membershipTest,
  plainArguments,
  sameExpression,
  singleSubscript,
  statementsOf,
  unparenthesized,
} from '../../src/analysis/collections.js';
import { TextOccurrences } from '../../src/analysis/text-occurrences.js';

export default defineRule({
  id: 'COL001',
  name: 'manual-counter',
  concept: 'collections',
  level: 'note',
  enabledByDefault: true,
  category: 'maintainability',
  precision: 'high',
  message: '`{dict}` counts by hand; make it a `collections.Counter`, where `{dict}[{key}] += 1` needs no default and no membership check',
  create(context) {
    // Both forms spell a word the statement cannot match without: `.get(` in the first, `+=` in the second.
    const gets = new TextOccurrences(context.source, ['get']);
    const increments = new TextOccurrences(context.source, ['+=']);
    return {
      // d[k] = d.get(k, 0) + 1
      expression_statement(statement) {
        if (!gets.within(statement)) return;
        const assignment = expressionOf(statement);
        if (assignment?.type !== 'assignment' || assignment.childForFieldName('type')) return;
        const slot = singleSubscript(assignment.childForFieldName('left'));
        if (!slot || !isPlainExpression(slot.target) || !isPlainExpression(slot.key) || isRuntimeDict(slot.target) || isFieldName(slot.key)) return;
        const sum = unparenthesized(assignment.childForFieldName('right'));
        if (sum?.type !== 'binary_operator' || sum.childForFieldName('operator')?.type !== '+') return;
        const left = unparenthesized(sum.childForFieldName('left'));
        const right = unparenthesized(sum.childForFieldName('right'));
        const lookup = isOne(right) ? left : isOne(left) ? right : undefined;
        if (!lookup || !isGetWithZero(lookup, slot.target, slot.key)) return;
        context.report(statement, { dict: context.text(slot.target), key: context.text(slot.key) });
      },
      // if k in d: d[k] += 1  else: d[k] = 1   (or the `not in` order)
      if_statement(statement) {
        if (!increments.within(statement)) return;
        const test = membershipTest(statement.childForFieldName('condition'));
        if (!test || !isPlainExpression(test.key) || !isPlainExpression(test.container) || isRuntimeDict(test.container) || isFieldName(test.key)) return;
        const alternatives = statement.childrenForFieldName('alternative');
        if (alternatives.length !== 1 || alternatives[0]!.type !== 'else_clause') return;
        const then = onlyStatement(statement.childForFieldName('consequence'));
        const otherwise = onlyStatement(alternatives[0]!.childForFieldName('body'));
        if (!then || !otherwise) return;
        const [present, absent] = test.negated ? [otherwise, then] : [then, otherwise];
        if (!incrementsByOne(present, test.container, test.key) || !setsToOne(absent, test.container, test.key)) return;
        context.report(statement, { dict: context.text(test.container), key: context.text(test.key) });
      },
    };
  },
});

/** `module.__dict__`, `cls.__annotations__`: dicts Python owns, which cannot be swapped for a Counter. */
function isRuntimeDict(target: SyntaxNode): boolean {
  const attribute = target.type === 'attribute' ? target.childForFieldName('attribute')?.text : undefined;
  return attribute !== undefined && /^__\w+__$/.test(attribute);
}

/**
 * `options["index"]`: a key spelled as a string literal names one field of a
 * record-like dict (keyword options, metadata) that holds other values too;
 * turning that whole dict into a Counter is not the fix.
 */
function isFieldName(key: SyntaxNode): boolean {
  // Only plain keys get here: no f-string, whose key would vary.
  return key.type === 'string';
}

function isOne(node: SyntaxNode | undefined): boolean {
  return node?.type === 'integer' && node.text === '1';
}

/** `target.get(key, 0)` */
function isGetWithZero(node: SyntaxNode, target: SyntaxNode, key: SyntaxNode): boolean {
  const method = node.type === 'call' ? node.childForFieldName('function') : null;
  if (method?.type !== 'attribute' || method.childForFieldName('attribute')?.text !== 'get') return false;
  const callee = method.childForFieldName('object');
  const args = plainArguments(node);
  return sameExpression(callee, target) && args?.length === 2 && sameExpression(args[0], key) && args[1]!.type === 'integer' && args[1]!.text === '0';
}

function onlyStatement(block: SyntaxNode | null): SyntaxNode | undefined {
  const statements = statementsOf(block);
  return statements.length === 1 ? expressionOf(statements[0]) : undefined;
}

/** `target[key] += 1` */
function incrementsByOne(expression: SyntaxNode, target: SyntaxNode, key: SyntaxNode): boolean {
  if (expression.type !== 'augmented_assignment' || expression.childForFieldName('operator')?.type !== '+=') return false;
  const slot = singleSubscript(expression.childForFieldName('left'));
  return !!slot && sameExpression(slot.target, target) && sameExpression(slot.key, key) && isOne(unparenthesized(expression.childForFieldName('right')));
}

/** `target[key] = 1` */
function setsToOne(expression: SyntaxNode, target: SyntaxNode, key: SyntaxNode): boolean {
  if (expression.type !== 'assignment' || expression.childForFieldName('type')) return false;
  const slot = singleSubscript(expression.childForFieldName('left'));
  return !!slot && sameExpression(slot.target, target) && sameExpression(slot.key, key) && isOne(unparenthesized(expression.childForFieldName('right')));
}
