/**
 * Questions about the nodes around a node, answered on demand: loops,
 * decorators, class lines, and where a binding takes effect. No recursion.
 * tree-sitter finds `node.parent` by descending from the root, so a long walk
 * up through parents is quadratic in the depth; long paths are found from the
 * root down with a cursor instead (`ancestorsOf`).
 */
import type Parser from 'tree-sitter';
import type { SyntaxNode } from '../core/rule.js';
import type { Binding } from './types.js';

/** Same node, without relying on node objects being identical. */
export function sameNode(a: SyntaxNode, b: SyntaxNode): boolean {
  return a.type === b.type && a.startIndex === b.startIndex && a.endIndex === b.endIndex;
}

/**
 * Moves a fresh cursor from the root down to `node`, calling `visit` at each
 * ancestor (root first) with the cursor on it: one descent, O(depth).
 */
function descendTo(node: SyntaxNode, visit: (cursor: Parser.TreeCursor) => void): void {
  const start = node.startIndex;
  const end = node.endIndex;
  const type = node.type;
  const cursor = node.tree.rootNode.walk();
  for (;;) {
    if (cursor.startIndex === start && cursor.endIndex === end && cursor.nodeType === type) return;
    visit(cursor);
    // The child holding the span: the first one reaching past its start, or a later one.
    if ((cursor.gotoFirstChildForIndex(start) as unknown) === null) return;
    while (!(cursor.startIndex <= start && end <= cursor.endIndex)) {
      if (cursor.startIndex > start || !cursor.gotoNextSibling()) return;
    }
  }
}

/** The ancestors of a node, root first, parent last. */
export function ancestorsOf(node: SyntaxNode): SyntaxNode[] {
  const path: SyntaxNode[] = [];
  descendTo(node, (cursor) => path.push(cursor.currentNode));
  return path;
}

/**
 * The `for` / `while` loops that run `node` once per iteration, innermost
 * first, up to `boundary` (the node of the scope `node` is evaluated in). A
 * `for` counts when `node` is in its body; a `while` when it is in its body or
 * condition; never through an `else` clause. Only the loops are made into
 * node objects.
 */
export function loopsAround(node: SyntaxNode, boundary: SyntaxNode): SyntaxNode[] {
  const types: string[] = [];
  const loopNodes: (SyntaxNode | undefined)[] = [];
  const boundaryStart = boundary.startIndex;
  const boundaryEnd = boundary.endIndex;
  let below = -1; // index of the boundary on the path: loops above it do not count
  descendTo(node, (cursor) => {
    const type = cursor.nodeType;
    if (type === boundary.type && cursor.startIndex === boundaryStart && cursor.endIndex === boundaryEnd) below = types.length;
    types.push(type);
    loopNodes.push(type === 'for_statement' || type === 'while_statement' ? cursor.currentNode : undefined);
  });
  const loops: SyntaxNode[] = [];
  for (let i = types.length - 1; i > below; i--) {
    const childType = i + 1 < types.length ? types[i + 1]! : node.type;
    const loop = loopNodes[i];
    if (!loop) continue;
    if (types[i] === 'for_statement' ? childType === 'block' : childType !== 'else_clause') loops.push(loop);
  }
  return loops;
}

/** The decorator expressions of a def or class (what follows each `@`), top to bottom. */
export function decoratorsOf(definition: SyntaxNode): SyntaxNode[] {
  const parent = definition.parent;
  if (parent?.type !== 'decorated_definition') return [];
  const expressions: SyntaxNode[] = [];
  for (const decorator of parent.namedChildren) {
    if (decorator.type !== 'decorator') continue;
    const expression = decorator.namedChildren.find((child) => child.type !== 'comment');
    if (expression) expressions.push(expression);
  }
  return expressions;
}

/** A `decorated_definition` stands for its def or class. */
export function unwrapDecorated(node: SyntaxNode): SyntaxNode {
  return node.type === 'decorated_definition' ? (node.childForFieldName('definition') ?? node) : node;
}

/** The positional bases and the keyword arguments of a class line. */
export function classLine(definition: SyntaxNode): { bases: SyntaxNode[]; keywords: SyntaxNode[] } {
  const bases: SyntaxNode[] = [];
  const keywords: SyntaxNode[] = [];
  const list = definition.childForFieldName('superclasses');
  for (const child of list?.namedChildren ?? []) {
    if (child.type === 'keyword_argument') keywords.push(child);
    else if (child.type !== 'comment') bases.push(child);
  }
  return { bases, keywords };
}

const COMPREHENSIONS = new Set(['list_comprehension', 'set_comprehension', 'dictionary_comprehension', 'generator_expression']);

/**
 * The offset from which a binding holds in straight-line code: after the
 * right-hand side of an assignment (`x = x + 1` reads before it binds), at the
 * start of a `for` body, after a `with` item or import, at once for a
 * parameter. `Infinity` for `del` and bare annotations, which assign nothing.
 */
export function effectiveStart(binding: Binding): number {
  switch (binding.kind) {
    case 'parameter':
    case 'type-parameter':
      return -1;
    case 'delete':
    case 'annotation':
      return Infinity;
    case 'function':
    case 'class':
      return binding.definedScope ? binding.definedScope.node.endIndex : binding.endIndex;
  }
  let child = binding.node;
  for (let parent = child.parent; parent; child = parent, parent = parent.parent) {
    switch (parent.type) {
      case 'assignment':
      case 'augmented_assignment':
      case 'named_expression':
      case 'with_item':
      case 'import_statement':
      case 'import_from_statement':
      case 'future_import_statement':
      case 'type_alias_statement':
        return parent.endIndex;
      case 'as_pattern':
        if (binding.kind === 'except') return parent.endIndex;
        break;
      case 'for_statement':
        return parent.childForFieldName('body')?.startIndex ?? parent.endIndex;
      case 'for_in_clause':
        return parent.parent?.startIndex ?? parent.startIndex;
      case 'case_clause':
        return child.endIndex;
      case 'block':
      case 'module':
      case 'lambda':
      case 'function_definition':
      case 'class_definition':
        return binding.endIndex;
      default:
        if (COMPREHENSIONS.has(parent.type)) return binding.endIndex;
    }
  }
  return binding.endIndex;
}
