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
          if (skipsCleanup(yieldNode, def) && setsUpBefore(yieldNode, def)) context.report(yieldNode, { function: name ? context.text(name) : '?' });
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

/** The statement (a child of a block) that holds `node`. */
function statementOf(node: SyntaxNode): SyntaxNode | null {
  let statement: SyntaxNode | null = node;
  while (statement && statement.parent?.type !== 'block') statement = statement.parent;
  return statement;
}

/**
 * Whether anything before the `yield` may have set up state for the code after it to undo. Code after a `yield` that
 * nothing precedes but a docstring, plain local values (`warns = []`) and an early `if ...: yield; return` cannot be
 * cleanup: it checks the `with` body's work (`assert_equal(...)`, `if errors: raise ...`), which an error rightly skips.
 * Anything else before it (a call, an attribute or item assignment, a loop, a `with`) counts as setup.
 */
function setsUpBefore(yieldNode: SyntaxNode, def: SyntaxNode): boolean {
  let statement = statementOf(yieldNode);
  while (statement) {
    for (let previous = statement.previousNamedSibling; previous; previous = previous.previousNamedSibling) {
      if (hasEffect(previous)) return true;
    }
    const owner = statement.parent?.parent;
    if (!owner || owner.startIndex === def.startIndex) return false;
    // Inside an `if` branch: the conditions only test, and the other branches do not run before this `yield`.
    if (owner.type === 'if_statement') statement = owner;
    else if (owner.type === 'elif_clause' || owner.type === 'else_clause') statement = owner.parent;
    else return true;
  }
  return true;
}

/** A statement that may change state: anything but a docstring, `pass`, a call-free local assignment, or an `if` of such. */
function hasEffect(statement: SyntaxNode): boolean {
  switch (statement.type) {
    case 'comment':
    case 'pass_statement':
    case 'raise_statement':
      return false;
    case 'return_statement':
      return callsIn(statement);
    case 'if_statement':
      return statement.namedChildren.some((part) => {
        const block = part.type === 'block' ? part : part.type.endsWith('_clause') ? part.childForFieldName('consequence') ?? part.childForFieldName('body') : null;
        return block !== null && block.namedChildren.some(hasEffect);
      });
    case 'expression_statement': {
      const expression = statement.firstNamedChild;
      if (!expression) return false;
      if (expression.type === 'string' || expression.type === 'concatenated_string' || expression.type === 'ellipsis') return false;
      if (expression.type === 'yield') return callsIn(expression);
      if (expression.type !== 'assignment') return true;
      return !isPlainName(expression.childForFieldName('left')) || callsIn(expression.childForFieldName('right'));
    }
    default:
      return true;
  }
}

/** A local name, or a tuple of them: assigning it changes nothing outside the generator. */
function isPlainName(target: SyntaxNode | null): boolean {
  if (!target) return false;
  if (target.type === 'identifier') return true;
  return (target.type === 'pattern_list' || target.type === 'tuple_pattern') && target.namedChildren.every((child) => child.type === 'identifier');
}

function callsIn(node: SyntaxNode | null): boolean {
  return node !== null && (node.type === 'call' || node.type === 'await' || node.descendantsOfType(['call', 'await']).length > 0);
}
