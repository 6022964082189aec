import type Parser from 'tree-sitter';
import type { SyntaxNode } from '../core/rule.js';

/** What runs when the walk enters or leaves nodes of one type. */
export interface TypeVisitors {
  readonly enter?: (node: SyntaxNode) => void;
  readonly exit?: (node: SyntaxNode) => void;
}

export interface WalkHandler {
  /** Asked once per node type per walk; `undefined` means no rule wants the type, and its nodes are never materialised. */
  visitorsFor(type: string): TypeVisitors | undefined;
  /** A region the parser could not make sense of; its subtree is not walked. */
  error(node: SyntaxNode): void;
  /** A token the parser had to invent to recover (e.g. a missing `)`). */
  missing(node: SyntaxNode): void;
  /** When present, receives the offsets of every comment, read from the cursor without building nodes. */
  comment?(startIndex: number, endIndex: number): void;
}

/** Node type names by type id, filled on first sight: reading the numeric id from the cursor is cheaper than the name. */
const TYPE_NAMES: string[] = [];
const ERROR_TYPE = 'ERROR';
const COMMENT_TYPE = 'comment';

/**
 * Walks a tree once, depth first, with a TreeCursor and an explicit stack:
 * no JavaScript recursion, so a file nested 100,000 levels deep cannot
 * overflow the call stack. Native calls dominate the cost, so the loop makes
 * as few as it can per node.
 */
export function walkTree(tree: Parser.Tree, handler: WalkHandler): void {
  const cursor = tree.walk();
  const root = tree.rootNode;
  const checkMissing = root.hasError;
  // tree-sitter numbers tokens before rules, and the root rule `module` comes first
  // among rules: a node whose type id is below the root's is a token, with no
  // children, so the walk saves a native gotoFirstChild call on about half the nodes.
  const firstRuleId = root.type === 'module' ? root.typeId : 0;
  const visitorsById: (TypeVisitors | null | undefined)[] = [];
  let commentTypeId = -1;
  const openNodes: (SyntaxNode | undefined)[] = [];
  const openVisitors: (TypeVisitors | null)[] = [];

  for (;;) {
    const typeId = cursor.nodeTypeId;
    let visitors = visitorsById[typeId];
    if (visitors === undefined) {
      const type = TYPE_NAMES[typeId] ?? (TYPE_NAMES[typeId] = cursor.nodeType);
      visitors = visitorsById[typeId] = type === ERROR_TYPE ? null : (handler.visitorsFor(type) ?? null);
      if (type === COMMENT_TYPE && handler.comment) commentTypeId = typeId;
    }
    let node: SyntaxNode | undefined;
    let descend = typeId >= firstRuleId;
    if (descend && TYPE_NAMES[typeId] === ERROR_TYPE) {
      const region = cursor.currentNode;
      handler.error(region);
      reportCommentsInside(region, handler);
      descend = false;
    } else {
      if (checkMissing && cursor.nodeIsMissing) handler.missing(cursor.currentNode);
      if (typeId === commentTypeId) handler.comment!(cursor.startIndex, cursor.endIndex);
      if (visitors) {
        node = cursor.currentNode;
        visitors.enter?.(node);
      }
    }

    if (descend && cursor.gotoFirstChild()) {
      openNodes.push(node);
      openVisitors.push(visitors);
      continue;
    }
    if (visitors?.exit) visitors.exit(node!);

    while (!cursor.gotoNextSibling()) {
      if (openVisitors.length === 0) return;
      cursor.gotoParent();
      const parentNode = openNodes.pop();
      const parentVisitors = openVisitors.pop();
      if (parentVisitors?.exit) parentVisitors.exit(parentNode!);
    }
  }
}

/**
 * The walk does not enter an unparsable region, but a `# noqa` on its first
 * line must still be read (it is how a user silences SYN001 where tree-sitter
 * rejects valid Python), so its comments are fetched in one native call.
 * Regions are rare, so this costs nothing in the common case.
 */
export function reportCommentsInside(region: SyntaxNode, handler: Pick<WalkHandler, 'comment'>): void {
  if (!handler.comment) return;
  for (const comment of region.descendantsOfType(COMMENT_TYPE)) handler.comment(comment.startIndex, comment.endIndex);
}
