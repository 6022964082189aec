import { defineRule, type Visitors } from '../../src/core/rule.js';
import { baseCallee, classHeader, className, runtimeClassBodyValues } from '../../src/analysis/classes.js';

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
    if (context.path.endsWith('.pyi')) return {};
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
        const overridden = OVERRIDES.filter((name) => info.methods.has(name) && runtimeClassBodyValues(semantic, info, name).length > 0);
        const bypass = [...new Set(overridden.flatMap((name) => builtin!.bypass[name] ?? []))];
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
