import { defineRule } from '../../src/core/rule.js';

const GENERIC = new Set(['builtins.Exception', 'builtins.BaseException']);

export default defineRule({
  id: 'EXC006',
  name: 'raise-generic-exception',
  concept: 'exceptions',
  level: 'note',
  enabledByDefault: true,
  category: 'maintainability',
  precision: 'high',
  usesSemanticModel: true,
  message: 'Raising the generic `{name}` leaves callers no way to catch this failure without catching everything; raise a specific built-in or your own exception class',
  create(context) {
    return {
      raise_statement(statement) {
        const raised = statement.namedChildren.find((child) => child.type !== 'comment');
        if (!raised || raised === statement.childForFieldName('cause')) return;
        const callee = raised.type === 'call' ? raised.childForFieldName('function') : raised;
        const qualified = context.semantic.qualifiedName(callee);
        if (!qualified || !GENERIC.has(qualified)) return;
        context.report(statement, { name: qualified.slice('builtins.'.length) });
      },
    };
  },
});
