import { defineRule, type SyntaxNode } from '../../src/core/rule.js';
import type { Binding, SemanticModel } from '../../src/semantic/index.js';
import { unparenthesizedParent } from '../../src/analysis/collections.js';

/** Annotations naming a mutable container, by qualified name. */
const MUTABLE_TYPES = new Set([
  'builtins.list',
  'builtins.dict',
  'builtins.set',
  'typing.List',
  'typing.Dict',
  'typing.Set',
  'typing.DefaultDict',
  'typing.OrderedDict',
  'typing.MutableSequence',
  'typing.MutableMapping',
  'typing.MutableSet',
  'collections.abc.MutableSequence',
  'collections.abc.MutableMapping',
  'collections.abc.MutableSet',
]);

const MUTABLE_DISPLAYS = new Set(['list', 'dictionary', 'set', 'list_comprehension', 'dictionary_comprehension', 'set_comprehension']);
const MUTABLE_FACTORIES = new Set(['builtins.list', 'builtins.dict', 'builtins.set', 'collections.deque', 'collections.defaultdict', 'collections.OrderedDict', 'collections.Counter']);

/** Methods that change a list, dict or set in place. */
const MUTATING_METHODS = new Set([
  'append', 'extend', 'insert', 'remove', 'pop', 'clear', 'sort', 'reverse',
  'update', 'setdefault', 'popitem', 'add', 'discard',
  'difference_update', 'intersection_update', 'symmetric_difference_update',
]);

export default defineRule({
  id: 'MUT006',
  name: 'parameter-mutated-and-returned',
  concept: 'mutability',
  level: 'warning',
  enabledByDefault: false,
  category: 'correctness',
  precision: 'medium',
  usesSemanticModel: true,
  message: '`{function}` changes its argument `{param}` in place and also returns it, so callers cannot tell whether their object changed; either mutate and return `None`, or build and return a copy',
  create(context) {
    const model = context.semantic;
    return {
      function_definition(node) {
        const info = model.functionInfo(node);
        if (!info) return;
        for (const [index, parameter] of info.parameters.entries()) {
          if (index === 0 && info.isMethod && (parameter.name === 'self' || parameter.name === 'cls')) continue;
          if (!isMutableParameter(model, parameter)) continue;
          const mutation = firstMutation(model, parameter);
          if (!mutation) continue;
          const bindings = info.scope.bindings.get(parameter.name) ?? [];
          if (bindings.some((b) => b !== parameter && b.startIndex < mutation.startIndex)) continue;
          if (!returnsAfter(model, parameter, mutation)) continue;
          const name = node.childForFieldName('name')!;
          context.report({ startIndex: node.startIndex, endIndex: name.endIndex }, { function: info.name, param: parameter.name });
        }
      },
    };
  },
});

/** Annotated as a list/dict/set (`list`, `list[int]`, `typing.Dict[...]`) or defaulting to one. */
function isMutableParameter(model: SemanticModel, parameter: Binding): boolean {
  const declaration = parameter.node.parent;
  if (!declaration) return false;
  let annotation = declaration.childForFieldName('type');
  if (annotation?.type === 'type') annotation = annotation.firstNamedChild;
  if (annotation?.type === 'generic_type' || annotation?.type === 'subscript') annotation = annotation.firstNamedChild;
  if (annotation && MUTABLE_TYPES.has(model.qualifiedName(annotation) ?? '')) return true;
  const value = declaration.childForFieldName('value');
  if (!value) return false;
  if (MUTABLE_DISPLAYS.has(value.type)) return true;
  return value.type === 'call' && MUTABLE_FACTORIES.has(model.qualifiedName(value.childForFieldName('function')) ?? '');
}

/** The first in-place change through the parameter in the function's own body: a mutating method call, or item assignment/deletion. */
function firstMutation(model: SemanticModel, parameter: Binding): SyntaxNode | undefined {
  for (const read of model.readsOf(parameter)) {
    if (read.scope !== parameter.scope) continue;
    const parent = read.node.parent;
    if (!parent) continue;
    if (parent.type === 'attribute' && parent.childForFieldName('object')?.startIndex === read.startIndex) {
      const method = parent.childForFieldName('attribute')?.text;
      if (method && MUTATING_METHODS.has(method) && parent.parent?.type === 'call') return read.node;
    }
    if (parent.type === 'subscript' && parent.childForFieldName('value')?.startIndex === read.startIndex) {
      const holder = parent.parent;
      if ((holder?.type === 'assignment' || holder?.type === 'augmented_assignment') && holder.childForFieldName('left')?.startIndex === parent.startIndex) {
        return read.node;
      }
      if (holder?.type === 'delete_statement' || holder?.parent?.type === 'delete_statement') return read.node;
    }
  }
  return undefined;
}

/**
 * `return param` after the mutation, inside the block that holds the mutating
 * statement: a return in another branch hands back an untouched argument.
 */
function returnsAfter(model: SemanticModel, parameter: Binding, mutation: SyntaxNode): boolean {
  const path = model.ancestors(mutation);
  let block: SyntaxNode | undefined;
  for (let i = path.length - 1; i >= 0; i--) {
    if (path[i]!.type === 'block') {
      block = path[i];
      break;
    }
  }
  if (!block) return false;
  return model.readsOf(parameter).some((read) => {
    if (read.scope !== parameter.scope || read.startIndex < mutation.endIndex) return false;
    if (read.startIndex >= block.endIndex) return false;
    return unparenthesizedParent(read.node)?.type === 'return_statement';
  });
}
