import { defineRule, type SyntaxNode } from '../../src/core/rule.js';
import { ownDescendants } from '../../src/analysis/concurrency.js';

const YIELDS = new Set(['yield']);
const DECORATORS = ['contextlib.contextmanager', 'contextlib.asynccontextmanager'];
/** Statements that do no cleanup: after a `yield`, they do not count as code the exception would skip. */
const INERT = new Set(['pass_statement', 'comment']);

export default defineRule({
  id: 'CTX003',
  name: 'contextmanager-yield-without-finally',
  concept: 'context-managers',
  level: 'warning',
  enabledByDefault: true,
  category: 'correctness',
  precision: 'high',
  usesSemanticModel: true,
  message: 'The cleanup after this `yield` in `{function}` is skipped when the `with` block raises; put the `yield` in `try:` and the cleanup in `finally:`',
  create(context) {
    return {
      function_definition(def) {
        if (def.parent?.type !== 'decorated_definition' || !DECORATORS.some((name) => context.semantic.isDecoratedWith(def, name))) return;
        const body = def.childForFieldName('body');
        const name = def.childForFieldName('name');
        if (!body) return;
        for (const yieldNode of ownDescendants(body, YIELDS)) {
          if (context.semantic.scopeOf(yieldNode).node.startIndex !== def.startIndex) continue;
          if (skipsCleanup(yieldNode, def)) context.report(yieldNode, { function: name ? context.text(name) : '?' });
        }
      },
    };
  },
});

/**
 * Whether code that runs after the `yield` on the normal path would be skipped by an exception thrown in at the `yield`.
 * A `try` around the `yield` with a `finally` or any handler means the author decided what happens on error.
 * A `yield` inside a `with` body is left alone: code after it in the body is meant to run only on success, and the
 * `with` may swallow the exception (`assertRaises`), so the code after the `with` runs anyway.
 */
function skipsCleanup(yieldNode: SyntaxNode, def: SyntaxNode): boolean {
  let statement: SyntaxNode | null = yieldNode;
  while (statement && statement.parent?.type !== 'block') statement = statement.parent;
  let hasCleanup = false;
  while (statement && statement.startIndex !== def.startIndex) {
    const block = statement.parent;
    if (!block || block.type !== 'block') {
      statement = block;
      continue;
    }
    for (let next = statement.nextNamedSibling; next; next = next.nextNamedSibling) {
      // Control leaves here: nothing further up runs after this `yield`.
      if (next.type === 'return_statement' || next.type === 'raise_statement') return hasCleanup;
      // Where a `break` or `continue` lands is more than this rule follows.
      if (next.type === 'break_statement' || next.type === 'continue_statement') return false;
      if (!INERT.has(next.type)) hasCleanup = true;
    }
    const owner = block.parent;
    if (!owner) break;
    if (owner.type === 'try_statement' && owner.childForFieldName('body')?.startIndex === block.startIndex) {
      if (owner.namedChildren.some((child) => child.type === 'finally_clause' || child.type === 'except_clause')) return false;
    }
    // The `with` cleans up after itself, and may swallow the exception (`assertRaises`, `suppress`), so the code after it runs.
    if (owner.type === 'with_statement') return false;
    if (owner.type === 'function_definition') break;
    statement = owner.type.endsWith('_clause') ? owner.parent : owner;
  }
  return hasCleanup;
}
