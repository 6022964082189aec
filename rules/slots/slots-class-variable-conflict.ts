import { defineRule, type Span, type SyntaxNode, type Visitors } from '../../src/core/rule.js';
import type { Binding } from '../../src/semantic/index.js';
import { className, runtimeClassBodyValues, slotsOf } from '../../src/analysis/classes.js';

export default defineRule({
  id: 'SLO002',
  name: 'slots-class-variable-conflict',
  concept: 'slots',
  level: 'error',
  enabledByDefault: true,
  category: 'correctness',
  precision: 'very-high',
  usesSemanticModel: true,
  message:
    '`{name}` is in the `__slots__` of `{cls}` and also {how} in its body, so defining the class raises `ValueError`; {remedy}',
  create(context): Visitors {
    // Only classes declaring `__slots__` are checked.
    if (!/__slots__/.test(context.source)) return {};
    const semantic = context.semantic;
    return {
      class_definition(node) {
        const info = semantic.classInfo(node);
        if (!info) return;
        const slots = slotsOf(semantic, info);
        if (!slots) return;
        for (const name of slots.names) {
          // A name declared under `if TYPE_CHECKING:` is never assigned when the class is created.
          for (const binding of runtimeClassBodyValues(semantic, info, name)) {
            const isDefinition = binding.kind === 'function' || binding.kind === 'class';
            context.report(reportedSpan(binding), {
              name,
              cls: className(info),
              how: isDefinition ? 'defined' : 'assigned',
              remedy: isDefinition
                ? `rename the slot or the ${binding.kind === 'function' ? 'method' : 'class'}`
                : 'set the value in `__init__` instead, or drop the name from `__slots__`',
            });
          }
        }
      },
    };
  },
});

/** The assignment statement that binds the name, or the `def`/`class` header. */
function reportedSpan(binding: Binding): Span {
  if (binding.kind === 'function' || binding.kind === 'class') {
    const definition = binding.definedScope?.node;
    if (definition) return { startIndex: definition.startIndex, endIndex: binding.node.endIndex };
    return binding.node;
  }
  let current: SyntaxNode | null = binding.node;
  for (let depth = 0; current && depth < 6; depth++, current = current.parent) {
    if (current.type === 'assignment' || current.type === 'augmented_assignment' || current.type === 'named_expression') {
      return current;
    }
    if (current.type === 'block' || current.type === 'class_definition') break;
  }
  return binding.node;
}
