import { defineRule, type SyntaxNode, type Visitors } from '../../src/core/rule.js';
import type { ClassInfo, SemanticModel } from '../../src/semantic/index.js';
import { baseCallee, bodyWithoutDocstring, classHeader, className, runtimeClassBodyValues } from '../../src/analysis/classes.js';

/** The dunders whose overrides the built-in's own C methods do not call. */
const OVERRIDES = ['__getitem__', '__setitem__', '__contains__', '__len__'];

interface Builtin {
  readonly name: string;
  /** Per overridable dunder, the built-in's methods that read or write the storage directly, bypassing it. */
  readonly bypass: Readonly<Record<string, readonly string[]>>;
  readonly alternative: string;
}

const BUILTINS: Readonly<Record<string, Builtin>> = {
  'builtins.dict': {
    name: 'dict',
    bypass: {
      __getitem__: ['get', 'pop', 'setdefault', 'values', 'items'],
      __setitem__: ['update', 'setdefault', '__init__', 'fromkeys'],
      __contains__: ['get', 'pop', 'keys'],
      __len__: ['__iter__', 'keys', 'items', '__repr__'],
    },
    alternative: 'collections.UserDict',
  },
  'builtins.list': {
    name: 'list',
    bypass: {
      __getitem__: ['__iter__', 'pop', 'index', 'copy'],
      __setitem__: ['append', 'extend', 'insert', '__iadd__', '__init__'],
      __contains__: ['index', 'count', 'remove'],
      __len__: ['__iter__', 'copy', 'sort'],
    },
    alternative: 'collections.UserList',
  },
  'builtins.str': {
    name: 'str',
    bypass: {
      __getitem__: ['__iter__', 'split', 'startswith', 'find'],
      __setitem__: [],
      __contains__: ['find', 'index', 'count', 'split'],
      __len__: ['__iter__', 'split', 'find'],
    },
    alternative: 'collections.UserString',
  },
};

/** `typing.Dict[K, V]` and `typing.List[T]` as bases are `dict` and `list`. */
const ALIASES: Readonly<Record<string, string>> = {
  'typing.Dict': 'builtins.dict',
  'typing.List': 'builtins.list',
  'typing_extensions.Dict': 'builtins.dict',
  'typing_extensions.List': 'builtins.list',
};

export default defineRule({
  id: 'OBJ005',
  name: 'builtin-subclass-override',
  concept: 'object-model',
  level: 'warning',
  enabledByDefault: true,
  category: 'correctness',
  precision: 'high',
  usesSemanticModel: true,
  message:
    'Class `{cls}` overrides {methods} of `{builtin}`, which the built-in bypasses in {bypass}; derive from `{alternative}` or wrap a `{builtin}` instead',
  create(context): Visitors {
    // Only classes overriding one of these dunders are checked.
    if (!/__(?:getitem|setitem|contains|len)__/.test(context.source)) return {};
    const semantic = context.semantic;
    return {
      class_definition(node) {
        const info = semantic.classInfo(node);
        if (!info) return;
        let builtin: Builtin | undefined;
        for (const base of info.bases) {
          const qualified = semantic.qualifiedName(baseCallee(base));
          builtin ??= qualified === undefined ? undefined : BUILTINS[ALIASES[qualified] ?? qualified];
        }
        if (!builtin) return;
        // An override declared under `if TYPE_CHECKING:` only refines the types; the built-in's own method still runs.
        const overridden = OVERRIDES.filter((name) => overridesBehaviour(semantic, info, name));
        // A dunder the class overrides itself (`__iter__`, `__repr__`) runs the class's code, so it bypasses nothing.
        const bypass = [...new Set(overridden.flatMap((name) => builtin!.bypass[name] ?? []))].filter(
          (name) => !(name.startsWith('__') && overridesBehaviour(semantic, info, name)),
        );
        if (overridden.length === 0 || bypass.length === 0) return;
        // A class that also overrides the bypassing methods has routed them through its dunders on purpose.
        // (`__init__` and the other dunders are overridden for many reasons, so only named methods count.)
        if (bypass.some((name) => !name.startsWith('__') && info.methods.has(name))) return;
        context.report(classHeader(node), {
          cls: className(info),
          methods: listing(overridden.map((name) => `\`${name}\``)),
          builtin: builtin.name,
          bypass: listing(bypass.slice(0, 4).map(describe)),
          alternative: builtin.alternative,
        });
      },
    };
  },
});

/**
 * Whether the class defines `name` at run time with a body of its own: an
 * override declared under `if TYPE_CHECKING:`, or one that only hands its
 * arguments on to the built-in's method, changes nothing a bypass could skip.
 */
function overridesBehaviour(semantic: SemanticModel, info: ClassInfo, name: string): boolean {
  const method = info.methods.get(name);
  if (!method || runtimeClassBodyValues(semantic, info, name).length === 0) return false;
  return !onlyDelegates(semantic, method.node, name);
}

/**
 * `return super().name(a, b)` or `dict.name(self, a, b)` (with or without
 * `return`, after an optional docstring), passing the parameters on in order.
 */
function onlyDelegates(semantic: SemanticModel, definition: SyntaxNode, name: string): boolean {
  const body = bodyWithoutDocstring(definition);
  if (body.length !== 1) return false;
  const statement = body[0]!;
  if (statement.type !== 'return_statement' && statement.type !== 'expression_statement') return false;
  const call = statement.firstNamedChild;
  if (call?.type !== 'call') return false;
  const callee = call.childForFieldName('function');
  const method = callee?.type === 'attribute' ? callee.childForFieldName('attribute') : undefined;
  const owner = callee?.childForFieldName('object');
  if (!method || !owner || semantic.text(method) !== name) return false;
  const parameters = (definition.childForFieldName('parameters')?.namedChildren ?? []).map((parameter) =>
    semantic.text(parameter.type === 'identifier' ? parameter : (parameter.childForFieldName('name') ?? parameter.firstNamedChild ?? parameter)),
  );
  const args = (call.childForFieldName('arguments')?.namedChildren ?? []).filter((child) => child.type !== 'comment');
  if (args.some((arg) => arg.type !== 'identifier')) return false;
  const passed = args.map((arg) => semantic.text(arg));
  // `super().name(key)` passes every parameter but `self`; `dict.name(self, key)` passes them all.
  const expected = isSuperCall(semantic, owner) ? parameters.slice(1) : BUILTIN_OWNERS.has(semantic.qualifiedName(owner) ?? '') ? parameters : undefined;
  return expected !== undefined && expected.length === passed.length && expected.every((parameter, i) => parameter === passed[i]);
}

const BUILTIN_OWNERS = new Set(Object.keys(BUILTINS));

/** `super()` with the builtin `super`. */
function isSuperCall(semantic: SemanticModel, node: SyntaxNode): boolean {
  return node.type === 'call' && semantic.qualifiedName(node.childForFieldName('function')) === 'builtins.super';
}

/** How a bypassing method reads in the message: `get`, iteration, the constructor. */
function describe(name: string): string {
  if (name === '__iter__') return 'iteration';
  if (name === '__init__') return 'the constructor';
  if (name === '__repr__') return '`repr()`';
  if (name === '__iadd__') return '`+=`';
  return `\`${name}\``;
}

/** `a`, `a and b`, `a, b and c`. */
function listing(items: readonly string[]): string {
  return items.length <= 1 ? (items[0] ?? '') : `${items.slice(0, -1).join(', ')} and ${items[items.length - 1]}`;
}
