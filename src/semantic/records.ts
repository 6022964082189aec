/**
 * The mutable records the builder fills and the model hands out read-only:
 * scopes, bindings and references. Bindings and references keep offsets only;
 * their identifier node is found on first access, so building the model
 * creates no node objects for names.
 */
import type Parser from 'tree-sitter';
import type { SyntaxNode } from '../core/rule.js';
import type { Binding, BindingKind, Reference, ReferenceKind, Resolution, Scope, ScopeKind, StarImport } from './types.js';

/** Finds the node at a span of the tree, on demand. */
export class NodeLocator {
  constructor(private readonly tree: Parser.Tree) {}

  at(startIndex: number, endIndex: number): SyntaxNode {
    return this.tree.rootNode.descendantForIndex(startIndex, endIndex);
  }
}

const NO_NAMES: ReadonlySet<string> = new Set();
const NO_SPANS: readonly number[] = [];

export class ScopeRecord implements Scope {
  readonly children: ScopeRecord[] = [];
  name: string | undefined = undefined;
  isAsync = false;
  isGenerator = false;
  readonly bindings = new Map<string, BindingRecord[]>();
  readonly references: ReferenceRecord[] = [];
  globals: Set<string> = NO_NAMES as Set<string>;
  nonlocals: Set<string> = NO_NAMES as Set<string>;
  starImports: StarImport[] = [];
  /** The span of a def's, class's or lambda's body when the builder saw it (-1 otherwise): spares the region index a lookup per scope. */
  bodyStart = -1;
  bodyEnd = -1;
  /** Start and end offsets, in pairs, of the `for`/`while` statements evaluated in this scope. */
  loopSpans: number[] = NO_SPANS as number[];
  /** How many `except ImportError:` handler bodies of this scope the walk is inside. */
  importFallbackDepth = 0;
  /** Lookups already made from this scope, by name. */
  readonly lookups = new Map<string, Resolution>();

  constructor(
    readonly kind: ScopeKind,
    public parent: ScopeRecord | undefined,
    readonly node: SyntaxNode,
  ) {
    parent?.children.push(this);
  }

  declareGlobal(name: string): void {
    if (this.globals === NO_NAMES) this.globals = new Set();
    this.globals.add(name);
  }

  declareNonlocal(name: string): void {
    if (this.nonlocals === NO_NAMES) this.nonlocals = new Set();
    this.nonlocals.add(name);
  }

  addLoop(start: number, end: number): void {
    if (this.loopSpans === NO_SPANS) this.loopSpans = [];
    this.loopSpans.push(start, end);
  }

  /** Does one of this scope's loops hold the span? When not, no loop of this scope runs it. */
  hasLoopAround(start: number, end: number): boolean {
    const spans = this.loopSpans;
    for (let i = 0; i < spans.length; i += 2) if (spans[i]! <= start && end <= spans[i + 1]!) return true;
    return false;
  }

  addBinding(binding: BindingRecord): void {
    const list = this.bindings.get(binding.name);
    if (list) list.push(binding);
    else this.bindings.set(binding.name, [binding]);
  }
}

export class BindingRecord implements Binding {
  importedName: string | undefined = undefined;
  importedModule: string | undefined = undefined;
  definedScope: ScopeRecord | undefined = undefined;
  private cachedNode: SyntaxNode | undefined;

  constructor(
    private readonly locator: NodeLocator,
    readonly name: string,
    public kind: BindingKind,
    public scope: ScopeRecord,
    readonly startIndex: number,
    readonly endIndex: number,
    readonly inImportFallback: boolean,
  ) {}

  get node(): SyntaxNode {
    return (this.cachedNode ??= this.locator.at(this.startIndex, this.endIndex));
  }
}

export class ReferenceRecord implements Reference {
  private cachedNode: SyntaxNode | undefined;

  constructor(
    private readonly locator: NodeLocator,
    readonly name: string,
    readonly kind: ReferenceKind,
    readonly scope: ScopeRecord,
    readonly startIndex: number,
    readonly endIndex: number,
    readonly binding: BindingRecord | undefined,
  ) {}

  get node(): SyntaxNode {
    return (this.cachedNode ??= this.locator.at(this.startIndex, this.endIndex));
  }
}
