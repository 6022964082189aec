/**
 * The semantic model of one file, as rules ask about it: what a name means,
 * which scope a node runs in, what encloses it, and what a def or class is.
 * Answers that need more than the built records are computed on first use.
 */
import type { SyntaxNode } from '../core/rule.js';
import type { BuiltScopes } from './builder.js';
import { attributeChain, qualifiedNameOfResolution } from './qualified-names.js';
import { ancestorsOf, classLine, decoratorsOf, effectiveStart, loopsAround, unwrapDecorated } from './queries.js';
import { ReferenceRecord, type ScopeRecord } from './records.js';
import { RegionIndex } from './regions.js';
import { lookup } from './resolve.js';
import type { Binding, ClassInfo, FunctionInfo, Reference, Resolution, Scope } from './types.js';

const SCOPE_NODE_TYPES = new Set([
  'function_definition',
  'class_definition',
  'lambda',
  'list_comprehension',
  'set_comprehension',
  'dictionary_comprehension',
  'generator_expression',
  'module',
]);

const CLASS_ASSIGNMENT_KINDS = new Set<Binding['kind']>(['assignment', 'annotated', 'annotation', 'augmented', 'walrus']);

export class SemanticModel {
  /** The module scope: the root of the scope tree. */
  readonly module: Scope;
  /** Every scope of the file, parents before children. */
  readonly scopes: readonly Scope[];

  private readonly built: BuiltScopes;
  private regions: RegionIndex | undefined;
  private scopesByStart: Map<number, ScopeRecord[]> | undefined;
  private readIndex: Map<ScopeRecord, Map<string, Reference[]>> | undefined;
  private readonly effective = new Map<Binding, number>();
  private readonly functions = new Map<Scope, FunctionInfo>();
  private readonly classes = new Map<Scope, ClassInfo>();
  private topFunctions: Map<string, FunctionInfo> | undefined;
  private topClasses: Map<string, ClassInfo> | undefined;

  constructor(
    built: BuiltScopes,
    private readonly source: string,
  ) {
    this.built = built;
    this.module = built.module;
    this.scopes = built.scopes;
  }

  // --- names -------------------------------------------------------------

  /** The reference an identifier makes (its read, when it is both read and written as in `x += 1`). */
  referenceAt(identifier: SyntaxNode): Reference | undefined {
    if (identifier.type !== 'identifier') return undefined;
    const ref = atOffset(this.built.references, identifier.startIndex);
    return ref && ref.endIndex === identifier.endIndex ? ref : undefined;
  }

  /** The binding an identifier creates: an assignment target, a parameter, a def's name, an import's name. */
  bindingAt(identifier: SyntaxNode): Binding | undefined {
    if (identifier.type !== 'identifier') return undefined;
    const binding = atOffset(this.built.bindings, identifier.startIndex);
    return binding && binding.endIndex === identifier.endIndex ? binding : undefined;
  }

  /** What a name means where it is used (LEGB); undefined for identifiers that are not names (attributes, keywords). */
  resolve(target: SyntaxNode | Reference): Resolution | undefined {
    const ref = isReference(target) ? target : this.referenceAt(target);
    if (!ref) return undefined;
    return lookup(ref.scope as ScopeRecord, ref.name, this.built.module);
  }

  /** What `name` would mean if read in `scope`. */
  lookup(name: string, scope: Scope): Resolution {
    return lookup(scope as ScopeRecord, name, this.built.module);
  }

  /** The reads that may see a binding: every read of its name that resolves to its scope. */
  readsOf(binding: Binding): readonly Reference[] {
    const index = (this.readIndex ??= this.indexReads());
    return index.get(binding.scope as ScopeRecord)?.get(binding.name) ?? [];
  }

  /**
   * What an identifier or dotted attribute refers to: `time.sleep` for `t.sleep`
   * after `import time as t`, `builtins.open` for an unshadowed `open`.
   * Undefined when the name is bound locally (a def, an assignment), bound both
   * to an import and to something else, or not a name at all.
   */
  qualifiedName(node: SyntaxNode | null | undefined): string | undefined {
    if (!node) return undefined;
    if (node.type === 'identifier') {
      const resolution = this.resolve(node);
      return resolution && this.referenceAt(node)?.kind === 'read' ? qualifiedNameOfResolution(resolution) : undefined;
    }
    if (node.type !== 'attribute') return undefined;
    const chain = attributeChain(node, (part) => this.text(part));
    if (!chain) return undefined;
    const base = this.qualifiedName(chain.base);
    return base === undefined ? undefined : [base, ...chain.attributes].join('.');
  }

  /**
   * A read that comes before every assignment of its name in its own scope, the
   * name being local there: `def f(): x += 1` or `print(x); x = 1` inside a def.
   * Assignments count from where they take effect (`x = x + 1` reads first);
   * `del` and bare annotations assign nothing. Order is textual.
   */
  isReadBeforeAssignment(reference: Reference): boolean {
    if (reference.kind !== 'read') return false;
    const resolution = this.resolve(reference);
    if (resolution?.kind !== 'binding' || resolution.scope !== reference.scope) return false;
    for (const binding of resolution.bindings) {
      if (this.effectiveStart(binding) <= reference.startIndex) return false;
    }
    return true;
  }

  // --- scopes ------------------------------------------------------------

  /** The scope a node is evaluated in. A def's decorators, defaults and annotations run in the enclosing scope, as does a comprehension's first iterable. */
  scopeOf(node: SyntaxNode): Scope {
    if (node.type === 'identifier') {
      const ref = this.referenceAt(node);
      if (ref) return ref.scope;
      const binding = this.bindingAt(node);
      if (binding) return binding.scope;
    }
    this.regions ??= new RegionIndex(this.built.module, this.built.scopes, this.source.length);
    return this.regions.scopeAt(node.startIndex, node.endIndex);
  }

  /** The scope a def, class, lambda or comprehension opens (a `decorated_definition` stands for its definition). */
  scopeCreatedBy(node: SyntaxNode): Scope | undefined {
    const target = unwrapDecorated(node);
    if (!SCOPE_NODE_TYPES.has(target.type)) return undefined;
    if (target.type === 'module') return this.module;
    if (!this.scopesByStart) {
      this.scopesByStart = new Map();
      for (const scope of this.built.scopes) {
        if (scope.kind === 'module' || scope.kind === 'type-parameters') continue;
        const start = scope.node.startIndex;
        const list = this.scopesByStart.get(start);
        if (list) list.push(scope);
        else this.scopesByStart.set(start, [scope]);
      }
    }
    return this.scopesByStart.get(target.startIndex)?.find((scope) => scope.node.type === target.type);
  }

  /** The innermost def or lambda a node runs in (through class bodies and comprehensions). */
  enclosingFunction(node: SyntaxNode): SyntaxNode | undefined {
    for (let scope: Scope | undefined = this.scopeOf(node); scope; scope = scope.parent) {
      if (scope.kind === 'function' || scope.kind === 'lambda') return scope.node;
    }
    return undefined;
  }

  /** The innermost class whose body a node runs in, directly or inside its methods. */
  enclosingClass(node: SyntaxNode): SyntaxNode | undefined {
    for (let scope: Scope | undefined = this.scopeOf(node); scope; scope = scope.parent) {
      if (scope.kind === 'class') return scope.node;
    }
    return undefined;
  }

  /** The innermost `for`/`while` loop that runs a node once per iteration, in the node's own scope. */
  enclosingLoop(node: SyntaxNode): SyntaxNode | undefined {
    return this.enclosingLoops(node)[0];
  }

  /** Every `for`/`while` loop that runs a node once per iteration in the node's own scope, innermost first. */
  enclosingLoops(node: SyntaxNode): SyntaxNode[] {
    const scope = this.scopeOf(node) as ScopeRecord;
    // Most nodes have no loop around them: the builder's loop list answers without a walk from the root.
    if (!scope.hasLoopAround(node.startIndex, node.endIndex)) return [];
    return loopsAround(node, scope.node);
  }

  /**
   * The ancestors of a node, root first, parent last. Use it instead of a long
   * walk up `node.parent`: tree-sitter finds each parent from the root, so such
   * a walk is quadratic in the depth of the tree.
   */
  ancestors(node: SyntaxNode): SyntaxNode[] {
    return ancestorsOf(node);
  }

  // --- defs and classes ----------------------------------------------------

  /** A def (or the def of a `decorated_definition`) as a FunctionInfo. */
  functionInfo(node: SyntaxNode): FunctionInfo | undefined {
    const scope = this.scopeCreatedBy(node);
    if (scope?.kind !== 'function') return undefined;
    let info = this.functions.get(scope);
    if (!info) {
      const owner = outerOf(scope);
      const isMethod = owner?.kind === 'class';
      const parameters: Binding[] = [];
      for (const bindings of scope.bindings.values()) {
        for (const binding of bindings) if (binding.kind === 'parameter') parameters.push(binding);
      }
      parameters.sort((a, b) => a.startIndex - b.startIndex);
      const created: { -readonly [Key in keyof FunctionInfo]: FunctionInfo[Key] } = {
        name: scope.name ?? '',
        node: scope.node,
        scope,
        isAsync: scope.isAsync,
        isGenerator: scope.isGenerator,
        isMethod,
        class: undefined,
        decorators: decoratorsOf(scope.node),
        parameters,
      };
      // Stored before its class is looked up: the class lists this def among its methods.
      this.functions.set(scope, (info = created));
      if (isMethod) created.class = this.classInfo(owner.node);
    }
    return info;
  }

  /** A class (or the class of a `decorated_definition`) as a ClassInfo. */
  classInfo(node: SyntaxNode): ClassInfo | undefined {
    const scope = this.scopeCreatedBy(node);
    if (scope?.kind !== 'class') return undefined;
    let info = this.classes.get(scope);
    if (!info) {
      const assignments = new Map<string, Binding[]>();
      const methods = new Map<string, FunctionInfo>();
      const { bases, keywords } = classLine(scope.node);
      info = {
        name: scope.name ?? '',
        node: scope.node,
        scope,
        bases,
        keywords,
        decorators: decoratorsOf(scope.node),
        assignments,
        methods,
      };
      this.classes.set(scope, info);
      for (const [name, bindings] of scope.bindings) {
        const assigned = bindings.filter((binding) => CLASS_ASSIGNMENT_KINDS.has(binding.kind));
        if (assigned.length > 0) assignments.set(name, assigned);
        const defs = bindings.filter((binding) => binding.kind === 'function' && binding.definedScope);
        const last = defs[defs.length - 1];
        const method = last && this.functionInfo(last.definedScope!.node);
        if (method) methods.set(name, method);
      }
    }
    return info;
  }

  /** `async def`. */
  isAsync(node: SyntaxNode): boolean {
    return this.scopeCreatedBy(node)?.isAsync ?? false;
  }

  /** A def or lambda with `yield` in its own body. */
  isGenerator(node: SyntaxNode): boolean {
    return this.scopeCreatedBy(node)?.isGenerator ?? false;
  }

  /** A def directly in a class body. */
  isMethod(node: SyntaxNode): boolean {
    return this.functionInfo(node)?.isMethod ?? false;
  }

  /** The decorator expressions of a def or class, top to bottom. */
  decorators(node: SyntaxNode): SyntaxNode[] {
    return decoratorsOf(unwrapDecorated(node));
  }

  /** Whether a def or class has a decorator naming `qualifiedName`, called or not: `@wraps(f)`, `@functools.lru_cache(maxsize=1)`, `@ft.cache`. */
  isDecoratedWith(node: SyntaxNode, qualifiedName: string): boolean {
    return this.decorators(node).some((decorator) => {
      const callee = decorator.type === 'call' ? decorator.childForFieldName('function') : decorator;
      return this.qualifiedName(callee) === qualifiedName;
    });
  }

  /** The module's functions by name (defined in the module scope, also under `if`/`try`; the last one of a name). */
  get topLevelFunctions(): ReadonlyMap<string, FunctionInfo> {
    return (this.topFunctions ??= this.topLevel('function', (node) => this.functionInfo(node)));
  }

  /** The module's classes by name (the last one of a name). */
  get topLevelClasses(): ReadonlyMap<string, ClassInfo> {
    return (this.topClasses ??= this.topLevel('class', (node) => this.classInfo(node)));
  }

  // --- helpers -----------------------------------------------------------

  /** The source text of a node. */
  text(node: { startIndex: number; endIndex: number }): string {
    return this.source.slice(node.startIndex, node.endIndex);
  }

  private effectiveStart(binding: Binding): number {
    let start = this.effective.get(binding);
    if (start === undefined) {
      start = effectiveStart(binding);
      this.effective.set(binding, start);
    }
    return start;
  }

  private indexReads(): Map<ScopeRecord, Map<string, Reference[]>> {
    const index = new Map<ScopeRecord, Map<string, Reference[]>>();
    for (const scope of this.built.scopes) {
      for (const ref of scope.references) {
        if (ref.kind !== 'read') continue;
        const resolution = lookup(scope, ref.name, this.built.module);
        if (resolution.kind !== 'binding') continue;
        const target = resolution.scope as ScopeRecord;
        let byName = index.get(target);
        if (!byName) index.set(target, (byName = new Map()));
        const list = byName.get(ref.name);
        if (list) list.push(ref);
        else byName.set(ref.name, [ref]);
      }
    }
    for (const byName of index.values()) {
      for (const list of byName.values()) list.sort((a, b) => a.startIndex - b.startIndex);
    }
    return index;
  }

  private topLevel<T>(kind: 'function' | 'class', info: (node: SyntaxNode) => T | undefined): Map<string, T> {
    const result = new Map<string, T>();
    for (const [name, bindings] of this.module.bindings) {
      let last: Binding | undefined;
      for (const binding of bindings) if (binding.kind === kind && binding.definedScope) last = binding;
      const value = last && info(last.definedScope!.node);
      if (value !== undefined) result.set(name, value);
    }
    return result;
  }
}

/** The first record starting at `offset` in a list sorted by start (binary search). */
function atOffset<T extends { readonly startIndex: number }>(records: readonly T[], offset: number): T | undefined {
  let low = 0;
  let high = records.length;
  while (low < high) {
    const middle = (low + high) >> 1;
    if (records[middle]!.startIndex < offset) low = middle + 1;
    else high = middle;
  }
  const found = records[low];
  return found && found.startIndex === offset ? found : undefined;
}

function isReference(target: SyntaxNode | Reference): target is Reference {
  return target instanceof ReferenceRecord;
}

/** The scope a def or class is defined in, looking through a PEP 695 type-parameter scope. */
function outerOf(scope: Scope): Scope | undefined {
  const parent = scope.parent;
  return parent?.kind === 'type-parameters' ? parent.parent : parent;
}

