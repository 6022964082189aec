import { defineRule, type SyntaxNode } from '../../src/core/rule.js';
import type { SemanticModel } from '../../src/semantic/index.js';

/** Displays and comprehensions that build a fresh mutable object each time they run. */
const MUTABLE_DISPLAYS = new Set(['list', 'dictionary', 'set', 'list_comprehension', 'dictionary_comprehension', 'set_comprehension']);

/** Calls that build a fresh mutable container, by qualified name. */
const MUTABLE_FACTORIES = new Set([
  'builtins.list',
  'builtins.dict',
  'builtins.set',
  'builtins.bytearray',
  'collections.deque',
  'collections.defaultdict',
  'collections.OrderedDict',
  'collections.Counter',
]);

/**
 * Libraries whose functions turn nested lists into their own arrays or
 * matrices, copying every row: `numpy.array([[0] * 3] * 2)` holds no aliases.
 */
const ARRAY_LIBRARIES = new Set(['numpy', 'scipy', 'sympy', 'pandas', 'torch', 'jax', 'tensorflow']);

/** Test assertion helpers (`assertEqual`, `assert_equal`, `assert_allclose`...) only compare what they are given. */
const ASSERTION_HELPER = /^assert/i;

/** What a list product can sit inside and still be the same data handed on. */
const DATA_CARRIERS = new Set(['parenthesized_expression', 'list', 'tuple', 'binary_operator', 'keyword_argument']);

export default defineRule({
  id: 'MUT002',
  name: 'list-multiplication-aliasing',
  concept: 'mutability',
  level: 'error',
  enabledByDefault: true,
  category: 'correctness',
  precision: 'high',
  usesSemanticModel: true,
  message: '`{expression}` puts the same `{element}` object in every position; build a fresh one per position with `[{element} for _ in range({count})]`',
  create(context) {
    return {
      binary_operator(node) {
        if (node.childForFieldName('operator')?.type !== '*') return;
        const left = unwrap(node.childForFieldName('left'));
        const right = unwrap(node.childForFieldName('right'));
        if (!left || !right) return;
        const [display, count] = left.type === 'list' ? [left, right] : right.type === 'list' ? [right, left] : [];
        if (!display || !count) return;
        const elements = display.namedChildren.filter((child) => child.type !== 'comment');
        const mutable = elements.find((element) => isFreshMutable(context.semantic, element));
        if (!mutable || isOnlyCopiedOrCompared(context.semantic, node)) return;
        const element = context.text(mutable);
        const countText = context.text(count);
        const data = { expression: shorten(context.text(node)), element: shorten(element), count: shorten(countText) };
        if (elements.length === 1 && isPure(context.semantic, mutable) && !count.text.includes('\n') && !readsClassNames(context.semantic, mutable)) {
          context.report(node, data, {
            fix: {
              description: `Build a separate ${element.length > 30 ? 'item' : `\`${element}\``} for each position`,
              edits: [{ span: node, replacement: `[${element} for _ in range(${countText})]` }],
            },
          });
        } else {
          context.report(node, data);
        }
      },
    };
  },
});

/**
 * The product (perhaps nested in other lists or products) is only compared
 * (`==`, an assertion helper) or handed to an array library that copies it
 * into its own storage: no row can ever be changed through an alias.
 */
function isOnlyCopiedOrCompared(model: SemanticModel, product: SyntaxNode): boolean {
  let parent = product.parent;
  while (parent && DATA_CARRIERS.has(parent.type)) parent = parent.parent;
  if (parent?.type === 'comparison_operator') return true;
  if (parent?.type !== 'argument_list') return false;
  const callee = parent.parent?.childForFieldName('function');
  if (!callee) return false;
  const name = callee.type === 'attribute' ? callee.childForFieldName('attribute') : callee;
  if (name?.type === 'identifier' && ASSERTION_HELPER.test(name.text)) return true;
  const root = model.qualifiedName(callee)?.split('.')[0];
  return root !== undefined && ARRAY_LIBRARIES.has(root);
}

function unwrap(node: SyntaxNode | null): SyntaxNode | null {
  let current = node;
  while (current?.type === 'parenthesized_expression' && current.namedChildCount === 1) current = current.firstNamedChild;
  return current;
}

/** A list/dict/set display or comprehension, a call to a mutable constructor, or `[...] * m`. */
function isFreshMutable(model: SemanticModel, element: SyntaxNode): boolean {
  const node = unwrap(element);
  if (!node) return false;
  if (MUTABLE_DISPLAYS.has(node.type)) return true;
  if (node.type === 'call') {
    const name = model.qualifiedName(node.childForFieldName('function'));
    return name !== undefined && MUTABLE_FACTORIES.has(name);
  }
  if (node.type === 'binary_operator' && node.childForFieldName('operator')?.type === '*') {
    return unwrap(node.childForFieldName('left'))?.type === 'list' || unwrap(node.childForFieldName('right'))?.type === 'list';
  }
  return false;
}

/**
 * Whether evaluating the element once per position gives the same values as
 * evaluating it once: no calls other than the mutable constructors, no
 * comprehensions, no walrus, and no name `_` that the comprehension would rebind.
 */
function isPure(model: SemanticModel, element: SyntaxNode): boolean {
  const stack: SyntaxNode[] = [element];
  for (let node = stack.pop(); node; node = stack.pop()) {
    switch (node.type) {
      case 'call': {
        const name = model.qualifiedName(node.childForFieldName('function'));
        if (name === undefined || !MUTABLE_FACTORIES.has(name)) return false;
        break;
      }
      case 'list_comprehension':
      case 'dictionary_comprehension':
      case 'set_comprehension':
      case 'generator_expression':
      case 'named_expression':
      case 'await':
      case 'yield':
      case 'lambda':
      case 'comment':
        return false;
      case 'identifier':
        if (node.text === '_') return false;
        break;
      default:
        break;
    }
    stack.push(...node.namedChildren);
  }
  return true;
}

function shorten(text: string): string {
  const oneLine = text.replace(/\s+/g, ' ');
  return oneLine.length > 40 ? `${oneLine.slice(0, 37)}...` : oneLine;
}

/** In a class body, a comprehension's item cannot see the class's own names: `[[0] * W] * n` must keep its shape there. */
function readsClassNames(model: SemanticModel, element: SyntaxNode): boolean {
  const stack: SyntaxNode[] = [element];
  for (let node = stack.pop(); node; node = stack.pop()) {
    if (node.type === 'identifier') {
      const resolution = model.resolve(node);
      if (resolution?.kind === 'binding' && resolution.scope.kind === 'class') return true;
    }
    stack.push(...node.namedChildren);
  }
  return false;
}
