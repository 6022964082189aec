import { containerDisplayKind } from '../../src/analysis/containers.js';
import { defineRule, type SyntaxNode, type Visitors } from '../../src/core/rule.js';

/** Calls whose result is a mutable container, by qualified name. */
const MUTABLE_FACTORIES: Readonly<Record<string, string>> = {
  'builtins.list': 'list',
  'builtins.dict': 'dict',
  'builtins.set': 'set',
  'builtins.bytearray': 'bytearray',
  'collections.deque': 'deque',
  'collections.defaultdict': 'defaultdict',
  'collections.OrderedDict': 'OrderedDict',
  'collections.Counter': 'Counter',
};

/**
 * Annotations that promise the function only reads the value: a type checker
 * rejects any mutation through them, so the shared default is harmless (ruff
 * exempts these too).
 */
const READ_ONLY_ANNOTATIONS = new Set(
  ['Sequence', 'Mapping', 'Iterable', 'Collection', 'AbstractSet', 'Container', 'Reversible', 'Sized', 'KeysView', 'ValuesView', 'ItemsView']
    .flatMap((name) => [`typing.${name}`, `collections.abc.${name}`]),
);

export default defineRule({
  id: 'MUT001',
  name: 'mutable-default-argument',
  concept: 'mutability',
  level: 'warning',
  enabledByDefault: true,
  category: 'correctness',
  precision: 'high',
  usesSemanticModel: true,
  message: 'Parameter `{param}` defaults to a {kind} that is created once and shared by every call; default to `None` and build it in the body',
  create(context): Visitors {
    const check = (parameter: SyntaxNode): void => {
      const value = parameter.childForFieldName('value');
      if (!value) return;
      const kind = mutableKind(value);
      if (!kind || hasReadOnlyAnnotation(parameter)) return;
      const name = parameter.childForFieldName('name');
      context.report(value, { param: name ? context.text(name) : '?', kind });
    };

    const mutableKind = (value: SyntaxNode): string | undefined => {
      const display = containerDisplayKind(value);
      if (display) return display;
      if (value.type !== 'call') return undefined;
      const callee = value.childForFieldName('function');
      const qualified = callee ? context.semantic.qualifiedName(callee) : undefined;
      return qualified ? MUTABLE_FACTORIES[qualified] : undefined;
    };

    const hasReadOnlyAnnotation = (parameter: SyntaxNode): boolean => {
      let annotation = parameter.childForFieldName('type');
      if (annotation?.type === 'type') annotation = annotation.firstNamedChild;
      if (annotation?.type === 'generic_type' || annotation?.type === 'subscript') {
        annotation = annotation.firstNamedChild;
      }
      const qualified = annotation ? context.semantic.qualifiedName(annotation) : undefined;
      return qualified !== undefined && READ_ONLY_ANNOTATIONS.has(qualified);
    };

    return { default_parameter: check, typed_default_parameter: check };
  },
});
