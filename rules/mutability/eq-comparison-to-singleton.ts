import { defineRule, type SyntaxNode } from '../../src/core/rule.js';
import type { SemanticModel } from '../../src/semantic/index.js';

/** Methods of query builders (SQLAlchemy, Django, peewee, pandas) whose arguments use `== None` on purpose: it builds `IS NULL`. */
const QUERY_METHODS = new Set(['filter', 'filter_by', 'where', 'having', 'query', 'exclude', 'join', 'outerjoin', 'on', 'select', 'case', 'when']);

/** Functions that combine query expressions, by the name they are called under. */
const QUERY_COMBINATORS = new Set(['and_', 'or_', 'not_', 'case', 'select', 'Q', 'where']);

const SINGLETONS = new Set(['none', 'true', 'false']);

export default defineRule({
  id: 'MUT004',
  name: 'eq-comparison-to-singleton',
  concept: 'mutability',
  level: 'note',
  enabledByDefault: true,
  category: 'correctness',
  precision: 'high',
  usesSemanticModel: true,
  message: '`{comparison}` compares with `{singleton}` through `{operator}`, which a class can override; {advice}',
  create(context) {
    return {
      comparison_operator(node) {
        const parts = node.children;
        if (parts.length !== 3) return; // chained comparisons are left alone
        const [left, operator, right] = parts as [SyntaxNode, SyntaxNode, SyntaxNode];
        if (operator.type !== '==' && operator.type !== '!=') return;
        const [singleton, operand] = SINGLETONS.has(right.type) ? [right, left] : SINGLETONS.has(left.type) ? [left, right] : [];
        if (!singleton || !operand || !isPlainReference(operand)) return;
        if (inQueryExpression(context.semantic, node)) return;
        if (operand.type === 'attribute' && isModelColumn(context.semantic, operand)) return;
        const subject = context.text(operand);
        const negated = operator.type === '!=';
        const advice =
          singleton.type === 'none'
            ? `write \`${subject} ${negated ? 'is not' : 'is'} None\``
            : `test \`${(singleton.type === 'true') !== negated ? '' : 'not '}${subject}\` directly, or use \`is\` if only the exact \`bool\` should match`;
        context.report(node, {
          comparison: shorten(context.text(node)),
          singleton: singleton.text,
          operator: operator.type,
          advice,
        });
      },
    };
  },
});

/** A name or a chain of attributes on a name (`x`, `self.parent.node`): no calls or subscripts, whose `==` numpy or pandas may overload. */
function isPlainReference(node: SyntaxNode): boolean {
  let current: SyntaxNode | null = node;
  while (current?.type === 'attribute') current = current.childForFieldName('object');
  return current?.type === 'identifier';
}

/** Inside the arguments of a query-builder call, where `== None` means SQL `IS NULL`. */
function inQueryExpression(model: SemanticModel, node: SyntaxNode): boolean {
  for (let current = node.parent; current; current = current.parent) {
    const type = current.type;
    if (type.endsWith('_statement') || type === 'block' || type === 'module' || type === 'lambda' || type.endsWith('_definition')) return false;
    if (type !== 'call') continue;
    const callee = current.childForFieldName('function');
    if (callee?.type === 'attribute') {
      const method = callee.childForFieldName('attribute')?.text;
      if (method && (QUERY_METHODS.has(method) || QUERY_COMBINATORS.has(method))) return true;
    } else if (callee?.type === 'identifier') {
      const resolution = model.resolve(callee);
      if (resolution?.kind === 'binding' && resolution.bindings.some((b) => b.kind === 'from-import' || b.kind === 'import') && QUERY_COMBINATORS.has(callee.text)) return true;
    }
  }
  return false;
}

/**
 * `Model.column == None`: an attribute read straight off a class (defined here
 * or imported by name) is most likely an ORM column, whose `==` builds SQL.
 */
function isModelColumn(model: SemanticModel, attribute: SyntaxNode): boolean {
  const base = attribute.childForFieldName('object');
  if (base?.type !== 'identifier') return false;
  const resolution = model.resolve(base);
  if (resolution?.kind !== 'binding') return resolution?.kind === 'star';
  return resolution.bindings.some((binding) => binding.kind === 'class' || binding.kind === 'from-import');
}

function shorten(text: string): string {
  const oneLine = text.replace(/\s+/g, ' ');
  return oneLine.length > 50 ? `${oneLine.slice(0, 47)}...` : oneLine;
}
