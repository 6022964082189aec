import { defineRule } from '../../src/core/rule.js';

const SHARED_STATE = ', hidden state every caller shares; pass the value in and return the result, or keep the state on an object';
/**
 * `global np` then `import numpy as np` inside the function: a deferred import.
 * The `global` buys nothing there, since Python imports a module once and later
 * imports are a lookup in `sys.modules`.
 */
const LAZY_IMPORT =
  ' to import it lazily; an `import` inside each function that needs it is just as lazy (Python imports a module once and caches it in `sys.modules`) and needs no `global`';

export default defineRule({
  id: 'SCO002',
  name: 'global-statement',
  concept: 'scope',
  level: 'note',
  enabledByDefault: true,
  category: 'maintainability',
  precision: 'high',
  usesSemanticModel: true,
  message: '`{function}` reassigns module-level `{names}` through `global`{advice}',
  create(context) {
    const model = context.semantic;
    return {
      global_statement(node) {
        const scope = model.scopeOf(node);
        if (scope.kind !== 'function' && scope.kind !== 'lambda') return;
        // For each name written here: whether every write is an import.
        const written = new Map<string, boolean>();
        for (const ref of scope.references) {
          if (ref.kind !== 'write' && ref.kind !== 'delete') continue;
          const isImport = ref.binding?.kind === 'import' || ref.binding?.kind === 'from-import';
          written.set(ref.name, (written.get(ref.name) ?? true) && isImport);
        }
        const names = node.namedChildren.filter((n) => n.type === 'identifier' && written.has(n.text)).map((n) => n.text);
        if (names.length === 0) return;
        const onlyImports = names.every((name) => written.get(name) === true);
        context.report(node, { function: scope.name ?? 'function', names: names.join('`, `'), advice: onlyImports ? LAZY_IMPORT : SHARED_STATE });
      },
    };
  },
});
