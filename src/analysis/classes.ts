/**
 * Questions the object-model and `__slots__` rules ask about classes, built on
 * the semantic model's public API: where a class line is, which module class a
 * base expression names, what a class's `__slots__` hold, and whether a name is
 * defined in a class's body. No recursion: hierarchies are walked with loops.
 */
import type { Span, SyntaxNode } from '../core/rule.js';
import type { Binding, ClassInfo, SemanticModel } from '../semantic/index.js';
import { typeCheckingOnlyBlocks } from './type-checking.js';

/** The `class Name(Bases)` part of a class definition, up to its colon: where class findings are reported. */
export function classHeader(definition: SyntaxNode): Span {
  const colon = definition.children.find((child) => child.type === ':');
  const name = definition.childForFieldName('name');
  return { startIndex: definition.startIndex, endIndex: colon?.endIndex ?? name?.endIndex ?? definition.endIndex };
}

/** The name of a class, for messages. */
export function className(info: ClassInfo): string {
  return info.name || '?';
}

/** Binding kinds that give a class-body name a value (a bare `x: int` annotation does not). */
const VALUE_KINDS = new Set<Binding['kind']>([
  'assignment',
  'annotated',
  'augmented',
  'walrus',
  'function',
  'class',
  'import',
  'from-import',
  'for',
  'with',
]);

/** The bindings of `name` in the class body that give it a value (defs, assignments, imports). */
export function classBodyValues(info: ClassInfo, name: string): Binding[] {
  return (info.scope.bindings.get(name) ?? []).filter((binding) => VALUE_KINDS.has(binding.kind));
}

/** Per class, the blocks of its body that only a type checker reads. */
const typeCheckingBlocks = new WeakMap<ClassInfo, SyntaxNode[]>();

/**
 * Whether a class-body binding happens when the class is created: false for
 * one under `if TYPE_CHECKING:` directly in the body, which only declares the
 * name for a type checker.
 */
export function runsAtClassCreation(semantic: SemanticModel, info: ClassInfo, binding: Binding): boolean {
  let blocks = typeCheckingBlocks.get(info);
  if (!blocks) {
    const body = info.node.childForFieldName('body');
    blocks = body ? typeCheckingOnlyBlocks(semantic, body) : [];
    typeCheckingBlocks.set(info, blocks);
  }
  return !blocks.some((block) => block.startIndex <= binding.startIndex && binding.endIndex <= block.endIndex);
}

/** The bindings of `name` in the class body that give it a value when the class is created (not the `TYPE_CHECKING`-only ones). */
export function runtimeClassBodyValues(semantic: SemanticModel, info: ClassInfo, name: string): Binding[] {
  return classBodyValues(info, name).filter((binding) => runsAtClassCreation(semantic, info, binding));
}

/** The statements of a def's body, comments and a leading docstring left out. */
export function bodyWithoutDocstring(definition: SyntaxNode): SyntaxNode[] {
  const statements = definition.childForFieldName('body')?.namedChildren.filter((child) => child.type !== 'comment') ?? [];
  const [first, ...rest] = statements;
  return first?.type === 'expression_statement' && first.firstNamedChild?.type === 'string' ? rest : statements;
}

/** Whether the class body binds `name` in any way (a def, an assignment, even a bare annotation). */
export function definesInBody(info: ClassInfo, name: string): boolean {
  return (info.scope.bindings.get(name) ?? []).some((binding) => binding.kind !== 'delete');
}

/**
 * The module class a base expression names: a plain name whose every binding
 * where it is read is one `class` statement. Undefined for imported names,
 * attributes, calls, subscripts, and names bound more than one way.
 */
export function localClassOf(semantic: SemanticModel, base: SyntaxNode): ClassInfo | undefined {
  if (base.type !== 'identifier') return undefined;
  const resolution = semantic.resolve(base);
  if (resolution?.kind !== 'binding') return undefined;
  const bindings = resolution.bindings.filter((binding) => binding.kind !== 'annotation');
  if (bindings.length !== 1) return undefined;
  const only = bindings[0]!;
  if (only.kind !== 'class' || !only.definedScope) return undefined;
  return semantic.classInfo(only.definedScope.node);
}

/** The base expression without a subscript: `Generic[T]` → `Generic`. */
export function baseCallee(base: SyntaxNode): SyntaxNode {
  if (base.type === 'subscript' || base.type === 'generic_type') {
    return base.childForFieldName('value') ?? base.firstNamedChild ?? base;
  }
  return base;
}

/** What a class's `__slots__` hold. */
export interface Slots {
  /** The slot names written as string literals. */
  readonly names: ReadonlySet<string>;
  /** Every `__slots__` value was a literal whose every entry is a plain string literal. */
  readonly complete: boolean;
  /** The `__slots__` assignments. */
  readonly bindings: readonly Binding[];
}

/**
 * The `__slots__` of a class body, or undefined when the body never assigns it
 * when the class is created (an assignment under `if TYPE_CHECKING:` does not
 * count). Understands a string, and tuples, lists, sets and dicts (their keys)
 * of string literals; anything else makes the result incomplete.
 */
export function slotsOf(semantic: SemanticModel, info: ClassInfo): Slots | undefined {
  const bindings = (info.scope.bindings.get('__slots__') ?? []).filter(
    (binding) => binding.kind !== 'annotation' && binding.kind !== 'delete' && runsAtClassCreation(semantic, info, binding),
  );
  if (bindings.length === 0) return undefined;
  const names = new Set<string>();
  let complete = true;
  for (const binding of bindings) {
    const value = assignedValue(binding);
    if (!value || !collectSlotNames(semantic, value, names)) complete = false;
  }
  return { names, complete, bindings };
}

/** The right-hand side of `NAME = value` / `NAME: T = value` for a binding that is the whole target. */
export function assignedValue(binding: Binding): SyntaxNode | undefined {
  if (binding.kind !== 'assignment' && binding.kind !== 'annotated') return undefined;
  const assignment = binding.node.parent;
  if (assignment?.type !== 'assignment') return undefined;
  const left = assignment.childForFieldName('left');
  if (!left || left.startIndex !== binding.node.startIndex || left.endIndex !== binding.node.endIndex) return undefined;
  const right = assignment.childForFieldName('right');
  // `__slots__ = x = (...)`: the value is the last right-hand side.
  return right?.type === 'assignment' ? undefined : (right ?? undefined);
}

/** Adds the string literals of a slots value to `names`; false when some entry is not a plain string literal. */
function collectSlotNames(semantic: SemanticModel, value: SyntaxNode, names: Set<string>): boolean {
  let entries: SyntaxNode[];
  let inner = value;
  while (inner.type === 'parenthesized_expression' && inner.namedChildCount === 1) inner = inner.namedChild(0)!;
  switch (inner.type) {
    case 'string':
      entries = [inner];
      break;
    case 'tuple':
    case 'list':
    case 'set':
      entries = inner.namedChildren.filter((child) => child.type !== 'comment');
      break;
    case 'dictionary':
      entries = [];
      for (const pair of inner.namedChildren) {
        if (pair.type === 'comment') continue;
        const key = pair.type === 'pair' ? pair.childForFieldName('key') : null;
        if (!key) return false;
        entries.push(key);
      }
      break;
    default:
      return false;
  }
  let complete = true;
  for (const entry of entries) {
    const text = stringLiteral(semantic, entry);
    if (text === undefined) complete = false;
    else names.add(text);
  }
  return complete;
}

/** The value of a plain (non-f, non-bytes, escape-free) string literal, else undefined. */
export function stringLiteral(semantic: SemanticModel, node: SyntaxNode): string | undefined {
  if (node.type !== 'string') return undefined;
  let content = '';
  for (const child of node.namedChildren) {
    if (child.type === 'string_start') {
      const prefix = semantic.text(child).replace(/["']/g, '').toLowerCase();
      if (prefix.includes('f') || prefix.includes('b') || prefix.includes('t')) return undefined;
    } else if (child.type === 'string_content') {
      content += semantic.text(child);
    } else if (child.type !== 'string_end') {
      return undefined;
    }
  }
  return content;
}

/**
 * A class and every class above it that the module defines, nearest first,
 * with `unknown` set when some base on the way is not a module class (an
 * import, an attribute, a call). `object` and `typing.Generic[...]` are not
 * bases that add anything, so they do not make the hierarchy unknown.
 */
export function moduleHierarchy(
  semantic: SemanticModel,
  info: ClassInfo,
  neutral: (qualified: string) => boolean = isNeutralBase,
): { classes: ClassInfo[]; unknown: boolean } {
  const classes: ClassInfo[] = [];
  const seen = new Set<number>();
  const queue: ClassInfo[] = [info];
  let unknown = false;
  while (queue.length > 0) {
    const current = queue.shift()!;
    if (seen.has(current.node.startIndex)) continue;
    seen.add(current.node.startIndex);
    classes.push(current);
    for (const base of current.bases) {
      if (base.type === 'list_splat' || base.type === 'dictionary_splat') {
        unknown = true;
        continue;
      }
      const local = localClassOf(semantic, base);
      if (local) {
        queue.push(local);
        continue;
      }
      const qualified = semantic.qualifiedName(baseCallee(base));
      if (qualified === undefined || !neutral(qualified)) unknown = true;
    }
  }
  return { classes, unknown };
}

/** Bases that add no instance methods a rule cares about. */
export function isNeutralBase(qualified: string): boolean {
  return qualified === 'builtins.object' || qualified === 'typing.Generic' || qualified === 'typing_extensions.Generic';
}

/** Whether a class line derives from `typing.Protocol` (a declaration, not an implementation). */
export function isProtocolClass(semantic: SemanticModel, info: ClassInfo): boolean {
  return info.bases.some((base) => {
    const qualified = semantic.qualifiedName(baseCallee(base));
    return qualified === 'typing.Protocol' || qualified === 'typing_extensions.Protocol';
  });
}

/** The qualified name of a decorator's callee: `@dataclass(slots=True)` → `dataclasses.dataclass`. */
export function decoratorName(semantic: SemanticModel, decorator: SyntaxNode): string | undefined {
  const callee = decorator.type === 'call' ? decorator.childForFieldName('function') : decorator;
  return semantic.qualifiedName(callee);
}

/** The value of keyword `name` in a decorator call, if given: `@dataclass(slots=True)`. */
export function decoratorKeyword(semantic: SemanticModel, decorator: SyntaxNode, name: string): SyntaxNode | undefined {
  if (decorator.type !== 'call') return undefined;
  const args = decorator.childForFieldName('arguments');
  for (const argument of args?.namedChildren ?? []) {
    if (argument.type !== 'keyword_argument') continue;
    const key = argument.childForFieldName('name');
    if (key && semantic.text(key) === name) return argument.childForFieldName('value') ?? undefined;
  }
  return undefined;
}

/** Class decorators that build a slotted class unless told `slots=False`. */
const SLOTTED_BY_DEFAULT = new Set(['attrs.define', 'attrs.frozen', 'attrs.mutable', 'attr.define', 'attr.frozen', 'attr.mutable']);

/** Class decorators that build a slotted class only with `slots=True`. */
const SLOTTED_ON_REQUEST = new Set(['dataclasses.dataclass', 'attr.s', 'attr.attrs', 'attrs.attrs', 'pydantic.dataclasses.dataclass']);

/**
 * How a class's decorators decide its slots: `slotted` (`@dataclass(slots=True)`,
 * `@attrs.define`), `unslotted` (decorators known to leave slots alone), or
 * `unknown` (a decorator pitfall cannot see into, or a `slots=` it cannot read).
 */
export function decoratorSlots(semantic: SemanticModel, info: ClassInfo): 'slotted' | 'unslotted' | 'unknown' {
  let result: 'slotted' | 'unslotted' | 'unknown' = 'unslotted';
  for (const decorator of info.decorators) {
    const name = decoratorName(semantic, decorator);
    if (name === undefined) return 'unknown';
    const byDefault = SLOTTED_BY_DEFAULT.has(name);
    if (!byDefault && !SLOTTED_ON_REQUEST.has(name)) {
      if (!KNOWN_PLAIN_DECORATORS.has(name)) return 'unknown';
      continue;
    }
    const value = decoratorKeyword(semantic, decorator, 'slots');
    if (!value) {
      if (byDefault) result = 'slotted';
      continue;
    }
    if (value.type === 'true') result = 'slotted';
    else if (value.type !== 'false') return 'unknown';
  }
  return result;
}

/** Class decorators known to leave `__slots__` and the class's methods alone. */
const KNOWN_PLAIN_DECORATORS = new Set([
  'functools.total_ordering',
  'typing.final',
  'typing_extensions.final',
  'typing.runtime_checkable',
  'typing_extensions.runtime_checkable',
  'enum.unique',
  'typing.type_check_only',
]);

/** Whether a class line derives from `typing.NamedTuple`: the class is a namedtuple, whose `__slots__` are `()`. */
export function isNamedTupleClass(semantic: SemanticModel, info: ClassInfo): boolean {
  return info.bases.some((base) => {
    const qualified = semantic.qualifiedName(baseCallee(base));
    return qualified === 'typing.NamedTuple' || qualified === 'typing_extensions.NamedTuple';
  });
}
