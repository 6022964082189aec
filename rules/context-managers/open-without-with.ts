import { defineRule, type SyntaxNode, type Visitors } from '../../src/core/rule.js';
import type { Reference, Scope, SemanticModel } from '../../src/semantic/index.js';
import { calleeFilter, calleeQualifiedName, lastSegments, nextStatement } from '../../src/analysis/concurrency.js';

/** Calls that return an object holding an OS resource until `close()`, by qualified name. */
const OPENERS = new Set(['builtins.open', 'io.open', 'tempfile.NamedTemporaryFile', 'socket.socket']);

const OPENER_NAMES = lastSegments(OPENERS);

/** Methods that hand a context manager to an exit stack, which closes it later. */
const EXIT_STACK_METHODS = new Set(['enter_context', 'enter_async_context', 'enterContext', 'enterAsyncContext', 'enterClassContext', 'callback', 'push']);

/** Methods that store their argument in a container or an object: the resource outlives this statement on purpose. */
const STORING_METHODS = new Set(['append', 'add', 'extend', 'insert', 'setdefault', 'put', 'put_nowait', 'register']);

/** Objects that take over a file or socket passed to them and close it when they are closed. */
const OWNING_WRAPPERS = new Set([
  'io.TextIOWrapper',
  'io.BufferedReader',
  'io.BufferedWriter',
  'io.BufferedRandom',
  'io.BufferedRWPair',
  'contextlib.closing',
  'gzip.GzipFile',
  'bz2.BZ2File',
  'lzma.LZMAFile',
  'zipfile.ZipFile',
  'tarfile.open',
  'tarfile.TarFile',
  'codecs.StreamReaderWriter',
  'socket.SocketIO',
]);

/** Functions that read a file to the end and keep nothing of it: a file passed straight to them is never closed. */
const CONSUMERS = new Set([
  'json.load',
  'pickle.load',
  'marshal.load',
  'tomllib.load',
  'plistlib.load',
  'builtins.list',
  'builtins.sorted',
  'builtins.len',
  'builtins.sum',
  'builtins.set',
  'builtins.tuple',
]);

/** Methods that acquire a resource on purpose: the matching release is in `__exit__`. */
const ACQUIRING_FUNCTIONS = new Set(['__enter__', '__aenter__']);

/** Containers and arguments the resource can travel through and still be the resource. */
const CARRIERS = new Set(['parenthesized_expression', 'conditional_expression', 'expression_list', 'tuple', 'list', 'dictionary', 'pair', 'set', 'keyword_argument']);

type Use = { kind: 'owned' } | { kind: 'inline' } | { kind: 'named'; names: SyntaxNode[] };
const OWNED: Use = { kind: 'owned' };
const INLINE: Use = { kind: 'inline' };

export default defineRule({
  id: 'CTX001',
  name: 'open-without-with',
  concept: 'context-managers',
  level: 'warning',
  enabledByDefault: true,
  category: 'correctness',
  precision: 'medium',
  usesSemanticModel: true,
  message: '`{call}(...)` {problem}; open it in a `with` statement',
  create(context): Visitors {
    const semantic = context.semantic;
    const mayOpen = calleeFilter(context.source, OPENER_NAMES);
    if (!mayOpen) return {};
    return {
      call(call) {
        if (!mayOpen(call, context.text)) return;
        const qualified = calleeQualifiedName(semantic, call);
        if (qualified === undefined || !OPENERS.has(qualified)) return;
        const fn = semantic.enclosingFunction(call);
        if (fn?.type === 'function_definition' && ACQUIRING_FUNCTIONS.has(semantic.text(fn.childForFieldName('name') ?? fn))) return;
        const use = useOf(semantic, call);
        const callee = context.text(call.childForFieldName('function')!);
        if (use.kind === 'inline') {
          context.report(call, { call: callee, problem: 'is left open until garbage collection' });
        } else if (use.kind === 'named' && !use.names.some((name) => isManagedName(semantic, call, name, true))) {
          context.report(call, { call: callee, problem: `is bound to \`${semantic.text(use.names[0]!)}\` but not closed in a \`finally\`` });
        }
      },
    };
  },
});

/** How the value of an opener call is used, looking up to the statement holding it. */
function useOf(semantic: SemanticModel, call: SyntaxNode): Use {
  let child = call;
  // Whether the value at `child` is still the resource itself (or an object that took it over).
  let direct = true;
  // Whether the resource was used up on the way (`open(p).read()`, `json.load(open(p))`): nothing can close it later.
  let leaked = false;
  for (let parent = call.parent; parent; child = parent, parent = parent.parent) {
    switch (parent.type) {
      case 'parenthesized_expression':
      case 'conditional_expression':
        break;
      case 'with_item':
        return OWNED;
      case 'return_statement':
      case 'yield':
      case 'lambda':
        return leaked ? INLINE : OWNED;
      case 'attribute':
        if (direct && (isCalledMethod(semantic, parent, child, 'close') || isCalledMethod(semantic, parent, child, 'detach'))) return OWNED;
        direct = false;
        leaked = true;
        break;
      case 'argument_list': {
        const outer = parent.parent!;
        if (direct && isStoringCall(semantic, outer)) return OWNED;
        const qualified = calleeQualifiedName(semantic, outer) ?? '';
        if (!OWNING_WRAPPERS.has(qualified)) direct = false;
        if (CONSUMERS.has(qualified)) leaked = true;
        break;
      }
      case 'call':
      case 'keyword_argument':
        break;
      case 'assignment': {
        if (parent.childForFieldName('right')?.startIndex !== child.startIndex) return OWNED;
        const left = parent.childForFieldName('left');
        if (leaked) return INLINE;
        if (left?.type !== 'identifier') return OWNED;
        if (direct) return { kind: 'named', names: chainedNames(parent) };
        // `reader = Wrapper(open(p))`: the wrapper now holds the resource; follow the wrapper's name instead.
        return isManagedName(semantic, call, left, false) ? OWNED : INLINE;
      }
      case 'named_expression': {
        const name = parent.childForFieldName('name');
        if (!direct) return leaked ? INLINE : OWNED;
        return name ? { kind: 'named', names: [name] } : OWNED;
      }
      case 'expression_statement':
        return INLINE;
      default:
        if (parent.type.endsWith('_statement') || parent.type.endsWith('_clause')) return INLINE;
        if (STOPS.has(parent.type)) return OWNED;
        direct = false;
    }
  }
  return OWNED;
}

/** Places the walk up never crosses: a default value, a decorator or a comprehension the file cannot see the end of. */
const STOPS = new Set(['block', 'module', 'function_definition', 'class_definition', 'decorated_definition', 'decorator', 'parameters', 'generator_expression', 'augmented_assignment', 'pattern_list', 'expression_list', 'dictionary', 'list', 'tuple', 'set', 'pair', 'list_comprehension', 'set_comprehension', 'dictionary_comprehension']);

/** `a = b = open(p)`: every name in the chain. */
function chainedNames(assignment: SyntaxNode): SyntaxNode[] {
  const names: SyntaxNode[] = [];
  for (let node: SyntaxNode | null = assignment; node?.type === 'assignment'; node = node.parent) {
    const left = node.childForFieldName('left');
    if (left?.type === 'identifier') names.push(left);
    if (node.parent?.type !== 'assignment' || node.parent.childForFieldName('right')?.startIndex !== node.startIndex) break;
  }
  return names;
}

/** `stack.enter_context(x)`, `files.append(x)`, `source.setByteStream(x)`: the argument is kept by something that outlives the call. */
function isStoringCall(semantic: SemanticModel, call: SyntaxNode): boolean {
  const method = call.childForFieldName('function');
  const attribute = method?.type === 'attribute' ? method.childForFieldName('attribute') : null;
  if (!attribute) return false;
  const name = semantic.text(attribute);
  return EXIT_STACK_METHODS.has(name) || STORING_METHODS.has(name) || /^set_?[A-Za-z]/.test(name);
}

/** `object.name(...)` (or `object.name` handed on) where `object` is `child`. */
function isCalledMethod(semantic: SemanticModel, attribute: SyntaxNode, child: SyntaxNode, name: string): boolean {
  const attr = attribute.childForFieldName('attribute');
  return attribute.childForFieldName('object')?.startIndex === child.startIndex && attr !== null && semantic.text(attr) === name;
}

/**
 * A name bound to the resource is closed in a `finally` or an `except` handler (or right after), entered with
 * `with`, returned, stored, aliased or handed to an exit stack. `isResource` is false for a wrapper around the
 * resource, whose own `close()` anywhere is taken as enough.
 */
function isManagedName(semantic: SemanticModel, call: SyntaxNode, identifier: SyntaxNode, isResource: boolean): boolean {
  const binding = semantic.bindingAt(identifier);
  if (!binding) return true;
  // `global f; f = open(...)` or a class attribute: the resource is meant to live on.
  const scope = semantic.scopeOf(call);
  if (binding.scope !== scope || scope.kind === 'class') return true;
  const opened = statementOf(call);
  return semantic.readsOf(binding).some((read) => isManagingRead(semantic, read, scope, isResource ? opened : undefined));
}

/** `owner` is the scope the resource's name is bound in; `opened` the statement that opened it (undefined for a wrapper). */
function isManagingRead(semantic: SemanticModel, read: Reference, owner: Scope, opened: SyntaxNode | undefined): boolean {
  let child = read.node;
  let direct = true;
  // `Storage(f)` with `Storage` a class of this file: an object built around the resource, which may own it.
  let wrapped = false;
  for (let parent = child.parent; parent; child = parent, parent = parent.parent) {
    switch (parent.type) {
      case 'with_item':
      case 'return_statement':
      case 'yield':
      case 'lambda':
        return true;
      case 'attribute':
        if (!direct || parent.childForFieldName('object')?.startIndex !== child.startIndex) return false;
        // `detach()` hands the descriptor over and leaves nothing to close.
        if (isCalledMethod(semantic, parent, child, 'detach')) return true;
        if (isCalledMethod(semantic, parent, child, 'close') || isCalledMethod(semantic, parent, child, '__exit__')) {
          if (parent.parent?.type !== 'call') return true;
          // A close in a nested def or lambda is a cleanup callback: the resource is meant to outlive this function.
          if (read.scope !== owner && (read.scope.kind === 'function' || read.scope.kind === 'lambda')) return true;
          return opened === undefined || isInHandler(parent, 'finally_clause') || isInHandler(parent, 'except_clause') || closesRightAfter(opened, parent.parent);
        }
        // `tracer.setwriter(f.write)`: a bound method kept for later keeps the resource open on purpose.
        return parent.parent?.type === 'argument_list' && isKeepingCall(semantic, parent.parent.parent!);
      case 'argument_list': {
        const outer = parent.parent!;
        // `self.add(name, Storage(f))`: the resource, or an object built around it, is kept by something that outlives the call.
        if ((direct || wrapped) && isKeepingCall(semantic, outer)) return true;
        // `finally: _sync_close(f)` closes through a helper.
        if (direct && isInHandler(outer, 'finally_clause')) return true;
        wrapped = direct && isLocalClassCall(semantic, outer);
        if (!OWNING_WRAPPERS.has(calleeQualifiedName(semantic, outer) ?? '')) direct = false;
        break;
      }
      case 'call':
        break;
      case 'assignment':
        // Stored on an object, or aliased to another name this rule does not follow.
        return direct && parent.childForFieldName('right')?.startIndex === child.startIndex;
      default:
        if (CARRIERS.has(parent.type)) break;
        if (parent.type.endsWith('_statement') || parent.type.endsWith('_clause') || parent.type === 'block') return false;
        direct = false;
        wrapped = false;
    }
  }
  return false;
}

/** `files.append(x)`, `stack.enter_context(x)` or `self.initfp(x)`: the argument is kept beyond this call. */
function isKeepingCall(semantic: SemanticModel, call: SyntaxNode): boolean {
  return isStoringCall(semantic, call) || isSelfMethodCall(semantic, call);
}

/** A call of a class defined in this file (`FileStorage(f)`), by what its name is bound to. */
function isLocalClassCall(semantic: SemanticModel, call: SyntaxNode): boolean {
  const callee = call.childForFieldName('function');
  if (callee?.type !== 'identifier') return false;
  const resolution = semantic.resolve(callee);
  return resolution?.kind === 'binding' && resolution.bindings.length > 0 && resolution.bindings.every((binding) => binding.kind === 'class');
}

/** Inside a `finally:` block (or an `except` handler) of the same function. */
function isInHandler(node: SyntaxNode, clause: 'finally_clause' | 'except_clause'): boolean {
  for (let parent = node.parent; parent; parent = parent.parent) {
    if (parent.type === clause) return true;
    if (parent.type === 'function_definition' || parent.type === 'lambda' || parent.type === 'module') return false;
  }
  return false;
}

/** `self.method(...)` inside a method whose first parameter is `self`. */
function isSelfMethodCall(semantic: SemanticModel, call: SyntaxNode): boolean {
  const callee = call.childForFieldName('function');
  const object = callee?.type === 'attribute' ? callee.childForFieldName('object') : null;
  if (object?.type !== 'identifier') return false;
  const resolution = semantic.resolve(object);
  if (resolution?.kind !== 'binding' || resolution.scope.kind !== 'function') return false;
  const info = semantic.functionInfo(resolution.scope.node);
  return info?.isMethod === true && info.parameters[0] !== undefined && resolution.bindings.includes(info.parameters[0]);
}

function statementOf(node: SyntaxNode): SyntaxNode | undefined {
  for (let current: SyntaxNode | null = node; current; current = current.parent) {
    if (current.parent?.type === 'block' || current.parent?.type === 'module') return current;
  }
  return undefined;
}

/**
 * The close is the very next statement after the open (possibly the first line of the `else:` of the `try` around
 * the open), not counting statements that cannot raise.
 */
function closesRightAfter(opened: SyntaxNode, closeCall: SyntaxNode): boolean {
  const closing = statementOf(closeCall);
  if (!closing) return false;
  if (skipConstantAssignments(nextStatement(opened))?.startIndex === closing.startIndex) return true;
  const body = opened.parent;
  const tryStatement = body?.parent;
  if (tryStatement?.type !== 'try_statement' || nextStatement(opened) !== null) return false;
  const elseBlock = tryStatement.namedChildren.find((clause) => clause.type === 'else_clause')?.childForFieldName('body');
  let first = elseBlock?.firstNamedChild ?? null;
  while (first?.type === 'comment') first = first.nextNamedSibling;
  return skipConstantAssignments(first)?.startIndex === closing.startIndex;
}

const CONSTANTS = new Set(['true', 'false', 'none', 'integer', 'float']);

/** Steps over `name = <constant>` statements, which cannot raise between an open and its close. */
function skipConstantAssignments(statement: SyntaxNode | null): SyntaxNode | null {
  while (statement?.type === 'expression_statement') {
    const assignment = statement.firstNamedChild;
    const value = assignment?.type === 'assignment' ? assignment.childForFieldName('right') : null;
    const constant = value !== null && (CONSTANTS.has(value.type) || (value.type === 'string' && value.descendantsOfType('interpolation').length === 0));
    if (!constant || assignment!.childForFieldName('left')?.type !== 'identifier' || statement.namedChildCount !== 1) break;
    statement = nextStatement(statement);
  }
  return statement;
}
