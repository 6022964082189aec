import { defineRule, type Visitors } from '../../src/core/rule.js';
import { classHeader, className, classBodyValues, decoratorName, definesInBody, isProtocolClass } from '../../src/analysis/classes.js';

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
    // Stub files declare signatures only.
    if (context.path.endsWith('.pyi')) return {};
    const semantic = context.semantic;
    return {
      class_definition(node) {
        const info = semantic.classInfo(node);
        if (!info) return;
        if (classBodyValues(info, '__eq__').length === 0) return;
        // `__hash__ = None`, `__hash__ = Base.__hash__`, `def __hash__`, even a bare annotation: decided on purpose.
        if (definesInBody(info, '__hash__')) return;
        if (isProtocolClass(semantic, info)) return;
        for (const decorator of info.decorators) {
          const name = decoratorName(semantic, decorator);
          if (name === undefined || !HARMLESS_DECORATORS.has(name)) return;
        }
        context.report(classHeader(node), { name: className(info) });
      },
    };
  },
});
