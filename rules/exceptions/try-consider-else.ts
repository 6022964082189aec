import { defineRule, type SyntaxNode } from '../../src/core/rule.js';
import { statementsOf } from '../../src/analysis/exceptions.js';

/** Values whose `return` cannot raise: names, attributes, plain literals. */
const SIMPLE_VALUES = new Set(['identifier', 'attribute', 'integer', 'float', 'true', 'false', 'none', 'string', 'concatenated_string']);

export default defineRule({
  id: 'EXC005',
  name: 'try-consider-else',
  concept: 'exceptions',
  level: 'note',
  enabledByDefault: true,
  category: 'maintainability',
  precision: 'high',
  message: '`return {value}` is the success path of the `try` block; move it to an `else:` clause so the handlers cover only the statements that can fail',
  create(context) {
    return {
      try_statement(statement) {
        let handlers = 0;
        for (const child of statement.namedChildren) {
          if (child.type === 'else_clause') return;
          if (child.type === 'except_clause' || child.type === 'except_group_clause') handlers++;
        }
        if (handlers === 0) return;
        const body = statementsOf(statement.childForFieldName('body'));
        const last = body[body.length - 1];
        if (body.length < 2 || last?.type !== 'return_statement') return;
        const value = last.namedChildren.find((child) => child.type !== 'comment');
        if (!value || !isSimple(value)) return;
        context.report(last, { value: context.text(value) });
      },
    };
  },
});

/** A name, an attribute, or a literal without interpolation (an f-string may call `__format__`). */
function isSimple(value: SyntaxNode): boolean {
  if (value.type === 'unary_operator') {
    const operand = value.childForFieldName('argument');
    return operand?.type === 'integer' || operand?.type === 'float';
  }
  if (!SIMPLE_VALUES.has(value.type)) return false;
  if (value.type === 'string' || value.type === 'concatenated_string') {
    return !value.descendantsOfType('interpolation').length;
  }
  return true;
}
