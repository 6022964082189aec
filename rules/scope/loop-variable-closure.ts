import { defineRule, type SyntaxNode } from '../../src/core/rule.js';
import { sameNode, type Binding, type Reference, type Scope, type SemanticModel } from '../../src/semantic/index.js';
import { unparenthesizedParent } from '../../src/analysis/collections.js';

export default defineRule({
  id: 'SCO001',
  name: 'loop-variable-closure',
  concept: 'scope',
  level: 'warning',
  enabledByDefault: true,
  category: 'correctness',
  precision: 'high',
  usesSemanticModel: true,
  message:
    'Closure reads loop variable `{name}`, which it will see at its last value; bind it now with a default argument (`{name}={name}`)',
  create(context) {
    const check = (closure: SyntaxNode): void => {
      const model = context.semantic;
      const own = model.scopeCreatedBy(closure);
      if (!own) return;
      const iterations = iterationsAround(model, closure);
      if (iterations.length === 0) return;
      const ownName = closure.type === 'function_definition' ? closure.childForFieldName('name')?.text : undefined;
      for (const { ref, scope, bindings } of freeReads(model, own)) {
        if (ref.name === ownName) continue;
        const iteration = iterations.find((candidate) => candidate.scope === scope && rebinds(candidate, bindings));
        if (!iteration) continue;
        if (!escapesIteration(model, closure, iteration)) continue;
        if (iteration.kind === 'loop' && loopEndsAfter(model, closure, iteration.node)) continue;
        context.report(ref, { name: ref.name });
      }
    };
    return { lambda: check, function_definition: check };
  },
});

/** A loop or comprehension that creates the closure afresh on every pass. */
interface Iteration {
  readonly kind: 'loop' | 'comprehension';
  readonly node: SyntaxNode;
  /** The scope whose names the iteration rebinds on each pass. */
  readonly scope: Scope;
}

/** Builtins that call a function they are given before returning (or, for `map`/`filter`, that the catalog treats so). */
const CONSUMERS = new Set([
  'builtins.sorted',
  'builtins.min',
  'builtins.max',
  'builtins.filter',
  'builtins.map',
  'builtins.any',
  'builtins.all',
  'functools.reduce',
]);

/** Calls that keep a function to run it later. */
const DEFERRING_CALLS = new Set([
  'threading.Thread',
  'threading.Timer',
  'multiprocessing.Process',
  'atexit.register',
  'signal.signal',
  'weakref.finalize',
  'collections.defaultdict',
]);

/** Methods that store what they are given, or schedule it to run later. */
const STORING_METHODS = new Set([
  'append',
  'appendleft',
  'extend',
  'insert',
  'add',
  'put',
  'put_nowait',
  'setdefault',
  'push',
  'register',
  'connect',
  'subscribe',
  'add_done_callback',
  'add_callback',
  'add_listener',
  'call_soon',
  'call_soon_threadsafe',
  'call_later',
  'call_at',
  'submit',
  'run_in_executor',
  'apply_async',
  'after',
  'after_idle',
  'bind',
]);

/**
 * Of those, the methods whose awaited result is the function's own completion:
 * after `await loop.run_in_executor(None, fn)` the function has run.
 */
const AWAITED_TO_COMPLETION = new Set(['run_in_executor']);

/** Keyword arguments that hand over a function to be called later. */
const DEFERRING_KEYWORDS = new Set(['target', 'callback', 'command', 'handler', 'hook', 'errback']);

const MAX_WRAPPERS = 50;

/**
 * The loops and comprehensions around the closure's creation, innermost first:
 * the `for`/`while` loops of the scope it is created in and, when that scope is
 * a comprehension, the comprehension and whatever iterates around it in turn.
 */
function iterationsAround(model: SemanticModel, closure: SyntaxNode): Iteration[] {
  const iterations: Iteration[] = [];
  let node = closure;
  let scope: Scope | undefined = model.scopeOf(closure);
  while (scope) {
    if (scope.kind === 'comprehension') {
      iterations.push({ kind: 'comprehension', node: scope.node, scope });
      node = scope.node;
      scope = scope.parent;
      continue;
    }
    for (const loop of model.enclosingLoops(node)) iterations.push({ kind: 'loop', node: loop, scope });
    break;
  }
  return iterations;
}

/** The first read of each name the closure (or a scope nested in it) takes from outside itself. */
function freeReads(model: SemanticModel, own: Scope): { ref: Reference; scope: Scope; bindings: readonly Binding[] }[] {
  const first = new Map<string, { ref: Reference; scope: Scope; bindings: readonly Binding[] }>();
  const pending: Scope[] = [own];
  for (let scope = pending.pop(); scope; scope = pending.pop()) {
    pending.push(...scope.children);
    for (const ref of scope.references) {
      if (ref.kind !== 'read') continue;
      const resolution = model.resolve(ref);
      if (resolution?.kind !== 'binding' || isWithin(resolution.scope, own)) continue;
      const seen = first.get(ref.name);
      if (!seen || ref.startIndex < seen.ref.startIndex) {
        first.set(ref.name, { ref, scope: resolution.scope, bindings: resolution.bindings });
      }
    }
  }
  return [...first.values()];
}

function isWithin(scope: Scope, ancestor: Scope): boolean {
  for (let current: Scope | undefined = scope; current; current = current.parent) {
    if (current === ancestor) return true;
  }
  return false;
}

/** Whether each pass of the iteration binds the name anew. */
function rebinds(iteration: Iteration, bindings: readonly Binding[]): boolean {
  if (iteration.kind === 'comprehension') return bindings.some((binding) => binding.scope === iteration.scope);
  const { startIndex, endIndex } = iteration.node;
  return bindings.some(
    (binding) =>
      binding.kind !== 'annotation' &&
      binding.kind !== 'delete' &&
      binding.startIndex >= startIndex &&
      binding.startIndex < endIndex,
  );
}

type Fate = 'escapes' | 'consumed' | 'unknown';

/**
 * Whether the closure outlives the pass that created it: stored, handed to
 * something that keeps or schedules it, or yielded. Closures called or consumed
 * on the spot, returned (which ends the loop), or passed to code we cannot see
 * into, are given the benefit of the doubt. A closure bound to a name (a def, or
 * `f = lambda: ...`) escapes when some use of the name inside the iteration does.
 */
function escapesIteration(model: SemanticModel, closure: SyntaxNode, iteration: Iteration): boolean {
  if (closure.type === 'function_definition') {
    const name = closure.childForFieldName('name');
    const binding = name && model.bindingAt(name);
    if (!binding) return false;
    const uses = usesInIteration(model, binding, closure, iteration);
    // A decorated def nobody uses afterwards was handed to its decorator to keep (`@app.route(...)`).
    if (uses.length === 0) return model.decorators(closure).length > 0;
    return uses.some((use) => valueFate(model, use.node) === 'escapes');
  }
  const fate = valueFate(model, closure);
  if (fate === 'escapes') return true;
  if (fate === 'consumed' || fate === 'unknown') return false;
  return usesInIteration(model, fate, closure, iteration).some((use) => valueFate(model, use.node) === 'escapes');
}

/** The reads of a closure's name inside the iteration that created it, recursive calls aside. */
function usesInIteration(model: SemanticModel, binding: Binding, closure: SyntaxNode, iteration: Iteration): Reference[] {
  const { startIndex, endIndex } = iteration.node;
  return model
    .readsOf(binding)
    .filter(
      (use) =>
        use.startIndex >= startIndex &&
        use.startIndex < endIndex &&
        !(use.startIndex >= closure.startIndex && use.startIndex < closure.endIndex),
    );
}

/**
 * What happens to the value of an expression: followed up through parentheses,
 * conditionals and container displays to the call, assignment or statement that
 * receives it. A plain-name assignment answers with the binding it makes.
 */
function valueFate(model: SemanticModel, value: SyntaxNode): Fate | Binding {
  let child = value;
  let inContainer = false;
  for (let steps = 0; steps < MAX_WRAPPERS; steps++) {
    const parent = child.parent;
    if (!parent) return 'unknown';
    switch (parent.type) {
      case 'parenthesized_expression':
        break;
      case 'conditional_expression':
        if (parent.namedChildren[1] && same(parent.namedChildren[1], child)) return 'unknown'; // the condition
        break;
      case 'list':
      case 'tuple':
      case 'set':
      case 'expression_list':
      case 'dictionary':
        inContainer = true;
        break;
      case 'pair':
        if (!same(parent.childForFieldName('value'), child)) return 'unknown';
        inContainer = true;
        break;
      case 'call':
        // `(lambda: x)()`: called on the spot
        return !inContainer && same(parent.childForFieldName('function'), child) ? 'consumed' : 'unknown';
      case 'argument_list':
        return parent.parent?.type === 'call' ? argumentFate(model, parent.parent, inContainer) : 'unknown';
      case 'keyword_argument': {
        const keyword = parent.childForFieldName('name');
        const call = parent.parent?.parent;
        if (keyword?.text === 'key') return 'consumed';
        if (keyword && DEFERRING_KEYWORDS.has(keyword.text)) return 'escapes';
        return call?.type === 'call' ? argumentFate(model, call, true) : 'unknown';
      }
      case 'assignment': {
        if (!same(parent.childForFieldName('right'), child)) return 'unknown';
        const target = parent.childForFieldName('left');
        if (target?.type === 'attribute' || target?.type === 'subscript') return 'escapes'; // `self.cb = ...`, `handlers[k] = ...`
        if (target?.type !== 'identifier' || inContainer) return 'unknown';
        return model.bindingAt(target) ?? 'unknown';
      }
      case 'augmented_assignment':
        return same(parent.childForFieldName('right'), child) ? 'escapes' : 'unknown'; // `callbacks += [...]`
      case 'return_statement':
        return 'consumed'; // returning ends the loop: nothing changes the variable afterwards
      case 'yield':
        return 'escapes';
      case 'list_comprehension':
      case 'set_comprehension':
      case 'dictionary_comprehension':
        return same(parent.childForFieldName('body'), child) ? 'escapes' : 'unknown';
      default:
        return 'unknown';
    }
    child = parent;
  }
  return 'unknown';
}

/** The fate of a function passed to a call, by what the call is. */
function argumentFate(model: SemanticModel, call: SyntaxNode, inContainer: boolean): Fate {
  const callee = call.childForFieldName('function');
  const name = model.qualifiedName(callee);
  if (name !== undefined) {
    if (!inContainer && CONSUMERS.has(name)) return 'consumed';
    if (DEFERRING_CALLS.has(name)) return 'escapes';
  }
  if (callee?.type === 'attribute') {
    const method = callee.childForFieldName('attribute')?.text;
    if (method && STORING_METHODS.has(method)) {
      return AWAITED_TO_COMPLETION.has(method) && isAwaited(call) ? 'consumed' : 'escapes';
    }
  }
  return 'unknown';
}

/** The call is the operand of an `await` (through parentheses). */
function isAwaited(call: SyntaxNode): boolean {
  return unparenthesizedParent(call)?.type === 'await';
}

/**
 * Whether the pass that creates the closure then leaves the loop for good: a
 * `return` or `raise` after it in any block between it and the loop, or a
 * `break` of that very loop.
 */
function loopEndsAfter(model: SemanticModel, closure: SyntaxNode, loop: SyntaxNode): boolean {
  const path = model.ancestors(closure);
  const loopIndex = path.findIndex((node) => same(node, loop));
  if (loopIndex < 0) return false;
  for (let i = path.length - 1; i > loopIndex; i--) {
    if (path[i]!.type !== 'block') continue;
    const statement = i + 1 < path.length ? path[i + 1]! : closure;
    const breaksLoop = innermostLoop(path, i, loopIndex) === loopIndex;
    for (let next = statement.nextNamedSibling; next; next = next.nextNamedSibling) {
      if (next.type === 'return_statement' || next.type === 'raise_statement') return true;
      if (next.type === 'break_statement' && breaksLoop) return true;
      if (next.type === 'continue_statement') break;
    }
  }
  return false;
}

/** The index on `path` of the loop a `break` in the block at `blockIndex` leaves. */
function innermostLoop(path: readonly SyntaxNode[], blockIndex: number, stop: number): number {
  for (let j = blockIndex - 1; j >= stop; j--) {
    const type = path[j]!.type;
    if ((type === 'for_statement' || type === 'while_statement') && path[j + 1]!.type !== 'else_clause') return j;
  }
  return -1;
}

function same(a: SyntaxNode | null | undefined, b: SyntaxNode): boolean {
  return !!a && sameNode(a, b);
}
