import { defineRule, type SyntaxNode } from '../../src/core/rule.js';
import type { SemanticModel } from '../../src/semantic/index.js';
import {
  emptyContainerKind,
  expressionOf,
  hasAwaitYieldOrWalrus,
  methodCall,
  plainArguments,
  previousStatement,
  statementsOf,
  unparenthesized,
  usesOfName,
} from '../../src/analysis/collections.js';

/** The method that adds one item to each kind of container (dicts use item assignment instead). */
const ADDER: Readonly<Record<'list' | 'set', string>> = { list: 'append', set: 'add' };

export default defineRule({
  id: 'GEN001',
  name: 'manual-list-building',
  concept: 'comprehensions',
  level: 'note',
  enabledByDefault: true,
  category: 'maintainability',
  precision: 'high',
  usesSemanticModel: true,
  message: 'The {kind} `{name}` is filled one item at a time by the `for` loop below; build it with a {kind} comprehension',
  create(context) {
    // Visited from the loop, not the assignment: `for` statements are far fewer than expression statements.
    const check = (loop: SyntaxNode): void => {
      const statement = previousStatement(loop);
      const assignment = expressionOf(statement);
      if (assignment?.type !== 'assignment') return;
      const target = assignment.childForFieldName('left');
      if (target?.type !== 'identifier') return;
      const kind = emptyContainerKind(assignment.childForFieldName('right'), context.semantic);
      if (!kind) return;
      const name = target.text;
      if (!fillsOnly(loop, name, kind, context.semantic)) return;
      const scope = context.semantic.scopeOf(target);
      if (scope.globals.has(name) || scope.nonlocals.has(name)) return;
      // A comprehension in a class body cannot see the class's other names.
      if (scope.kind === 'class') return;
      if (partialResultRead(loop, target, context.semantic)) return;
      context.report(assignment, { kind, name });
    };
    return { for_statement: check };
  },
});

/**
 * The loop does nothing but add one item per iteration to `name`, optionally
 * under one `if`, and never reads `name` otherwise; a comprehension says the same.
 */
function fillsOnly(loop: SyntaxNode, name: string, kind: 'list' | 'set' | 'dict', semantic: SemanticModel): boolean {
  if (loop.childForFieldName('alternative')) return false;
  const body = statementsOf(loop.childForFieldName('body'));
  if (body.length !== 1) return false;
  let statement = body[0]!;
  if (statement.type === 'if_statement') {
    if (statement.childForFieldName('alternative')) return false;
    const inner = statementsOf(statement.childForFieldName('consequence'));
    if (inner.length !== 1) return false;
    statement = inner[0]!;
  }
  const expression = expressionOf(statement);
  if (!expression || !addsOneItem(expression, name, kind)) return false;
  // `name` used anywhere else in the loop (its iterable, its condition, the item) means the loop reads its own result.
  if (usesOfName(loop, name).length !== 1) return false;
  // `await`, `yield` and walrus targets behave differently inside a comprehension's own scope.
  if (hasAwaitYieldOrWalrus(loop)) return false;
  return !loopTargetReadAfter(loop, semantic);
}

function addsOneItem(expression: SyntaxNode, name: string, kind: 'list' | 'set' | 'dict'): boolean {
  if (kind === 'dict') {
    if (expression.type !== 'assignment' || expression.childForFieldName('type')) return false;
    const left = expression.childForFieldName('left');
    if (left?.type !== 'subscript') return false;
    const value = left.childForFieldName('value');
    const keys = left.childrenForFieldName('subscript');
    return value?.type === 'identifier' && value.text === name && keys.length === 1 && keys[0]!.type !== 'slice';
  }
  const call = methodCall(unparenthesized(expression));
  if (!call || call.receiver.text !== name || call.method !== ADDER[kind]) return false;
  return plainArguments(unparenthesized(expression)!)?.length === 1;
}

/**
 * A comprehension keeps its loop variable to itself; a `for` loop leaves it
 * bound. When code after the loop reads the variable before rebinding it, the
 * rewrite would change that code, so the loop is left alone.
 */
function loopTargetReadAfter(loop: SyntaxNode, semantic: SemanticModel): boolean {
  const left = loop.childForFieldName('left');
  if (!left) return true;
  const targets = left.type === 'identifier' ? [left] : left.descendantsOfType('identifier');
  for (const target of targets) {
    const binding = semantic.bindingAt(target);
    if (!binding) continue;
    const later = (binding.scope.bindings.get(binding.name) ?? [])
      .filter((other) => other.startIndex > loop.endIndex)
      .sort((a, b) => a.startIndex - b.startIndex);
    // `del item` after the loop needs the loop to have bound `item`.
    if (later[0]?.kind === 'delete') return true;
    const until = later[0]?.startIndex ?? Infinity;
    if (semantic.readsOf(binding).some((read) => read.startIndex > loop.endIndex && read.startIndex < until)) return true;
  }
  return false;
}

/**
 * When the loop raises halfway, the loop leaves the items added so far, while
 * a comprehension binds nothing. Code that runs after such an exception (an
 * `except` or `finally` of a `try` around the loop) and reads the container
 * sees the difference, so the loop is left alone.
 */
function partialResultRead(loop: SyntaxNode, target: SyntaxNode, semantic: SemanticModel): boolean {
  const binding = semantic.bindingAt(target);
  if (!binding) return false;
  const reads = semantic.readsOf(binding);
  if (reads.length === 0) return false;
  const path = semantic.ancestors(loop);
  for (let i = path.length - 1; i >= 0; i--) {
    const node = path[i]!;
    if (node.type === 'function_definition' || node.type === 'class_definition' || node.type === 'lambda') break;
    if (node.type !== 'try_statement') continue;
    const body = node.childForFieldName('body');
    if (!body || loop.startIndex < body.startIndex || loop.endIndex > body.endIndex) continue;
    for (const clause of node.namedChildren) {
      if (clause.type !== 'except_clause' && clause.type !== 'finally_clause') continue;
      if (reads.some((read) => read.startIndex >= clause.startIndex && read.endIndex <= clause.endIndex)) return true;
    }
  }
  return false;
}
