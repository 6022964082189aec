import type Parser from 'tree-sitter';
import type { SyntaxNode } from '../core/rule.js';

/** Receives every node of the walk; `wants` keeps node objects from being built for types nobody asked for. */
export interface WalkHandler {
  /** Node types with enter or exit visitors; only these are materialised as node objects. */
  wants(type: string): boolean;
  enter(type: string, node: SyntaxNode | undefined): void;
  exit(type: string, node: SyntaxNode | undefined): void;
  /** A region the parser could not make sense of; its subtree is not walked. */
  error(node: SyntaxNode): void;
  /** A token the parser had to invent to recover (e.g. a missing `)`). */
  missing(node: SyntaxNode): void;
}

/** Node type names by type id, filled on first sight: reading the numeric id from the cursor is cheaper than the name. */
const TYPE_NAMES: string[] = [];

/**
 * Walks a tree once, depth first, with a TreeCursor and an explicit stack:
 * no JavaScript recursion, so a file nested 100,000 levels deep cannot
 * overflow the call stack.
 */
export function walkTree(tree: Parser.Tree, handler: WalkHandler): void {
  const cursor = tree.walk();
  const root = tree.rootNode;
  const checkMissing = root.hasError;
  // tree-sitter numbers tokens before rules, and the root rule `module` comes first
  // among rules: a node whose type id is below the root's is a token, with no
  // children, so the walk saves a native gotoFirstChild call on about half the nodes.
  const firstRuleId = root.type === 'module' ? root.typeId : 0;
  const openNodes: (SyntaxNode | undefined)[] = [];
  const openTypes: string[] = [];

  for (;;) {
    const typeId = cursor.nodeTypeId;
    const type = TYPE_NAMES[typeId] ?? (TYPE_NAMES[typeId] = cursor.nodeType);
    let descend = typeId >= firstRuleId;
    let node: SyntaxNode | undefined;
    if (type === 'ERROR') {
      handler.error(cursor.currentNode);
      descend = false;
    } else {
      if (checkMissing && cursor.nodeIsMissing) handler.missing(cursor.currentNode);
      if (handler.wants(type)) node = cursor.currentNode;
      handler.enter(type, node);
    }

    if (descend && cursor.gotoFirstChild()) {
      openNodes.push(node);
      openTypes.push(type);
      continue;
    }
    if (type !== 'ERROR') handler.exit(type, node);

    while (!cursor.gotoNextSibling()) {
      if (openTypes.length === 0) return;
      cursor.gotoParent();
      handler.exit(openTypes.pop()!, openNodes.pop());
    }
  }
}
