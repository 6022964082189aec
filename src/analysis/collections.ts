/**
 * Small structural questions shared by the comprehension and collection rules
 * (GEN*, COL*): statements around a node, the expression of a statement, name
 * uses inside a subtree. Everything iterates with explicit stacks or sibling
 * pointers; nothing recurses over the tree.
 */
import type { SyntaxNode } from '../core/rule.js';
import type { SemanticModel } from '../semantic/index.js';

/** The statement before `node` in its block, skipping comments. */
export function previousStatement(node: SyntaxNode): SyntaxNode | null {
  let sibling = node.previousNamedSibling;
  while (sibling?.type === 'comment') sibling = sibling.previousNamedSibling;
  return sibling;
}

/** The statement after `node` in its block, skipping comments. */
export function nextStatement(node: SyntaxNode): SyntaxNode | null {
  let sibling = node.nextNamedSibling;
  while (sibling?.type === 'comment') sibling = sibling.nextNamedSibling;
  return sibling;
}

/** The statements of a block (or module), without comments. */
export function statementsOf(block: SyntaxNode | null | undefined): SyntaxNode[] {
  return block ? block.namedChildren.filter((child) => child.type !== 'comment') : [];
}

/** The one expression of an `expression_statement` (`f(x)`, `a = b` as an `assignment`), else undefined. */
export function expressionOf(statement: SyntaxNode | null | undefined): SyntaxNode | undefined {
  if (statement?.type !== 'expression_statement') return undefined;
  // Fast path: nearly every statement holds exactly one node.
  if (statement.namedChildCount === 1) return statement.firstNamedChild ?? undefined;
  const parts = statement.namedChildren.filter((child) => child.type !== 'comment');
  return parts.length === 1 ? parts[0] : undefined;
}

/** Strips redundant parentheses: `((x))` is `x`. */
export function unparenthesized(node: SyntaxNode | null | undefined): SyntaxNode | undefined {
  let current = node ?? undefined;
  while (current?.type === 'parenthesized_expression') {
    const inner = current.namedChildren.filter((child) => child.type !== 'comment');
    if (inner.length !== 1) return current;
    current = inner[0];
  }
  return current;
}

/** What a node's value is used in, looking up through parentheses: `await (f())` gives the `await`. */
export function unparenthesizedParent(node: SyntaxNode): SyntaxNode | null {
  let parent = node.parent;
  while (parent?.type === 'parenthesized_expression') parent = parent.parent;
  return parent;
}

/** Every node of a subtree, root included, depth first, without recursion. Stops early when `visit` returns true. */
export function someNode(root: SyntaxNode, visit: (node: SyntaxNode) => boolean): boolean {
  const stack: SyntaxNode[] = [root];
  while (stack.length > 0) {
    const node = stack.pop()!;
    if (visit(node)) return true;
    for (let i = node.namedChildCount - 1; i >= 0; i--) stack.push(node.namedChild(i)!);
  }
  return false;
}

/** Whether an identifier is used as a variable name (not `obj.attr`'s `attr`, not a keyword argument's name). */
export function isNameUse(identifier: SyntaxNode): boolean {
  const parent = identifier.parent;
  if (!parent) return true;
  if (parent.type === 'attribute') return parent.childForFieldName('attribute')?.startIndex !== identifier.startIndex;
  if (parent.type === 'keyword_argument') return parent.childForFieldName('name')?.startIndex !== identifier.startIndex;
  return true;
}

/** The identifiers in a subtree that use `name` as a variable (in any scope: callers treat shadowing as a use, to stay safe). */
export function usesOfName(root: SyntaxNode, name: string): SyntaxNode[] {
  const uses: SyntaxNode[] = [];
  someNode(root, (node) => {
    if (node.type === 'identifier' && node.text === name && isNameUse(node)) uses.push(node);
    return false;
  });
  return uses;
}

/** Whether the expression is an empty `[]`, `{}` or a no-argument call to the builtin `list`/`set`/`dict`; which one. */
export function emptyContainerKind(node: SyntaxNode | null | undefined, semantic: SemanticModel): 'list' | 'set' | 'dict' | undefined {
  const value = unparenthesized(node);
  if (!value) return undefined;
  if (value.type === 'list' && value.namedChildCount === 0) return 'list';
  if (value.type === 'dictionary' && value.namedChildCount === 0) return 'dict';
  if (value.type !== 'call') return undefined;
  const args = value.childForFieldName('arguments');
  if (args?.type !== 'argument_list' || args.namedChildCount !== 0) return undefined;
  switch (semantic.qualifiedName(value.childForFieldName('function'))) {
    case 'builtins.list':
      return 'list';
    case 'builtins.set':
      return 'set';
    case 'builtins.dict':
      return 'dict';
    default:
      return undefined;
  }
}

/** A call's positional arguments when it has only positional, unstarred ones; undefined otherwise. */
export function plainArguments(call: SyntaxNode): SyntaxNode[] | undefined {
  const args = call.childForFieldName('arguments');
  if (args?.type !== 'argument_list') return undefined;
  const result: SyntaxNode[] = [];
  for (const arg of args.namedChildren) {
    if (arg.type === 'comment') continue;
    if (arg.type === 'keyword_argument' || arg.type === 'list_splat' || arg.type === 'dictionary_splat') return undefined;
    result.push(arg);
  }
  return result;
}

/** `receiver.method(...)` with a plain identifier receiver: the receiver name and the method name. */
export function methodCall(call: SyntaxNode | null | undefined): { receiver: SyntaxNode; method: string } | undefined {
  if (call?.type !== 'call') return undefined;
  const callee = call.childForFieldName('function');
  if (callee?.type !== 'attribute') return undefined;
  const receiver = callee.childForFieldName('object');
  const attribute = callee.childForFieldName('attribute');
  if (receiver?.type !== 'identifier' || !attribute) return undefined;
  return { receiver, method: attribute.text };
}

/** Whether a subtree contains `await`, `yield` or a walrus, which a rewrite into a comprehension would move or break. */
export function hasAwaitYieldOrWalrus(root: SyntaxNode): boolean {
  return someNode(root, (node) => node.type === 'await' || node.type === 'yield' || node.type === 'named_expression');
}

/** `key in container` / `key not in container` (a single comparison), split into its parts. */
export function membershipTest(condition: SyntaxNode | null | undefined): { key: SyntaxNode; container: SyntaxNode; negated: boolean } | undefined {
  const test = unparenthesized(condition);
  if (test?.type !== 'comparison_operator') return undefined;
  const operands = test.namedChildren.filter((child) => child.type !== 'comment' && child.type !== 'not in' && child.type !== 'in');
  const operators = test.childrenForFieldName('operators');
  if (operands.length !== 2 || operators.length !== 1) return undefined;
  const operator = operators[0]!.type;
  if (operator !== 'in' && operator !== 'not in') return undefined;
  return { key: operands[0]!, container: operands[1]!, negated: operator === 'not in' };
}

/** Whether two expressions are spelled the same (whitespace aside): used on side-effect-free keys and receivers. */
export function sameExpression(a: SyntaxNode | null | undefined, b: SyntaxNode | null | undefined): boolean {
  if (!a || !b) return false;
  return a.text.replace(/\s+/g, '') === b.text.replace(/\s+/g, '');
}

/** Names, attributes, literals and subscripts/tuples of them: evaluating it twice gives the same value and has no effect. */
export function isPlainExpression(node: SyntaxNode): boolean {
  const allowed = new Set(['identifier', 'attribute', 'subscript', 'string', 'string_start', 'string_content', 'string_end', 'integer', 'float', 'true', 'false', 'none', 'tuple', 'parenthesized_expression', 'unary_operator', 'escape_sequence']);
  return !someNode(node, (child) => !allowed.has(child.type) && child.type !== 'comment');
}

/** `target[key]` with one plain key: the subscripted expression and the key. */
export function singleSubscript(node: SyntaxNode | null | undefined): { target: SyntaxNode; key: SyntaxNode } | undefined {
  if (node?.type !== 'subscript') return undefined;
  const target = node.childForFieldName('value');
  const keys = node.childrenForFieldName('subscript');
  if (!target || keys.length !== 1 || keys[0]!.type === 'slice') return undefined;
  return { target, key: keys[0]! };
}
