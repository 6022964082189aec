import { defineRule, type SyntaxNode } from '../../src/core/rule.js';
import type { SemanticModel } from '../../src/semantic/index.js';
import { containerDisplayKind } from '../../src/analysis/containers.js';
import { cacheDecorator } from '../../src/analysis/decorators.js';

/** Annotations naming an unhashable container, by qualified name. */
const UNHASHABLE_TYPES: Readonly<Record<string, string>> = {
  'builtins.list': 'list',
  'builtins.dict': 'dict',
  'builtins.set': 'set',
  'builtins.bytearray': 'bytearray',
  'typing.List': 'list',
  'typing.Dict': 'dict',
  'typing.Set': 'set',
  'typing.DefaultDict': 'dict',
  'typing.OrderedDict': 'dict',
};

const WRAPPERS = new Set(['typing.Optional', 'typing.Union']);

export default defineRule({
  id: 'DEC003',
  name: 'cache-unhashable-argument',
  concept: 'decorators',
  level: 'error',
  enabledByDefault: true,
  category: 'correctness',
  precision: 'high',
  usesSemanticModel: true,
  message: '{what} a {kind}, but cached function `{function}` needs hashable arguments (`TypeError: unhashable type`); use a tuple or frozenset',
  create(context) {
    const model = context.semantic;
    return {
      function_definition(node) {
        const cache = cacheDecorator(model, node);
        if (!cache || cachesNothing(cache)) return;
        const info = model.functionInfo(node);
        if (!info) return;
        for (const parameter of info.parameters) {
          const declaration = parameter.node.parent;
          if (!declaration || declaration.type === 'list_splat_pattern' || declaration.type === 'dictionary_splat_pattern') continue;
          const kind = unhashableAnnotation(model, declaration.childForFieldName('type'));
          if (kind) context.report(declaration, { what: `Parameter \`${parameter.name}\` is annotated as`, kind, function: info.name });
        }
        const name = node.childForFieldName('name');
        const binding = name ? model.bindingAt(name) : undefined;
        if (!binding) return;
        for (const read of model.readsOf(binding)) {
          const call = read.node.parent;
          if (call?.type !== 'call' || call.childForFieldName('function')?.startIndex !== read.startIndex) continue;
          for (const argument of call.childForFieldName('arguments')?.namedChildren ?? []) {
            const value = argument.type === 'keyword_argument' ? argument.childForFieldName('value') : argument;
            const kind = value ? containerDisplayKind(value) : undefined;
            if (kind) {
              context.report(call, { what: `\`${info.name}(...)\` is passed`, kind, function: info.name });
              break;
            }
          }
        }
      },
    };
  },
});

/** `@lru_cache(maxsize=0)` or `@lru_cache(0)` calls straight through without building a key. */
function cachesNothing(decorator: SyntaxNode): boolean {
  if (decorator.type !== 'call') return false;
  const first = decorator.childForFieldName('arguments')?.namedChildren[0];
  const value = first?.type === 'keyword_argument' ? (first.childForFieldName('name')?.text === 'maxsize' ? first.childForFieldName('value') : null) : first;
  return value?.type === 'integer' && Number(value.text) === 0;
}

/** The unhashable container an annotation names, looking into `Optional[...]`, `Union[...]` and `X | None`. */
function unhashableAnnotation(model: SemanticModel, annotation: SyntaxNode | null): string | undefined {
  const stack: SyntaxNode[] = annotation ? [annotation] : [];
  for (let node = stack.pop(); node; node = stack.pop()) {
    switch (node.type) {
      case 'type':
        if (node.firstNamedChild) stack.push(node.firstNamedChild);
        break;
      case 'binary_operator':
        for (const side of [node.childForFieldName('left'), node.childForFieldName('right')]) if (side) stack.push(side);
        break;
      case 'generic_type':
      case 'subscript': {
        const base = node.type === 'subscript' ? node.childForFieldName('value') : node.firstNamedChild;
        const name = model.qualifiedName(base) ?? '';
        if (UNHASHABLE_TYPES[name]) return UNHASHABLE_TYPES[name];
        if (!WRAPPERS.has(name)) break;
        const inner = node.type === 'subscript' ? node.namedChildren.slice(1) : node.namedChildren[1]?.namedChildren ?? [];
        stack.push(...inner);
        break;
      }
      case 'identifier':
      case 'attribute': {
        const kind = UNHASHABLE_TYPES[model.qualifiedName(node) ?? ''];
        if (kind) return kind;
        break;
      }
      default:
        break;
    }
  }
  return undefined;
}
