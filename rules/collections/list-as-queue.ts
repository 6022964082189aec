import { defineRule, type SyntaxNode, type Visitors } from '../../src/core/rule.js';
import { sameNode, type Binding, type SemanticModel } from '../../src/semantic/index.js';
import { methodCall, plainArguments, unparenthesized } from '../../src/analysis/collections.js';

const LIST_FACTORIES = new Set(['builtins.list', 'builtins.sorted']);
const LIST_ANNOTATIONS = new Set(['builtins.list', 'typing.List']);

export default defineRule({
  id: 'COL003',
  name: 'list-as-queue',
  concept: 'collections',
  level: 'note',
  enabledByDefault: true,
  category: 'performance',
  precision: 'high',
  usesSemanticModel: true,
  message: '`{name}.{slow}` shifts every other item of the list on each pass of the loop; make `{name}` a `collections.deque` and use `{name}.{fast}`',
  create(context): Visitors {
    // The rule is about a literal `pop(0)` / `insert(0, ...)`: files without one are skipped unread.
    if (!/\.(?:pop|insert)\(\s*0\b/.test(context.source)) return {};
    const semantic = context.semantic;
    return {
      call(call) {
        const target = methodCall(call);
        if (!target || (target.method !== 'pop' && target.method !== 'insert')) return;
        const args = plainArguments(call);
        const expected = target.method === 'pop' ? 1 : 2;
        if (args?.length !== expected || !isZero(args[0]!)) return;
        // One removal or insertion at the front is cheap enough; the cost adds up in a loop.
        const loop = semantic.enclosingLoop(call);
        if (!loop || isShortRangeLoop(loop, semantic) || leavesLoopAfter(call, loop, semantic)) return;
        if (!isKnownList(target.receiver, semantic)) return;
        // A list built afresh in the same loop pass gets only a few front operations before it is replaced.
        const resolution = semantic.resolve(target.receiver);
        if (resolution?.kind === 'binding' && resolution.bindings.some((binding) => binding.startIndex >= loop.startIndex && binding.endIndex <= loop.endIndex && binding.kind !== 'augmented')) return;
        const name = target.receiver.text;
        if (target.method === 'pop') context.report(call, { name, slow: 'pop(0)', fast: 'popleft()' });
        else context.report(call, { name, slow: 'insert(0, …)', fast: 'appendleft(…)' });
      },
    };
  },
});

/** `for _ in range(4):` with a literal bound: a handful of passes, not a growing queue. */
function isShortRangeLoop(loop: SyntaxNode, semantic: SemanticModel): boolean {
  if (loop.type !== 'for_statement') return false;
  const iterable = unparenthesized(loop.childForFieldName('right'));
  if (iterable?.type !== 'call' || semantic.qualifiedName(iterable.childForFieldName('function')) !== 'builtins.range') return false;
  const args = plainArguments(iterable);
  return !!args && args.length > 0 && args.every((arg) => arg.type === 'integer');
}

/**
 * A `break` or `return` further down a block that holds the call ends the loop
 * once the call has run: it runs once per loop, not on each pass.
 */
function leavesLoopAfter(call: SyntaxNode, loop: SyntaxNode, semantic: SemanticModel): boolean {
  const path = semantic.ancestors(call);
  const start = path.findIndex((node) => sameNode(node, loop));
  for (let i = start + 1; i < path.length; i++) {
    if (path[i]!.type !== 'block') continue;
    for (let next = (path[i + 1] ?? call).nextNamedSibling; next; next = next.nextNamedSibling) {
      if (next.type === 'break_statement' || next.type === 'return_statement') return true;
    }
  }
  return false;
}

function isZero(node: SyntaxNode): boolean {
  return node.type === 'integer' && node.text === '0';
}

/** Every binding of the name makes it a list: list displays, comprehensions, `list()`/`sorted()`, or a `list` annotation. */
function isKnownList(receiver: SyntaxNode, semantic: SemanticModel): boolean {
  const resolution = semantic.resolve(receiver);
  if (resolution?.kind !== 'binding' || resolution.bindings.length === 0) return false;
  return resolution.bindings.every((binding) => bindsList(binding, semantic));
}

function bindsList(binding: Binding, semantic: SemanticModel): boolean {
  const parent = binding.node.parent;
  switch (binding.kind) {
    case 'augmented':
      // `queue += [...]` keeps a list a list.
      return true;
    case 'assignment':
    case 'annotated': {
      if (parent?.type !== 'assignment' || parent.childForFieldName('left')?.startIndex !== binding.node.startIndex) return false;
      const annotation = parent.childForFieldName('type');
      if (annotation && isListAnnotation(annotation, semantic)) return true;
      return isListValue(parent.childForFieldName('right'), semantic);
    }
    case 'parameter': {
      const annotation = parent?.childForFieldName('type');
      return !!annotation && (parent?.type === 'typed_parameter' || parent?.type === 'typed_default_parameter') && isListAnnotation(annotation, semantic);
    }
    default:
      return false;
  }
}

function isListValue(node: SyntaxNode | null, semantic: SemanticModel): boolean {
  const value = unparenthesized(node);
  if (!value) return false;
  if (value.type === 'list' || value.type === 'list_comprehension') return true;
  if (value.type !== 'call') return false;
  const qualified = semantic.qualifiedName(value.childForFieldName('function'));
  return qualified !== undefined && LIST_FACTORIES.has(qualified);
}

function isListAnnotation(annotation: SyntaxNode, semantic: SemanticModel): boolean {
  let node: SyntaxNode | null = annotation.type === 'type' ? annotation.firstNamedChild : annotation;
  if (node?.type === 'generic_type' || node?.type === 'subscript') node = node.firstNamedChild;
  const qualified = semantic.qualifiedName(node);
  return qualified !== undefined && LIST_ANNOTATIONS.has(qualified);
}
