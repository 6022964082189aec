import { defineRule } from '../../src/core/rule.js';

export default defineRule({
  id: 'SCO002',
  name: 'global-statement',
  concept: 'scope',
  level: 'note',
  enabledByDefault: true,
  category: 'maintainability',
  precision: 'high',
  usesSemanticModel: true,
  message: '`{function}` reassigns module-level `{names}` through `global`, hidden state every caller shares; pass the value in and return the result, or keep the state on an object',
  create(context) {
    const model = context.semantic;
    return {
      global_statement(node) {
        const scope = model.scopeOf(node);
        if (scope.kind !== 'function' && scope.kind !== 'lambda') return;
        const written = new Set<string>();
        for (const ref of scope.references) {
          if (ref.kind === 'write' || ref.kind === 'delete') written.add(ref.name);
        }
        const names = node.namedChildren.filter((n) => n.type === 'identifier' && written.has(n.text)).map((n) => n.text);
        if (names.length === 0) return;
        context.report(node, { function: scope.name ?? 'function', names: names.join('`, `') });
      },
    };
  },
});
