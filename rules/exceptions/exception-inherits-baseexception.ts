import { defineRule, type Visitors } from '../../src/core/rule.js';

/**
 * Names of classes that derive from `BaseException` on purpose: signals that must
 * get past `except Exception` to stop a program, a task or a test (like `SystemExit`,
 * `KeyboardInterrupt`, `asyncio.CancelledError`, pytest's `Skipped`).
 */
const CONTROL_FLOW_NAME = /exit|interrupt|cancel|abort|kill|stop|shutdown|terminat|quit|timeout|skip|signal|outcome/i;

export default defineRule({
  id: 'EXC008',
  name: 'exception-inherits-baseexception',
  concept: 'exceptions',
  level: 'warning',
  enabledByDefault: true,
  category: 'correctness',
  precision: 'high',
  usesSemanticModel: true,
  message: 'Class `{name}` derives from `BaseException`, so `except Exception` handlers let it through; derive from `Exception` unless it must stop the program like `SystemExit`',
  create(context): Visitors {
    // A base resolving to `builtins.BaseException` is spelled so somewhere in the file (an import or the base itself).
    if (!context.source.includes('BaseException')) return {};
    return {
      class_definition(definition) {
        const nameNode = definition.childForFieldName('name');
        const name = nameNode ? context.text(nameNode) : '';
        if (CONTROL_FLOW_NAME.test(name)) return;
        const info = context.semantic.classInfo(definition);
        if (!info) return;
        const direct = info.bases.some((base) => context.semantic.qualifiedName(base) === 'builtins.BaseException');
        if (!direct) return;
        const superclasses = definition.childForFieldName('superclasses');
        context.report({ startIndex: definition.startIndex, endIndex: superclasses?.endIndex ?? definition.startIndex }, { name });
      },
    };
  },
});
