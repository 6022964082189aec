import { defineRule, type SyntaxNode, type Visitors } from '../../src/core/rule.js';
import { TextOccurrences } from '../../src/analysis/text-occurrences.js';
import { nextStatement, ownDescendants } from '../../src/analysis/concurrency.js';
import { caughtTypes, handlerBody, isBareExcept, statementsOf } from '../../src/analysis/exceptions.js';

const CALLS = new Set(['call']);

export default defineRule({
  id: 'CTX002',
  name: 'lock-acquire-without-finally',
  concept: 'context-managers',
  level: 'warning',
  enabledByDefault: true,
  category: 'correctness',
  precision: 'high',
  usesSemanticModel: true,
  message: '`{lock}.release()` is skipped if anything raises after `{lock}.acquire()`; use `{with} {lock}:` (or release it in the `finally` of a `try` right after)',
  create(context): Visitors {
    // Only `<lock>.acquire()` is checked: a call without the word inside is skipped before any node is built.
    const acquires = new TextOccurrences(context.source, ['acquire']);
    if (!acquires.any) return {};
    const text = (node: SyntaxNode): string => context.text(node).replace(/\s+/g, '');
    /** `receiver.method(...)` → the receiver, when the method is `name`. */
    const receiverOf = (call: SyntaxNode, name: string): SyntaxNode | undefined => {
      const callee = call.childForFieldName('function');
      if (callee?.type !== 'attribute') return undefined;
      const attribute = callee.childForFieldName('attribute');
      if (!attribute || context.text(attribute) !== name) return undefined;
      return callee.childForFieldName('object') ?? undefined;
    };
    const releasesIn = (root: SyntaxNode, lock: string, after = 0): boolean =>
      ownDescendants(root, CALLS).some((call) => {
        const receiver = receiverOf(call, 'release');
        return call.startIndex >= after && receiver !== undefined && text(receiver) === lock;
      });
    const isRelease = (statement: SyntaxNode | null, lock: string): boolean => {
      let expression = statement?.type === 'expression_statement' ? statement.firstNamedChild : null;
      if (expression?.type === 'await') expression = expression.firstNamedChild;
      const receiver = expression?.type === 'call' ? receiverOf(expression, 'release') : undefined;
      return receiver !== undefined && text(receiver) === lock;
    };
    const finallyReleases = (tryStatement: SyntaxNode | null, lock: string): boolean => {
      if (tryStatement?.type !== 'try_statement') return false;
      const clause = tryStatement.namedChildren.find((child) => child.type === 'finally_clause');
      return clause !== undefined && releasesIn(clause, lock);
    };
    /** `except:` / `except BaseException:` whose body releases the lock and ends with a bare `raise`. */
    const releasesOnAnyError = (clause: SyntaxNode, lock: string): boolean => {
      if (clause.type !== 'except_clause') return false;
      const catchesAll = isBareExcept(clause) || caughtTypes(clause).some((type) => context.semantic.qualifiedName(type) === 'builtins.BaseException');
      const last = statementsOf(handlerBody(clause)).at(-1);
      return catchesAll && last?.type === 'raise_statement' && last.namedChildCount === 0 && releasesIn(clause, lock);
    };
    /**
     * `acquire(); try: ... except BaseException: release(); raise` with no release after the `try`: every error
     * gives the lock back, and on success it is kept on purpose, for another function to release.
     */
    const handedOnUnlessFailed = (tryStatement: SyntaxNode | null, lock: string, owner: SyntaxNode): boolean =>
      tryStatement?.type === 'try_statement' &&
      tryStatement.namedChildren.some((clause) => releasesOnAnyError(clause, lock)) &&
      !releasesIn(owner, lock, tryStatement.endIndex);
    return {
      call(call) {
        if (!acquires.within(call)) return;
        const receiver = receiverOf(call, 'acquire');
        if (!receiver) return;
        let statement = call.parent;
        const awaited = statement?.type === 'await';
        if (awaited) statement = statement!.parent;
        if (statement?.type !== 'expression_statement') return;
        const lock = text(receiver);
        const owner = context.semantic.scopeOf(call).node;
        const ownerName = owner.childForFieldName('name');
        if (owner.type === 'function_definition' && ownerName && ['__enter__', '__aenter__'].includes(context.text(ownerName))) return;
        // A lock released elsewhere (another method, a callback) or re-acquired after a release is a deliberate split;
        // only an acquire followed by its release in the same function is checked.
        if (!releasesIn(owner, lock, call.endIndex)) return;
        const next = nextStatement(statement);
        // Released right away (nothing in between can raise), or released in the `finally` of the `try` that follows.
        if (isRelease(next, lock) || finallyReleases(next, lock) || handedOnUnlessFailed(next, lock, owner)) return;
        if (finallyReleases(tryAfterConditionalAcquire(statement), lock)) return;
        // An acquire inside a `try` body: the author is handling its failure (`try: lock.acquire() except ...: else: lock.release()`).
        const block = statement.parent;
        if (block?.type === 'block' && block.parent?.type === 'try_statement' && block.parent.childForFieldName('body')?.startIndex === block.startIndex) return;
        context.report(call, { lock: context.text(receiver), with: awaited ? 'async with' : 'with' });
      },
    };
  },
});

/**
 * `if lock is not None: lock.acquire()` followed by `try: ... finally: if lock is not None: lock.release()`:
 * the acquire ends the `if` branch, so the `try` after the `if` starts right after it.
 */
function tryAfterConditionalAcquire(statement: SyntaxNode): SyntaxNode | null {
  if (nextStatement(statement) !== null) return null;
  const block = statement.parent;
  const branch = block?.parent;
  if (block?.type !== 'block' || branch?.type !== 'if_statement' || branch.childForFieldName('consequence')?.startIndex !== block.startIndex) return null;
  return nextStatement(branch);
}
