import type { Span, SyntaxNode } from '../core/rule.js';

/**
 * The kinds of scope Python has. `type-parameters` is the annotation scope
 * PEP 695 opens for `def f[T]`, `class C[T]` and `type A[T] = ...`.
 */
export type ScopeKind = 'module' | 'class' | 'function' | 'lambda' | 'comprehension' | 'type-parameters';

/** Every way Python binds a name. */
export type BindingKind =
  /** `x = ...`, and the names inside tuple/list/starred targets */
  | 'assignment'
  /** `x += ...` (also a read of `x`) */
  | 'augmented'
  /** `x: T = ...` */
  | 'annotated'
  /** `x: T` without a value: makes `x` local but assigns nothing */
  | 'annotation'
  /** `(x := ...)`; binds in the enclosing function even from inside a comprehension */
  | 'walrus'
  /** `for x in ...` and `async for` */
  | 'for'
  /** the target of a comprehension's `for ... in` */
  | 'comprehension'
  /** `with ... as x` */
  | 'with'
  /** `except ... as x` */
  | 'except'
  /** `import a.b` (binds `a`) and `import a.b as c` */
  | 'import'
  /** `from m import x`, `from . import x`, `from __future__ import x` */
  | 'from-import'
  | 'function'
  | 'class'
  /** a parameter of a def or lambda, any flavour */
  | 'parameter'
  /** a `match` capture pattern: `case [x, *rest]`, `case {"k": v}`, `case P(x=a)`, `case y`, `as y` */
  | 'match'
  /** `del x`: makes `x` local to the scope, assigns nothing */
  | 'delete'
  /** a PEP 695 type parameter */
  | 'type-parameter'
  /** `type Alias = ...` */
  | 'type-alias';

/** A place where a name is bound in a scope. Spans the identifier that names it. */
export interface Binding extends Span {
  readonly name: string;
  readonly kind: BindingKind;
  /** The scope the name lives in (the module scope for a name declared `global`). */
  readonly scope: Scope;
  /** The identifier naming the binding (for `import a.b`, the `a`). */
  readonly node: SyntaxNode;
  /** For imports: the qualified name the binding refers to (`import a.b` → `a`, `import a.b as c` → `a.b`, `from .m import x` → `.m.x`). */
  readonly importedName: string | undefined;
  /** For `import a.b`: the module imported (`a.b`), which differs from the name bound (`a`). */
  readonly importedModule: string | undefined;
  /** For `def` and `class`: the scope the definition opens. */
  readonly definedScope: Scope | undefined;
  /** Bound inside an `except ImportError:` / `except ModuleNotFoundError:` handler (a fallback for a failed import). */
  readonly inImportFallback: boolean;
}

export type ReferenceKind = 'read' | 'write' | 'delete';

/** An identifier used as a name: read, written (bound) or deleted. */
export interface Reference extends Span {
  readonly name: string;
  readonly kind: ReferenceKind;
  /** The scope the identifier appears in (where its lookup starts). */
  readonly scope: Scope;
  /** The identifier. */
  readonly node: SyntaxNode;
  /** For writes and deletes: the binding this identifier creates. */
  readonly binding: Binding | undefined;
}

/**
 * What a name means where it is read:
 * - `binding`: a name bound in `scope`; `bindings` are all its bindings there, in source order
 *   (which one is live at run time depends on control flow);
 * - `builtin`: not bound anywhere on the lookup path, and a Python builtin;
 * - `implicit`: a name Python provides without a visible binding (`__name__`, `__file__`, `__class__`...);
 * - `star`: not bound, not a builtin, and the module has `from m import *`: it may come from there;
 * - `unresolved`: bound nowhere (a `NameError` waiting to happen, or a name set through `globals()`).
 */
export type Resolution =
  | { readonly kind: 'binding'; readonly name: string; readonly scope: Scope; readonly bindings: readonly Binding[] }
  | { readonly kind: 'builtin'; readonly name: string }
  | { readonly kind: 'implicit'; readonly name: string }
  | { readonly kind: 'star'; readonly name: string; readonly imports: readonly StarImport[] }
  | { readonly kind: 'unresolved'; readonly name: string };

/** `from m import *`. */
export interface StarImport extends Span {
  /** The module as written, relative dots included (`os`, `.sibling`, `..`). */
  readonly module: string;
  readonly scope: Scope;
}

export interface Scope {
  readonly kind: ScopeKind;
  readonly parent: Scope | undefined;
  readonly children: readonly Scope[];
  /**
   * The node that opens the scope: `module`, `function_definition`, `class_definition`, `lambda`,
   * a comprehension or `generator_expression`, or for `type-parameters` the definition it belongs to.
   */
  readonly node: SyntaxNode;
  /** The name of a def or class. */
  readonly name: string | undefined;
  /** `async def`. */
  readonly isAsync: boolean;
  /** A def or lambda with `yield` in its own body (not in nested defs, lambdas or comprehensions). */
  readonly isGenerator: boolean;
  /** Every name bound in this scope, each with its bindings in source order. */
  readonly bindings: ReadonlyMap<string, readonly Binding[]>;
  /** Every identifier used as a name directly in this scope, in source order. */
  readonly references: readonly Reference[];
  /** Names declared `global` here. */
  readonly globals: ReadonlySet<string>;
  /** Names declared `nonlocal` here. */
  readonly nonlocals: ReadonlySet<string>;
  /** `from m import *` executed in this scope. */
  readonly starImports: readonly StarImport[];
}

/** A def as the rules see it. */
export interface FunctionInfo {
  readonly name: string;
  /** The `function_definition` node. */
  readonly node: SyntaxNode;
  readonly scope: Scope;
  readonly isAsync: boolean;
  readonly isGenerator: boolean;
  /** Defined directly in a class body. */
  readonly isMethod: boolean;
  /** The class of a method. */
  readonly class: ClassInfo | undefined;
  /** The decorator expressions, top to bottom (the node after `@`). */
  readonly decorators: readonly SyntaxNode[];
  /** The parameter bindings, in order. */
  readonly parameters: readonly Binding[];
}

/** A class as the rules see it. */
export interface ClassInfo {
  readonly name: string;
  /** The `class_definition` node. */
  readonly node: SyntaxNode;
  readonly scope: Scope;
  /** The positional bases, as written. */
  readonly bases: readonly SyntaxNode[];
  /** The `keyword_argument` nodes of the class line (`metaclass=...`). */
  readonly keywords: readonly SyntaxNode[];
  readonly decorators: readonly SyntaxNode[];
  /** Names assigned in the class body (assignment, annotated, augmented, walrus), each with its bindings. */
  readonly assignments: ReadonlyMap<string, readonly Binding[]>;
  /** The defs directly in the class body, by name (the last one when a name is defined twice). */
  readonly methods: ReadonlyMap<string, FunctionInfo>;
}
