import type Parser from 'tree-sitter';
import type { SyntaxNode } from '../core/rule.js';
import { analyseWanted, type Reach } from './type-reach.js';
import { reportCommentsInside, type TypeVisitors, type WalkHandler } from './walker.js';

type Call = (node: SyntaxNode) => void;

const ERROR_TYPE = 'ERROR';
const COMMENT_TYPE = 'comment';
/** Marks "no rule wants this type" in the by-id table, apart from "not seen yet" (undefined). */
const NONE: TypeVisitors = {};

/**
 * Rule dispatch riding on another cursor walk (the semantic builder's): the
 * walk tells it which nodes it passes, and it records, in document order, the
 * same events `walkTree` would deliver — enter, exit, ERROR regions, MISSING
 * tokens — to be replayed once the semantic model is complete. Directive
 * comments go to the handler at once (they feed a list of their own).
 *
 * Where the host walk skips children, it asks `below(typeId)` whether anything
 * a rule wants could be down there and, if so, lets the recorder walk that
 * part itself (`subtree`, `restOfSiblings`, `token`).
 */
export class EventRecorder {
  private readonly calls: Call[] = [];
  private readonly nodes: SyntaxNode[] = [];
  private readonly visitorsById: TypeVisitors[] = [];
  private readonly belowById: boolean[] = [];
  private readonly leadsById: boolean[] = [];
  private readonly openNodes: (SyntaxNode | undefined)[] = [];
  private readonly openVisitors: TypeVisitors[] = [];
  private readonly reach: Reach;
  private readonly checkMissing: boolean;
  /**
   * Anything may be anywhere: a wanted leaf type, comments (grammar extras) or
   * MISSING tokens. The host then needs `restOfSiblings` wherever it stops
   * early: what it skips there is only tokens, names and extras.
   */
  readonly leaves: boolean;
  private errorTypeId = -2;
  private commentTypeId = -2;
  private current: SyntaxNode | undefined;
  private currentVisitors: TypeVisitors = NONE;

  constructor(
    tree: Parser.Tree,
    private readonly handler: WalkHandler,
    wanted: ReadonlySet<string>,
  ) {
    this.checkMissing = tree.rootNode.hasError;
    this.reach = analyseWanted(wanted);
    this.leaves = this.checkMissing || handler.comment !== undefined || this.reach.leaves;
  }

  /** Could a node of this type (at the cursor) hold, below it, anything to record? */
  below(typeId: number, cursor: Parser.TreeCursor): boolean {
    const known = this.belowById[typeId];
    if (known !== undefined) return known;
    const type = cursor.nodeType;
    this.leadsById[typeId] = this.leaves || this.reach.keywordHomes.has(type);
    return (this.belowById[typeId] = this.leaves || this.reach.below(type));
  }

  /** Can a string without interpolations hold anything to record? */
  get plainStrings(): boolean {
    return this.leaves || this.reach.plainString;
  }

  /** Must the leading token of a node of this type be recorded? Valid once `below` was asked for the type. */
  leads(typeId: number): boolean {
    return this.leadsById[typeId] === true;
  }

  /** The walk is at a node: record its entry (and an ERROR or MISSING report). Returns false for ERROR, whose subtree is not walked. */
  open(typeId: number, cursor: Parser.TreeCursor): boolean {
    let visitors = this.visitorsById[typeId];
    if (visitors === undefined) {
      const type = cursor.nodeType;
      if (type === ERROR_TYPE) this.errorTypeId = typeId;
      if (type === COMMENT_TYPE) this.commentTypeId = typeId;
      visitors = this.visitorsById[typeId] = type === ERROR_TYPE ? NONE : (this.handler.visitorsFor(type) ?? NONE);
    }
    if (typeId === this.errorTypeId) {
      const region = cursor.currentNode;
      this.record(this.handler.error, region);
      reportCommentsInside(region, this.handler);
      this.current = undefined;
      this.currentVisitors = NONE;
      return false;
    }
    if (this.checkMissing && cursor.nodeIsMissing) this.record(this.handler.missing, cursor.currentNode);
    if (typeId === this.commentTypeId && this.handler.comment) this.handler.comment(cursor.startIndex, cursor.endIndex);
    let node: SyntaxNode | undefined;
    if (visitors !== NONE) {
      node = cursor.currentNode;
      if (visitors.enter) this.record(visitors.enter, node);
    }
    this.current = node;
    this.currentVisitors = visitors;
    return true;
  }

  /** The walk went into the children of the node last opened. */
  push(): void {
    this.openNodes.push(this.current);
    this.openVisitors.push(this.currentVisitors);
  }

  /** The node last opened is done without its children having been pushed. */
  close(): void {
    if (this.currentVisitors.exit) this.record(this.currentVisitors.exit, this.current!);
  }

  /** The walk went back up to the parent pushed last: record its exit. */
  pop(): void {
    const node = this.openNodes.pop();
    const visitors = this.openVisitors.pop()!;
    if (visitors.exit) this.record(visitors.exit, node!);
  }

  /** A token the host walk steps over unread: open and close it. */
  token(cursor: Parser.TreeCursor): void {
    if (this.open(cursor.nodeTypeId, cursor)) this.close();
  }

  /**
   * Records the descendants of the node at the cursor (already opened, not yet
   * closed), when anything wanted could be there; the cursor ends where it began.
   */
  subtree(typeId: number, cursor: Parser.TreeCursor): void {
    if (!this.below(typeId, cursor) || !cursor.gotoFirstChild()) return;
    this.push();
    let depth = 1;
    for (;;) {
      const id = cursor.nodeTypeId;
      if (this.open(id, cursor) && this.below(id, cursor) && cursor.gotoFirstChild()) {
        this.push();
        depth++;
        continue;
      }
      this.close();
      while (!cursor.gotoNextSibling()) {
        cursor.gotoParent();
        depth--;
        if (depth === 0) {
          // Back at the starting node: hand it back open, as it came.
          this.current = this.openNodes.pop();
          this.currentVisitors = this.openVisitors.pop()!;
          return;
        }
        this.pop();
      }
    }
  }

  /** Records the siblings after the cursor that the host walk would skip; the cursor ends on the last one. */
  restOfSiblings(cursor: Parser.TreeCursor): void {
    while (cursor.gotoNextSibling()) {
      const id = cursor.nodeTypeId;
      if (!this.open(id, cursor)) continue;
      this.subtree(id, cursor);
      this.close();
    }
  }

  /** Delivers the recorded events, in the order they happened. */
  replay(): void {
    const { calls, nodes } = this;
    for (let i = 0; i < calls.length; i++) calls[i]!(nodes[i]!);
  }

  private record(call: Call, node: SyntaxNode): void {
    this.calls.push(call);
    this.nodes.push(node);
  }
}
