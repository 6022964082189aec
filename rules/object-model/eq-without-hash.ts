import { defineRule, type SyntaxNode, type Visitors } from '../../src/core/rule.js';
import type { Binding, ClassInfo, SemanticModel } from '../../src/semantic/index.js';
import {
  assignedValue,
  baseCallee,
  bodyWithoutDocstring,
  classBodyValues,
  classHeader,
  className,
  decoratorName,
  definesInBody,
  isNamedTupleClass,
  isProtocolClass,
  localClassOf,
  runtimeClassBodyValues,
} from '../../src/analysis/classes.js';

/**
 * Class decorators known to leave `__hash__` alone. A decorator pitfall cannot
 * see into (a local function, an import from elsewhere) might add one, so a
 * class carrying it is skipped; dataclass-style decorators manage `__hash__`
 * themselves and are not in this list either.
 */
const HARMLESS_DECORATORS = new Set([
  'functools.total_ordering',
  'typing.final',
  'typing_extensions.final',
  'typing.runtime_checkable',
  'typing_extensions.runtime_checkable',
  'enum.unique',
  'enum.verify',
]);

export default defineRule({
  id: 'OBJ001',
  name: 'eq-without-hash',
  concept: 'object-model',
  level: 'error',
  enabledByDefault: true,
  category: 'correctness',
  precision: 'medium',
  usesSemanticModel: true,
  message:
    'Class `{name}` defines `__eq__` but not `__hash__`, so Python sets `__hash__` to `None` and its instances cannot go in sets or dict keys; define `__hash__` from the compared fields, or write `__hash__ = None` if that is intended',
  create(context): Visitors {
    // Only classes defining `__eq__` are checked.
    if (!/__eq__/.test(context.source)) return {};
    const semantic = context.semantic;
    return {
      class_definition(node) {
        const info = semantic.classInfo(node);
        if (!info) return;
        // An `__eq__` declared under `if TYPE_CHECKING:` is not defined at run time.
        const equals = runtimeClassBodyValues(semantic, info, '__eq__');
        if (equals.length === 0) return;
        // An abstract `__eq__` leaves the work to subclasses, whose own `__eq__` decides their hashing.
        if (equals.every((binding) => isPlaceholderMethod(semantic, binding))) return;
        // `__hash__ = None`, `__hash__ = Base.__hash__`, `def __hash__`, even a bare annotation: decided on purpose.
        if (definesInBody(info, '__hash__')) return;
        if (isProtocolClass(semantic, info)) return;
        // A `typing.NamedTuple` body is copied onto a generated tuple class, which keeps `tuple.__hash__`.
        if (isNamedTupleClass(semantic, info)) return;
        // Instances of a `dict` or `Mapping` subclass were never hashable: `__eq__` takes nothing away.
        if (inheritsUnhashable(semantic, info)) return;
        for (const decorator of info.decorators) {
          const name = decoratorName(semantic, decorator);
          if (name === undefined || !HARMLESS_DECORATORS.has(name)) return;
        }
        context.report(classHeader(node), { name: className(info) });
      },
    };
  },
});

/**
 * Imported bases whose `__hash__` is `None`: the mutable built-in containers,
 * and the `collections.abc` classes that define `__eq__` (`Mapping`, `Set` and
 * their mutable and view forms), with their `typing` aliases.
 */
const UNHASHABLE_BASES = new Set([
  'builtins.dict',
  'builtins.list',
  'builtins.set',
  'builtins.bytearray',
  'collections.OrderedDict',
  'collections.defaultdict',
  'collections.Counter',
  'collections.deque',
  'collections.UserDict',
  'collections.UserList',
  'collections.abc.Mapping',
  'collections.abc.MutableMapping',
  'collections.abc.Set',
  'collections.abc.MutableSet',
  'collections.abc.KeysView',
  'collections.abc.ItemsView',
  'typing.Dict',
  'typing.List',
  'typing.Set',
  'typing.DefaultDict',
  'typing.OrderedDict',
  'typing.Counter',
  'typing.Deque',
  'typing.Mapping',
  'typing.MutableMapping',
  'typing.AbstractSet',
  'typing.MutableSet',
  'typing.KeysView',
  'typing.ItemsView',
  'numpy.ndarray',
  'numpy.matrix',
  'numpy.memmap',
  'numpy.recarray',
  'numpy.ma.MaskedArray',
]);

/** Whether every import a base name may stand for is an unhashable base (`collections.abc` on one version, `typing` on another). */
function namesUnhashableBase(semantic: SemanticModel, base: SyntaxNode): boolean {
  const callee = baseCallee(base);
  const qualified = semantic.qualifiedName(callee);
  if (qualified !== undefined) return UNHASHABLE_BASES.has(normalised(qualified));
  if (callee.type !== 'identifier') return false;
  const resolution = semantic.resolve(callee);
  if (resolution?.kind !== 'binding') return false;
  const assigned = resolution.bindings.filter((binding) => binding.kind !== 'annotation');
  return (
    assigned.length > 0 &&
    assigned.every((binding) => binding.importedName !== undefined && UNHASHABLE_BASES.has(normalised(binding.importedName)))
  );
}

function normalised(qualified: string): string {
  return qualified.replace(/^typing_extensions\./, 'typing.');
}

/**
 * A method that only stands in for the subclasses' own: decorated
 * `@abc.abstractmethod`, or whose body (after a docstring) only raises
 * `NotImplementedError`.
 */
function isPlaceholderMethod(semantic: SemanticModel, binding: Binding): boolean {
  if (binding.kind !== 'function' || !binding.definedScope) return false;
  const definition = binding.definedScope.node;
  if (semantic.isDecoratedWith(definition, 'abc.abstractmethod')) return true;
  const body = bodyWithoutDocstring(definition);
  if (body.length !== 1 || body[0]!.type !== 'raise_statement') return false;
  const raised = body[0]!.firstNamedChild;
  const exception = raised?.type === 'call' ? raised.childForFieldName('function') : raised;
  return semantic.qualifiedName(exception) === 'builtins.NotImplementedError';
}

/**
 * Whether some base already leaves instances unhashable: an imported container
 * whose `__hash__` is `None`, or a module class above that writes
 * `__hash__ = None` or defines `__eq__` without `__hash__` (that class is
 * reported itself). A module class defining `__hash__` ends the search along
 * its line.
 */
function inheritsUnhashable(semantic: SemanticModel, info: ClassInfo): boolean {
  const seen = new Set<number>([info.node.startIndex]);
  const queue: ClassInfo[] = [info];
  while (queue.length > 0) {
    const current = queue.shift()!;
    for (const base of current.bases) {
      const local = localClassOf(semantic, base);
      if (!local) {
        if (namesUnhashableBase(semantic, base)) return true;
        continue;
      }
      if (seen.has(local.node.startIndex)) continue;
      seen.add(local.node.startIndex);
      const hash = classBodyValues(local, '__hash__');
      if (hash.some((binding) => assignedValue(binding)?.type === 'none')) return true;
      if (hash.length > 0) continue;
      if (runtimeClassBodyValues(semantic, local, '__eq__').length > 0) return true;
      queue.push(local);
    }
  }
  return false;
}
