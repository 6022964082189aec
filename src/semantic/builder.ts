/**
 * Builds scopes, bindings and references in one pass over the tree with a
 * TreeCursor and explicit stacks (no recursion: a file nested 100,000 levels
 * deep must not overflow the call stack).
 *
 * Cost is dominated by calls into native code, so the walk reads the numeric
 * type id of each node and nothing else, except the start offset of
 * identifiers and a few rare node types; node objects are made only for the
 * nodes that open a scope. Which part of a parent a child is in (a def's name,
 * an assignment's target, the value after `=`) comes from the tokens already
 * passed, not from field names.
 */
import type Parser from 'tree-sitter';
import { K, KINDS, learnKind, Shape, SHAPE_FLAGS } from './node-kinds.js';
import { BindingRecord, NodeLocator, ReferenceRecord, ScopeRecord } from './records.js';
import type { BindingKind } from './types.js';
import type { EventRecorder } from '../engine/recorder.js';

/** What an identifier or subtree directly under a node means there. */
const enum Ctx {
  Load,
  Store,
  Del,
  Skip,
  Params,
  Param,
  AugTarget,
  Walrus,
  Pattern,
  /** A name read inside a pattern: a class pattern's class, a dict pattern's key, `Color.RED`. */
  PatternValue,
  DefName,
  TypeParams,
  TypeParam,
  TypeAliasLeft,
  Global,
  Nonlocal,
  ImportModule,
  ImportNames,
  AliasName,
}

export interface BuiltScopes {
  readonly module: ScopeRecord;
  /** Every scope, parents before children. */
  readonly scopes: readonly ScopeRecord[];
  /** Every binding, in source order. */
  readonly bindings: readonly BindingRecord[];
  /** Every reference, in source order (at `x += 1`, the read before the write). */
  readonly references: readonly ReferenceRecord[];
  readonly locator: NodeLocator;
}

/**
 * `recorder`, when given, rides along: it is told every node the walk passes
 * and walks itself whatever the walk would skip that a rule may want, so one
 * cursor pass also yields the rule-dispatch events.
 */
export function buildScopes(tree: Parser.Tree, source: string, recorder?: EventRecorder): BuiltScopes {
  const locator = new NodeLocator(tree);
  const module = new ScopeRecord('module', undefined, tree.rootNode);
  const scopes: ScopeRecord[] = [module];
  const allBindings: BindingRecord[] = [];
  const allReferences: ReferenceRecord[] = [];
  const checkMissing = tree.rootNode.hasError;
  const result: BuiltScopes = { module, scopes, bindings: allBindings, references: allReferences, locator };

  // One frame per open node, in parallel arrays.
  const fKind: K[] = [K.Module];
  const fCtx: Ctx[] = [Ctx.Load];
  /** Where names directly under the node are evaluated. */
  const fScope: ScopeRecord[] = [module];
  /** The scope the node opens (def, class, lambda, comprehension), or receives parameters. */
  const fInner: (ScopeRecord | undefined)[] = [undefined];
  /** Where a def's or class's header (defaults, annotations, bases) is evaluated. */
  const fHeader: ScopeRecord[] = [module];
  /** Which part of the node the walk is in, moved on by tokens. */
  const fPhase: number[] = [0];
  const fBind: BindingKind[] = ['assignment'];
  const fAux: number[] = [0];
  const fAux2: number[] = [0];
  const fText: string[] = [''];
  /** Shape flags of the node (see `Shape`). */
  const fShape: number[] = [0];
  /** Set once nothing after the current child can matter: the walk then goes straight up. */
  const fDone: number[] = [0];
  let top = 0;
  /** The frame of the `except` clause whose exception types are being read, or -1. */
  let exceptFrame = -1;

  const read = (name: string, start: number, end: number, scope: ScopeRecord): void => {
    const ref = new ReferenceRecord(locator, name, 'read', scope, start, end, undefined);
    scope.references.push(ref);
    allReferences.push(ref);
    if (exceptFrame >= 0 && (name === 'ImportError' || name === 'ModuleNotFoundError')) fAux[exceptFrame] = 1;
  };

  const bind = (
    name: string,
    kind: BindingKind,
    target: ScopeRecord,
    start: number,
    end: number,
    where: ScopeRecord,
  ): BindingRecord => {
    const binding = new BindingRecord(locator, name, kind, target, start, end, where.importFallbackDepth > 0);
    target.addBinding(binding);
    allBindings.push(binding);
    const ref = new ReferenceRecord(locator, name, kind === 'delete' ? 'delete' : 'write', where, start, end, binding);
    where.references.push(ref);
    allReferences.push(ref);
    return binding;
  };

  const openScope = (kind: ScopeRecord['kind'], parent: ScopeRecord): ScopeRecord => {
    const scope = new ScopeRecord(kind, parent, cursor.currentNode);
    scopes.push(scope);
    return scope;
  };

  /**
   * Notes the body span of a def, class or lambda for the region index (only
   * in trees without syntax errors, where the child after the colon is surely
   * the \`body\` field; otherwise the index asks the tree).
   */
  const noteBody = (owner: ScopeRecord): void => {
    owner.bodyStart = cursor.startIndex;
    owner.bodyEnd = cursor.endIndex;
  };

  /** The text of a dotted name or relative import, without the spaces Python allows around dots. */
  const dottedText = (): string => {
    const text = source.slice(cursor.startIndex, cursor.endIndex);
    return /[\s\\]/.test(text) ? text.replace(/[\s\\]+/g, '') : text;
  };

  const cursor = tree.walk();
  const rec = recorder;
  /** Where the walk stops early, only tokens, names and comments are left: the recorder wants them only then. */
  const recordTails = rec !== undefined && rec.leaves;
  rec?.open(cursor.nodeTypeId, cursor);
  if (!cursor.gotoFirstChild()) {
    rec?.close();
    return result;
  }
  rec?.push();

  for (;;) {
    const typeId = cursor.nodeTypeId;
    const kind = KINDS[typeId] ?? learnKind(typeId, cursor);
    const live = rec ? rec.open(typeId, cursor) : true;
    if (kind >= K.TokColon) {
      onToken(kind);
      rec?.close();
    } else if (kind === K.Leaf || kind === K.NoNames || kind === K.Error) {
      if (rec && live) {
        rec.subtree(typeId, cursor);
        rec.close();
      }
    } else {
      let descended = false;
      const pk = fKind[top]!;
      const pctx = fCtx[top]!;
      const phase = fPhase[top]!;
      let scope = fScope[top]!;
      let inner = fInner[top];
      let header = fHeader[top]!;
      let bindKind = fBind[top]!;
      let slot = pctx;

      // Which part of the parent this child is in.
      switch (pk) {
        case K.Assignment:
          if (phase === 0) {
            slot = Ctx.Store;
            bindKind = 'assignment';
          } else slot = Ctx.Load;
          break;
        case K.AugmentedAssignment:
          slot = phase === 0 ? Ctx.AugTarget : Ctx.Load;
          fPhase[top] = 1;
          break;
        case K.NamedExpression:
          slot = phase === 0 ? Ctx.Walrus : Ctx.Load;
          fPhase[top] = 1;
          break;
        case K.ForStatement:
          if (phase === 0) {
            slot = Ctx.Store;
            bindKind = 'for';
          } else slot = Ctx.Load;
          break;
        case K.ForInClause:
          if (phase === 0) {
            slot = Ctx.Store;
            bindKind = 'comprehension';
          } else {
            slot = Ctx.Load;
            // The first iterable of a comprehension is evaluated in the enclosing scope.
            if (fAux[top] === 1) scope = header;
          }
          break;
        case K.Attribute:
          slot = phase === 0 ? Ctx.Load : Ctx.Skip;
          break;
        case K.KeywordArgument:
          slot = phase === 0 ? Ctx.Skip : Ctx.Load;
          break;
        case K.Lambda:
          if (phase === 1) {
            slot = Ctx.Load;
            scope = inner!;
            if (!checkMissing) noteBody(inner!);
          } else slot = kind === K.Parameters ? Ctx.Params : Ctx.Load;
          break;
        case K.FunctionDef:
        case K.ClassDef:
          if (kind === K.Identifier) slot = Ctx.DefName;
          else if (kind === K.Block) {
            slot = Ctx.Load;
            scope = inner!;
            if (!checkMissing) noteBody(inner!);
          } else if (kind === K.TypeParameter) slot = Ctx.TypeParams;
          else {
            slot = kind === K.Parameters ? Ctx.Params : Ctx.Load;
            scope = header;
          }
          break;
        case K.Parameters:
          slot = Ctx.Params;
          break;
        case K.Parameter:
        case K.ListSplatPattern:
        case K.DictSplatPattern:
          if (pctx === Ctx.Param) slot = phase === 0 ? Ctx.Param : Ctx.Load;
          break;
        case K.Comprehension:
          slot = Ctx.Load;
          if (kind !== K.ForInClause) scope = inner!;
          break;
        case K.TypeParameter:
          if (pctx === Ctx.TypeParams) slot = kind === K.Type ? Ctx.TypeParam : Ctx.Load;
          break;
        case K.ConstrainedType:
          if (pctx === Ctx.TypeParam) slot = phase === 0 ? Ctx.TypeParam : Ctx.Load;
          break;
        case K.TypeAlias:
          if (phase === 0) slot = Ctx.TypeAliasLeft;
          else {
            slot = Ctx.Load;
            scope = inner!;
          }
          break;
        case K.WithItem:
          slot = Ctx.Load;
          if (kind === K.AsPattern) bindKind = 'with';
          break;
        case K.ExceptClause:
          slot = Ctx.Load;
          if (kind === K.AsPattern) bindKind = 'except';
          break;
        case K.AsPattern:
          if (pctx !== Ctx.Pattern) slot = phase === 0 ? Ctx.Load : Ctx.Store;
          break;
        case K.Import:
          slot = Ctx.ImportNames;
          break;
        case K.ImportFrom:
        case K.FutureImport:
          slot = phase === 0 ? Ctx.ImportModule : Ctx.ImportNames;
          break;
        case K.AliasedImport:
          slot = phase === 0 ? Ctx.ImportModule : Ctx.AliasName;
          break;
        case K.Global:
          slot = Ctx.Global;
          break;
        case K.Nonlocal:
          slot = Ctx.Nonlocal;
          break;
        case K.Delete:
          slot = Ctx.Del;
          break;
        case K.CaseClause:
          slot = kind === K.CasePattern ? Ctx.Pattern : Ctx.Load;
          break;
        case K.ClassPattern:
          slot = phase === 0 ? Ctx.PatternValue : Ctx.Pattern;
          break;
        case K.DictPattern:
          slot = phase === 0 && kind !== K.SplatPattern ? Ctx.PatternValue : Ctx.Pattern;
          break;
        case K.KeywordPattern:
          slot = phase === 0 ? Ctx.Skip : Ctx.Pattern;
          break;
      }

      if (kind === K.Identifier) {
        identifier(slot, scope, inner, bindKind);
      } else if (kind === K.DottedName) {
        dottedName(slot, scope);
      } else if (kind === K.RelativeImport) {
        if (slot === Ctx.ImportModule) fText[top] = dottedText();
      } else if (kind === K.WildcardImport) {
        scope.starImports.push({ module: fText[top]!, scope, startIndex: cursor.startIndex, endIndex: cursor.endIndex });
      } else if (kind !== K.String || isFormatted(source, cursor.startIndex)) {
        let ctx: Ctx;
        let aux = 0;
        switch (slot) {
          case Ctx.Store:
          case Ctx.Del:
            ctx = kind === K.TargetContainer || kind === K.ListSplatPattern || kind === K.AsPatternTarget ? slot : Ctx.Load;
            break;
          case Ctx.Params:
          case Ctx.Param:
            ctx = kind === K.Parameter || kind === K.ListSplatPattern || kind === K.DictSplatPattern ? Ctx.Param : Ctx.Load;
            break;
          case Ctx.Pattern:
          case Ctx.TypeParams:
          case Ctx.TypeParam:
          case Ctx.TypeAliasLeft:
            ctx = slot;
            break;
          default:
            ctx = Ctx.Load;
        }
        if (kind === K.String) ctx = Ctx.Load;
        let text = '';

        switch (kind) {
          case K.FunctionDef:
            inner = openScope('function', scope);
            header = scope;
            break;
          case K.ClassDef:
            inner = openScope('class', scope);
            header = scope;
            break;
          case K.Lambda:
            inner = openScope('lambda', scope);
            header = scope;
            break;
          case K.Comprehension:
            inner = openScope('comprehension', scope);
            header = scope;
            break;
          case K.ForInClause:
            if (pk === K.Comprehension) {
              scope = inner!;
              header = fScope[top]!;
              aux = fAux[top] === 0 ? 1 : 0;
              fAux[top]!++;
            }
            break;
          case K.TypeAlias:
            inner = openScope('type-parameters', scope);
            break;
          case K.TypeParameter:
            if (slot !== Ctx.TypeParams && slot !== Ctx.TypeAliasLeft) break;
            ctx = Ctx.TypeParams;
            if (pk === K.FunctionDef || pk === K.ClassDef) {
              // `def f[T]`: an annotation scope between the enclosing scope and the def's own.
              const owner = inner!;
              const typeScope = new ScopeRecord('type-parameters', undefined, owner.node);
              typeScope.parent = scope;
              scope.children.splice(scope.children.indexOf(owner), 1, typeScope);
              typeScope.children.push(owner);
              owner.parent = typeScope;
              scopes.splice(scopes.indexOf(owner), 0, typeScope);
              fHeader[top] = typeScope;
              scope = typeScope;
            } else scope = inner!; // `type A[T] = ...`: the alias's own annotation scope
            break;
          case K.Assignment:
            aux = allBindings.length;
            break;
          case K.AliasedImport:
            aux = pk === K.Import ? 0 : 1;
            break;
          case K.FutureImport:
            text = '__future__';
            break;
          case K.ExceptClause:
            exceptFrame = top + 1;
            break;
          case K.Block:
            if (pk === K.ExceptClause) {
              if (exceptFrame === top) exceptFrame = -1;
              if (fAux[top] === 1) {
                scope.importFallbackDepth++;
                aux = 1;
              }
            }
            break;
          case K.Yield:
            if (scope.kind === 'function' || scope.kind === 'lambda') scope.isGenerator = true;
            break;
        }

        if (SHAPE_FLAGS[typeId]! & Shape.Loop) scope.addLoop(cursor.startIndex, cursor.endIndex);

        // Is this child the last one of its parent that can matter?
        const parentShape = fShape[top]!;
        if (parentShape !== 0) {
          if (
            (kind === K.Block && parentShape & Shape.BlockLast) ||
            (parentShape & Shape.Decorated && (kind === K.FunctionDef || kind === K.ClassDef)) ||
            (parentShape & Shape.Call && SHAPE_FLAGS[typeId]! & Shape.ArgumentList)
          ) {
            fDone[top] = 1;
          }
        }

        // Learns the type's name for the recorder while the cursor is on it.
        const leads = rec !== undefined && rec.below(typeId, cursor) && rec.leads(typeId);
        if (cursor.gotoFirstChild()) {
          descended = true;
          rec?.push();
          top++;
          fKind[top] = kind;
          fCtx[top] = ctx;
          fScope[top] = scope;
          fInner[top] = inner;
          fHeader[top] = header;
          fPhase[top] = 0;
          fBind[top] = bindKind;
          fAux[top] = aux;
          fAux2[top] = 0;
          fText[top] = text;
          const shape = SHAPE_FLAGS[typeId] ?? 0;
          fShape[top] = shape;
          // An attribute's name is not a name: the object is all that matters.
          fDone[top] = kind === K.Attribute ? 1 : 0;
          // Step over a leading keyword or bracket without reading it.
          if ((shape & Shape.LeadingToken) === 0) continue;
          if (leads) rec!.token(cursor);
          if (cursor.gotoNextSibling()) continue;
          fDone[top] = 1;
        }
        if (kind === K.ExceptClause && exceptFrame === top + 1) exceptFrame = -1;
      }
      if (rec && !descended) {
        // A plain string holds only string parts, all leaves: no interpolation.
        if (kind !== K.String || rec.plainStrings || isFormatted(source, cursor.startIndex)) rec.subtree(typeId, cursor);
        rec.close();
      }
    }

    // Done with this node: on to its next sibling, or up.
    for (;;) {
      if (fDone[top] === 0) {
        if (cursor.gotoNextSibling()) break;
      } else if (recordTails) rec!.restOfSiblings(cursor);
      if (top === 0) {
        rec?.pop();
        return result;
      }
      cursor.gotoParent();
      exitFrame();
      top--;
      rec?.pop();
    }
  }

  function onToken(token: K): void {
    if (token === K.TokClose) {
      fDone[top] = 1;
      return;
    }
    const pk = fKind[top]!;
    switch (pk) {
      case K.Assignment:
        if (token === K.TokColon && fPhase[top] === 0) {
          fPhase[top] = 1;
          fAux2[top] = allBindings.length;
          for (let i = fAux[top]!; i < allBindings.length; i++) allBindings[i]!.kind = 'annotated';
        } else if (token === K.TokEquals) fPhase[top] = 2;
        break;
      case K.ForStatement:
      case K.ForInClause:
        if (token === K.TokIn) fPhase[top] = 1;
        break;
      case K.FunctionDef:
        if (token === K.TokAsync) fInner[top]!.isAsync = true;
        break;
      case K.Attribute:
        if (token === K.TokDot) fPhase[top] = 1;
        break;
      case K.KeywordArgument:
      case K.TypeAlias:
      case K.KeywordPattern:
        if (token === K.TokEquals) fPhase[top] = 1;
        break;
      case K.Lambda:
      case K.ConstrainedType:
        if (token === K.TokColon) fPhase[top] = 1;
        break;
      case K.Parameter:
      case K.ListSplatPattern:
      case K.DictSplatPattern:
        if (token === K.TokColon || token === K.TokEquals) fPhase[top] = 1;
        break;
      case K.AsPattern:
      case K.AliasedImport:
        if (token === K.TokAs) fPhase[top] = 1;
        break;
      case K.ImportFrom:
      case K.FutureImport:
        if (token === K.TokImport) fPhase[top] = 1;
        break;
      case K.ClassPattern:
        if (token === K.TokLParen) fPhase[top] = 1;
        break;
      case K.DictPattern:
        if (token === K.TokColon) fPhase[top] = 1;
        else if (token === K.TokComma) fPhase[top] = 0;
        break;
    }
  }

  function exitFrame(): void {
    switch (fKind[top]) {
      case K.Assignment:
        // `x: int` with no value declares `x` local without assigning it.
        if (fPhase[top] === 1) {
          for (let i = fAux[top]!; i < fAux2[top]!; i++) allBindings[i]!.kind = 'annotation';
        }
        break;
      case K.Block:
        if (fAux[top] === 1) fScope[top]!.importFallbackDepth--;
        break;
      case K.ExceptClause:
        if (exceptFrame === top) exceptFrame = -1;
        break;
    }
  }

  function identifier(slot: Ctx, scope: ScopeRecord, inner: ScopeRecord | undefined, bindKind: BindingKind): void {
    if (slot === Ctx.Skip) return;
    if (checkMissing && cursor.nodeIsMissing) return;
    const start = cursor.startIndex;
    const end = identifierEnd(source, start);
    if (end === start) return;
    const name = source.slice(start, end);
    switch (slot) {
      case Ctx.Load:
      case Ctx.PatternValue:
      case Ctx.ImportNames:
      case Ctx.ImportModule:
        read(name, start, end, scope);
        break;
      case Ctx.Store:
        bind(name, bindKind, scope, start, end, scope);
        break;
      case Ctx.Del:
        bind(name, 'delete', scope, start, end, scope);
        break;
      case Ctx.Params:
      case Ctx.Param:
        bind(name, 'parameter', inner!, start, end, inner!);
        break;
      case Ctx.AugTarget:
        read(name, start, end, scope);
        bind(name, 'augmented', scope, start, end, scope);
        break;
      case Ctx.Walrus: {
        let target = scope;
        while (target.kind === 'comprehension' && target.parent) target = target.parent;
        bind(name, 'walrus', target, start, end, scope);
        break;
      }
      case Ctx.Pattern:
        bind(name, 'match', scope, start, end, scope);
        break;
      case Ctx.DefName: {
        const defined = inner!;
        defined.name = name;
        bind(name, defined.kind === 'class' ? 'class' : 'function', scope, start, end, scope).definedScope = defined;
        break;
      }
      case Ctx.TypeParams:
      case Ctx.TypeParam:
        bind(name, 'type-parameter', scope, start, end, scope);
        break;
      case Ctx.TypeAliasLeft:
        bind(name, 'type-alias', scope, start, end, scope);
        break;
      case Ctx.Global:
        scope.declareGlobal(name);
        break;
      case Ctx.Nonlocal:
        scope.declareNonlocal(name);
        break;
      case Ctx.AliasName: {
        // `import a.b as c` / `from m import a as c`: the parent frame is the aliased_import.
        const imported = fAux[top] === 1 ? joinModule(fText[top - 1]!, fText[top]!) : fText[top]!;
        const binding = bind(name, fAux[top] === 1 ? 'from-import' : 'import', scope, start, end, scope);
        binding.importedName = imported;
        binding.importedModule = fAux[top] === 1 ? fText[top - 1] : imported;
        break;
      }
    }
  }

  function dottedName(slot: Ctx, scope: ScopeRecord): void {
    const start = cursor.startIndex;
    const text = dottedText();
    if (text === '') return;
    const dot = text.indexOf('.');
    const first = dot < 0 ? text : text.slice(0, dot);
    switch (slot) {
      case Ctx.ImportModule:
        fText[top] = text;
        break;
      case Ctx.ImportNames:
        if (fKind[top] === K.Import) {
          // `import a.b.c` binds `a`.
          const binding = bind(first, 'import', scope, start, start + first.length, scope);
          binding.importedName = first;
          binding.importedModule = text;
        } else {
          const binding = bind(text, 'from-import', scope, start, start + text.length, scope);
          binding.importedName = joinModule(fText[top]!, text);
          binding.importedModule = fText[top];
        }
        break;
      case Ctx.Pattern:
        // `case y:` captures; `case Color.RED:` compares with a value.
        if (dot < 0) bind(text, 'match', scope, start, start + text.length, scope);
        else read(first, start, start + first.length, scope);
        break;
      default:
        // A value pattern's class or key, or a dotted name anywhere else: only its first part is a name.
        read(first, start, start + first.length, scope);
    }
  }
}

function joinModule(module: string, name: string): string {
  return module.endsWith('.') ? module + name : `${module}.${name}`;
}

/** True for an f-string or t-string, whose interpolations hold names; plain strings are not walked. */
function isFormatted(source: string, start: number): boolean {
  for (let i = start; i < start + 3 && i < source.length; i++) {
    const c = source.charCodeAt(i);
    if (c === 0x66 || c === 0x46 || c === 0x74 || c === 0x54) return true; // f F t T
    if (c === 0x22 || c === 0x27) return false; // a quote: the prefix is over
  }
  return false;
}

const IDENTIFIER_REST = /[\p{ID_Continue}\u00B7\u0387\u1369-\u1371\u19DA\u200C\u200D]*/uy;

/** The end of the identifier starting at `start`: ASCII fast, Unicode through a regex. */
function identifierEnd(source: string, start: number): number {
  let i = start;
  for (; i < source.length; i++) {
    const c = source.charCodeAt(i);
    if ((c >= 0x61 && c <= 0x7a) || (c >= 0x41 && c <= 0x5a) || (c >= 0x30 && c <= 0x39) || c === 0x5f) continue;
    if (c < 0x80) return i;
    IDENTIFIER_REST.lastIndex = i;
    IDENTIFIER_REST.exec(source);
    return IDENTIFIER_REST.lastIndex;
  }
  return i;
}
