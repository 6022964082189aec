import { defineRule, type SyntaxNode } from '../../src/core/rule.js';
import { ownDescendants } from '../../src/analysis/concurrency.js';

const RETURNS = new Set(['return_statement']);

export default defineRule({
  id: 'CTX004',
  name: 'exit-swallows-all',
  concept: 'context-managers',
  level: 'warning',
  enabledByDefault: true,
  category: 'correctness',
  precision: 'high',
  usesSemanticModel: true,
  message: '`{method}` always returns `{value}`, which swallows every exception raised in the `with` block; return `None`, or a true value only for the exceptions you mean to suppress',
  create(context) {
    return {
      function_definition(def) {
        const name = def.childForFieldName('name');
        const method = name ? context.text(name) : '';
        if ((method !== '__exit__' && method !== '__aexit__') || !context.semantic.isMethod(def)) return;
        const body = def.childForFieldName('body');
        if (!body) return;
        const info = context.semantic.functionInfo(def);
        const selfName = info?.parameters[0]?.name;
        // An `__exit__` that reads the exception it gets, or can also return something else, is deciding what to suppress.
        if (!info || info.parameters.slice(1).some((parameter) => context.semantic.readsOf(parameter).length > 0)) return;
        const valueOf = (statement: SyntaxNode): SyntaxNode | null => {
          let value = statement.firstNamedChild;
          while (value?.type === 'parenthesized_expression') value = value.firstNamedChild;
          return value;
        };
        const truthy = (statement: SyntaxNode): boolean => {
          const value = valueOf(statement);
          return value !== null && isTruthyConstant(context.text, value, selfName);
        };
        if (!ownDescendants(body, RETURNS).every(truthy)) return;
        // Only a return at the top of the body runs on every path; a conditional `return True` chooses what to suppress.
        for (const statement of body.namedChildren) {
          if (statement.type === 'return_statement') context.report(statement, { method, value: context.text(valueOf(statement)!) });
        }
      },
    };
  },
});

/** `True`, a non-zero number, or the instance itself (`return self`), which is always truthy unless the class says otherwise. */
function isTruthyConstant(text: (node: SyntaxNode) => string, value: SyntaxNode, selfName: string | undefined): boolean {
  if (value.type === 'true') return true;
  if (value.type === 'integer' || value.type === 'float') {
    const number = Number(text(value).replace(/_/g, ''));
    return !Number.isNaN(number) && number !== 0;
  }
  return value.type === 'identifier' && selfName !== undefined && text(value) === selfName;
}
