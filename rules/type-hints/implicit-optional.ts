import { defineRule, type SyntaxNode } from '../../src/core/rule.js';
import { genericParts, typingName, unwrapType } from '../../src/analysis/annotations.js';

/** Builtin classes that `None` is not an instance of. */
const BUILTIN_TYPES = new Set(
  ['int', 'float', 'complex', 'bool', 'str', 'bytes', 'bytearray', 'memoryview', 'list', 'dict', 'set', 'frozenset', 'tuple', 'type', 'range', 'slice'].map(
    (name) => `builtins.${name}`,
  ),
);

/** `typing` / `collections.abc` names that `None` never satisfies (not `Hashable`: `None` is hashable). */
const NON_NONE_TYPING = new Set([
  ...[
    'List', 'Dict', 'Set', 'FrozenSet', 'Tuple', 'Type', 'Deque', 'DefaultDict', 'OrderedDict', 'Counter', 'ChainMap', 'Text',
    'Pattern', 'Match', 'Sequence', 'MutableSequence', 'Mapping', 'MutableMapping', 'AbstractSet', 'MutableSet', 'Iterable',
    'Iterator', 'Collection', 'Container', 'Callable', 'Awaitable', 'Coroutine', 'AsyncIterable', 'AsyncIterator', 'Generator',
    'AsyncGenerator', 'Sized', 'Reversible',
  ].map((name) => `typing.${name}`),
  ...[
    'Sequence', 'MutableSequence', 'Mapping', 'MutableMapping', 'Set', 'MutableSet', 'Iterable', 'Iterator', 'Collection',
    'Container', 'Callable', 'Awaitable', 'Coroutine', 'AsyncIterable', 'AsyncIterator', 'Generator', 'AsyncGenerator', 'Sized',
    'Reversible',
  ].map((name) => `collections.abc.${name}`),
  'collections.deque', 'collections.defaultdict', 'collections.OrderedDict', 'collections.Counter', 'collections.ChainMap',
  'pathlib.Path', 'datetime.datetime', 'datetime.date', 'datetime.timedelta', 'decimal.Decimal', 'fractions.Fraction',
]);

const UNION = 'typing.Union';
const ANNOTATED = 'typing.Annotated';
const LITERAL = 'typing.Literal';

export default defineRule({
  id: 'TYP001',
  name: 'implicit-optional',
  concept: 'type-hints',
  level: 'warning',
  enabledByDefault: true,
  category: 'correctness',
  precision: 'high',
  checksStubs: true,
  usesSemanticModel: true,
  message: 'Parameter `{param}` defaults to `None` but is annotated `{annotation}`, which does not allow `None`; annotate it `{suggestion}`',
  create(context) {
    const semantic = context.semantic;
    let pipeSyntax: boolean | undefined;

    /**
     * Whether an annotation certainly excludes `None`. Unknown names (imports from
     * elsewhere, aliases, type variables) might admit it: false.
     */
    const excludesNone = (annotation: SyntaxNode): boolean => {
      const stack = [annotation];
      while (stack.length > 0) {
        const node = unwrapType(stack.pop()!);
        if (!node) return false;
        if (node.type === 'binary_operator') {
          if (node.childForFieldName('operator')?.type !== '|') return false;
          const left = node.childForFieldName('left');
          const right = node.childForFieldName('right');
          if (!left || !right) return false;
          stack.push(left, right);
          continue;
        }
        const generic = genericParts(node);
        if (generic) {
          const head = typingName(semantic, generic.head);
          if (head === UNION) {
            stack.push(...generic.args);
          } else if (head === ANNOTATED) {
            if (!generic.args[0]) return false;
            stack.push(generic.args[0]);
          } else if (head === LITERAL) {
            if (generic.args.some((arg) => arg.type === 'none' || !isPlainLiteral(arg))) return false;
          } else if (!isConcreteType(generic.head)) {
            return false;
          }
          continue;
        }
        if (node.type === 'string') {
          if (!quotedExcludesNone(node)) return false;
          continue;
        }
        if (!isConcreteType(node)) return false;
      }
      return true;
    };

    /** A name for a class `None` is not an instance of: a builtin, a known container ABC, a non-Protocol class of this file. */
    const isConcreteType = (node: SyntaxNode): boolean => {
      if (node.type !== 'identifier' && node.type !== 'attribute') return false;
      const qualified = typingName(semantic, node);
      if (qualified) return BUILTIN_TYPES.has(qualified) || NON_NONE_TYPING.has(qualified);
      if (node.type !== 'identifier') return false;
      const resolution = semantic.resolve(node);
      if (resolution?.kind !== 'binding' || resolution.bindings.length !== 1) return false;
      const binding = resolution.bindings[0]!;
      if (binding.kind !== 'class' || !binding.definedScope) return false;
      const info = semantic.classInfo(binding.definedScope.node);
      return !!info && !info.bases.some((base) => typingName(semantic, base) === 'typing.Protocol');
    };

    /**
     * A quoted annotation: only the plain cases are read, a (dotted) name or a
     * subscript of one, and only when the text does not mention `None`,
     * `Optional`, `Any` or `object` anywhere.
     */
    const quotedExcludesNone = (node: SyntaxNode): boolean => {
      const content = node.namedChildren.filter((child) => child.type === 'string_content');
      if (content.length !== 1 || node.namedChildren.some((child) => child.type === 'interpolation')) return false;
      const text = context.text(content[0]!).trim();
      if (/\b(None|Optional|Any|object)\b/.test(text)) return false;
      const match = /^([A-Za-z_]\w*)(?:\[.*\])?$/.exec(text);
      if (!match) return false;
      const resolution = semantic.lookup(match[1]!, semantic.scopeOf(node));
      if (resolution.kind === 'builtin') return BUILTIN_TYPES.has(`builtins.${resolution.name}`);
      if (resolution.kind !== 'binding' || resolution.bindings.length !== 1) return false;
      const binding = resolution.bindings[0]!;
      if (binding.kind === 'class' && binding.definedScope) {
        const info = semantic.classInfo(binding.definedScope.node);
        return !!info && !info.bases.some((base) => typingName(semantic, base) === 'typing.Protocol');
      }
      const imported = binding.importedName?.replace(/^typing_extensions\./, 'typing.');
      return (binding.kind === 'from-import' || binding.kind === 'import') && !!imported && NON_NONE_TYPING.has(imported);
    };

    /** `Union[A, B]`: its last argument, after which `, None` reads better than wrapping it all in `Optional[...]`. */
    const unionWithRoomForNone = (type: SyntaxNode | undefined): SyntaxNode | undefined => {
      const generic = type ? genericParts(type) : undefined;
      if (!generic || typingName(semantic, generic.head) !== 'typing.Union') return undefined;
      return generic.args.at(-1);
    };

    return {
      typed_default_parameter(parameter) {
        if (parameter.childForFieldName('value')?.type !== 'none') return;
        const annotation = parameter.childForFieldName('type');
        if (!annotation || !excludesNone(annotation)) return;
        const name = parameter.childForFieldName('name');
        const written = context.text(annotation);
        // Not `from __future__ import annotations`: code that evaluates annotations at run time
        // (pydantic, `get_type_hints`) would still fail on `X | None` before 3.10.
        pipeSyntax ??= context.targetVersion[0] > 3 || context.targetVersion[1] >= 10;
        const inner = unwrapType(annotation);
        const union = pipeSyntax ? undefined : unionWithRoomForNone(inner);
        const suggestion = union
          ? `${written.slice(0, union.endIndex - annotation.startIndex)}, None${written.slice(union.endIndex - annotation.startIndex)}`
          : inner?.type === 'string'
            ? pipeSyntax
              ? `"${written.slice(1, -1)} | None"`
              : `"Optional[${written.slice(1, -1)}]"`
            : pipeSyntax || inner?.type === 'binary_operator'
              ? `${written} | None`
              : `Optional[${written}]`;
        context.report(parameter, { param: name ? context.text(name) : '?', annotation: written, suggestion });
      },
    };
  },
});

/** A literal that can appear in `Literal[...]`. */
function isPlainLiteral(node: SyntaxNode): boolean {
  return ['string', 'integer', 'true', 'false', 'unary_operator', 'concatenated_string', 'attribute'].includes(node.type);
}
