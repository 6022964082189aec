import { defineRule, type Visitors } from '../../src/core/rule.js';
import {
  classHeader,
  className,
  decoratorSlots,
  isNamedTupleClass,
  localClassOf,
  slotsOf,
} from '../../src/analysis/classes.js';

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
    if (context.path.endsWith('.pyi')) return {};
    const semantic = context.semantic;
    return {
      class_definition(node) {
        const info = semantic.classInfo(node);
        if (!info) return;
        const slots = slotsOf(semantic, info);
        // Asking for `__dict__` in the slots says the dict is wanted.
        if (!slots || slots.names.has('__dict__')) return;
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
