import { defineRule, type Visitors } from '../../src/core/rule.js';
import type { ClassInfo, SemanticModel } from '../../src/semantic/index.js';
import {
  baseCallee,
  classHeader,
  className,
  decoratorSlots,
  isNamedTupleClass,
  localClassOf,
  moduleHierarchy,
  slotsOf,
} from '../../src/analysis/classes.js';
import { builtinExceptionName } from '../../src/analysis/exceptions.js';

export default defineRule({
  id: 'SLO001',
  name: 'slots-parent-without-slots',
  concept: 'slots',
  level: 'warning',
  enabledByDefault: true,
  category: 'performance',
  precision: 'high',
  usesSemanticModel: true,
  message:
    'Class `{cls}` declares `__slots__` but its base `{base}` has none, so every instance still carries a `__dict__`; add `__slots__` to `{base}` (`()` if it has no attributes of its own)',
  create(context): Visitors {
    // Only classes declaring `__slots__` are checked.
    if (!/__slots__/.test(context.source)) return {};
    const semantic = context.semantic;
    return {
      class_definition(node) {
        const info = semantic.classInfo(node);
        if (!info) return;
        const slots = slotsOf(semantic, info);
        // Asking for `__dict__` in the slots says the dict is wanted.
        if (!slots || slots.names.has('__dict__')) return;
        // `BaseException` gives every exception a `__dict__`: no `__slots__` on a base can take it away.
        if (derivesFromBuiltinException(semantic, info)) return;
        for (const base of info.bases) {
          // Only module classes are known; an imported base may well be slotted.
          const parent = localClassOf(semantic, base);
          if (!parent || parent === info) continue;
          if (slotsOf(semantic, parent)) continue;
          if (parent.keywords.length > 0 || isNamedTupleClass(semantic, parent)) continue;
          if (decoratorSlots(semantic, parent) !== 'unslotted') continue;
          context.report(classHeader(node), { cls: className(info), base: className(parent) });
          return;
        }
      },
    };
  },
});

/** Whether a module class above `info` (or `info` itself) names a builtin exception among its bases. */
function derivesFromBuiltinException(semantic: SemanticModel, info: ClassInfo): boolean {
  return moduleHierarchy(semantic, info).classes.some((cls) =>
    cls.bases.some((base) => !localClassOf(semantic, base) && builtinExceptionName(semantic, baseCallee(base)) !== undefined),
  );
}
