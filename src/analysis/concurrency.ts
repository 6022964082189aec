/**
 * Helpers shared by the asyncio, context-manager and concurrency rules: where
 * a call runs (directly in an `async def`, or in a sync def/lambda nested in
 * it) and what a call calls, by qualified name.
 */
import type { Span, SyntaxNode } from '../core/rule.js';
import type { SemanticModel } from '../semantic/index.js';
import { TextOccurrences } from './text-occurrences.js';

/**
 * Pools, processes and threads all come from these modules: a file that never
 * names one of them cannot start a worker, and the rules skip it unread.
 */
export function mayStartWorkers(source: string): boolean {
  return /\b(concurrent|multiprocessing|threading)\b/.test(source);
}

/**
 * The `async def` whose own body runs `node`: undefined when the innermost
 * def or lambda around it is synchronous (a callback handed to
 * `asyncio.to_thread` or `run_in_executor`, say), or when there is none.
 * Class bodies and comprehensions are looked through, as Python runs them inline.
 */
export function runningAsyncFunction(semantic: SemanticModel, node: SyntaxNode): SyntaxNode | undefined {
  const fn = semantic.enclosingFunction(node);
  if (!fn || fn.type !== 'function_definition') return undefined;
  return semantic.isAsync(fn) ? fn : undefined;
}

/** The qualified name a call calls (`time.sleep` for `t.sleep()` after `import time as t`). */
export function calleeQualifiedName(semantic: SemanticModel, call: SyntaxNode): string | undefined {
  return semantic.qualifiedName(call.childForFieldName('function'));
}

/** Descendants of `root` (itself excluded) of the given types, without entering nested defs, lambdas or classes. */
export function ownDescendants(root: SyntaxNode, types: ReadonlySet<string>): SyntaxNode[] {
  const found: SyntaxNode[] = [];
  const stack: SyntaxNode[] = [...root.namedChildren];
  while (stack.length > 0) {
    const node = stack.pop()!;
    if (types.has(node.type)) found.push(node);
    if (node.type === 'function_definition' || node.type === 'lambda' || node.type === 'class_definition') continue;
    for (let i = node.namedChildCount - 1; i >= 0; i--) stack.push(node.namedChild(i)!);
  }
  return found.sort((a, b) => a.startIndex - b.startIndex);
}

/** The next statement after `statement` in its block, skipping comments. */
export function nextStatement(statement: SyntaxNode): SyntaxNode | null {
  let next = statement.nextNamedSibling;
  while (next?.type === 'comment') next = next.nextNamedSibling;
  return next;
}

/** Executor and pool classes by qualified name: whether their workers are threads or processes. */
export const POOL_FACTORIES: Readonly<Record<string, 'thread' | 'process'>> = {
  'concurrent.futures.ThreadPoolExecutor': 'thread',
  'concurrent.futures.thread.ThreadPoolExecutor': 'thread',
  'multiprocessing.pool.ThreadPool': 'thread',
  'multiprocessing.dummy.Pool': 'thread',
  'concurrent.futures.ProcessPoolExecutor': 'process',
  'concurrent.futures.process.ProcessPoolExecutor': 'process',
  'multiprocessing.Pool': 'process',
  'multiprocessing.pool.Pool': 'process',
};

/**
 * What kind of pool an expression is: a pool constructor call itself, or a
 * name whose every binding is `NAME = Pool(...)` or `with Pool(...) as NAME`.
 */
export function poolKind(semantic: SemanticModel, expression: SyntaxNode): 'thread' | 'process' | undefined {
  if (expression.type === 'call') return POOL_FACTORIES[calleeQualifiedName(semantic, expression) ?? ''];
  if (expression.type !== 'identifier') return undefined;
  const resolution = semantic.resolve(expression);
  if (resolution?.kind !== 'binding') return undefined;
  let kind: 'thread' | 'process' | undefined;
  for (const binding of resolution.bindings) {
    const value = boundValue(binding.node);
    const found = value?.type === 'call' ? POOL_FACTORIES[calleeQualifiedName(semantic, value) ?? ''] : undefined;
    if (!found || (kind && kind !== found)) return undefined;
    kind = found;
  }
  return kind;
}

/** The expression a name is bound to by `name = value` or `with value as name`. */
export function boundValue(identifier: SyntaxNode): SyntaxNode | undefined {
  const parent = identifier.parent;
  if (parent?.type === 'assignment' && parent.childForFieldName('left')?.startIndex === identifier.startIndex) {
    return parent.childForFieldName('right') ?? undefined;
  }
  if (parent?.type === 'as_pattern_target' && parent.parent?.type === 'as_pattern' && parent.parent.parent?.type === 'with_item') {
    return parent.parent.firstNamedChild ?? undefined;
  }
  return undefined;
}

/** The first positional argument of a call, or the keyword argument `name`. */
export function callArgument(call: SyntaxNode, position: number | undefined, keyword: string | undefined, text: (node: SyntaxNode) => string): SyntaxNode | undefined {
  const args = call.childForFieldName('arguments');
  if (!args || args.type !== 'argument_list') return undefined;
  let index = 0;
  for (const arg of args.namedChildren) {
    if (arg.type === 'comment') continue;
    if (arg.type === 'keyword_argument') {
      const name = arg.childForFieldName('name');
      if (keyword !== undefined && name && text(name) === keyword) return arg.childForFieldName('value') ?? undefined;
      continue;
    }
    if (arg.type === 'list_splat' || arg.type === 'dictionary_splat') return undefined;
    if (index === position) return arg;
    index++;
  }
  return undefined;
}

/** `receiver.method(...)`: the receiver and the method name. */
export function methodCall(call: SyntaxNode, text: (node: SyntaxNode) => string): { receiver: SyntaxNode; method: string } | undefined {
  const callee = call.childForFieldName('function');
  if (callee?.type !== 'attribute') return undefined;
  const receiver = callee.childForFieldName('object');
  const attribute = callee.childForFieldName('attribute');
  return receiver && attribute ? { receiver, method: text(attribute) } : undefined;
}

/** Whether a call's callee may name a wanted function: see `calleeFilter`. */
export interface CalleeFilter {
  (call: SyntaxNode, text: (node: SyntaxNode) => string): boolean;
  /** Whether a span (a statement, say) may hold such a call at all: cheaper still, as it needs no node below the span. */
  readonly within: (span: Span) => boolean;
}

/**
 * A cheap first look, before asking the semantic model: can this call's callee
 * name one of `lastNames` (the last segment of the qualified names a rule
 * wants)? An attribute keeps its last segment through `import m as alias`; only
 * `from m import name as alias` renames it, so a file with such an alias for
 * one of the names skips the filter. The answer is always confirmed through
 * `qualifiedName`; this only saves resolving calls that cannot match.
 *
 * Null when no call in the file can match: every qualified name ends in a
 * segment spelled somewhere in the file (the builtin's name, the attribute, or
 * the name on the import line, aliased or not).
 */
export function calleeFilter(source: string, lastNames: ReadonlySet<string>): CalleeFilter | null {
  const spelled = new TextOccurrences(source, lastNames);
  if (!spelled.any) return null;
  const renamed = renamesAny(source, lastNames);
  if (renamed) return Object.assign(() => true, { within: () => true });
  const filter = (call: SyntaxNode, text: (node: SyntaxNode) => string): boolean => {
    // Without an alias the callee's last name is spelled inside the call: two offsets and a search decide most calls.
    if (!spelled.within(call)) return false;
    const callee = call.childForFieldName('function');
    if (!callee) return false;
    const last = callee.type === 'attribute' ? callee.childForFieldName('attribute') : callee.type === 'identifier' ? callee : null;
    return last !== null && lastNames.has(text(last));
  };
  return Object.assign(filter, { within: (span: Span) => spelled.within(span) });
}

/**
 * Whether the source spells one of the names right before `as` (`from m import
 * name as alias`). The words before an `as` are collected in one pass and kept
 * for the file's next question (each rule asks about its own names), so a rule
 * with hundreds of names (every `async def` of a file) does not scan the source
 * once per name. Names that are not plain ASCII words are searched one by one,
 * as the word pattern would not find them.
 */
function renamesAny(source: string, names: ReadonlySet<string>): boolean {
  let beforeAs: ReadonlySet<string> | undefined;
  for (const name of names) {
    if (!/^\w+$/.test(name)) {
      if (new RegExp(`\\b${name}\\s+as\\s`).test(source)) return true;
      continue;
    }
    beforeAs ??= wordsBeforeAs(source);
    if (beforeAs.has(name)) return true;
  }
  return false;
}

let wordsBeforeAsOf: { readonly source: string; readonly words: ReadonlySet<string> } | undefined;

/** Every word followed by `as` in the source; the last file's answer is kept (comparing the same string is one pointer check). */
function wordsBeforeAs(source: string): ReadonlySet<string> {
  if (wordsBeforeAsOf?.source !== source) {
    wordsBeforeAsOf = { source, words: new Set(Array.from(source.matchAll(/\b(\w+)\s+as\s/g), (match) => match[1]!)) };
  }
  return wordsBeforeAsOf.words;
}

/** The last segments of some qualified names (`sleep` for `time.sleep`). */
export function lastSegments(names: Iterable<string>): Set<string> {
  return new Set([...names].map((name) => name.slice(name.lastIndexOf('.') + 1)));
}

/**
 * The pre-filter of the rules that look at what a call sends to a worker:
 * `pool.<method>(fn)` for one of `methods`, or a call of one of `factories`
 * (qualified names, such as `threading.Thread`). A method name is spelled
 * inside the call; a factory is checked as `calleeFilter` does.
 */
export function workerCallFilter(source: string, methods: Iterable<string>, factories: ReadonlySet<string>): CalleeFilter {
  const methodNames = new TextOccurrences(source, methods);
  const mayCallFactory = calleeFilter(source, lastSegments(factories));
  const filter = (call: SyntaxNode, text: (node: SyntaxNode) => string): boolean =>
    methodNames.within(call) || (mayCallFactory !== null && mayCallFactory(call, text));
  return Object.assign(filter, { within: (span: Span) => methodNames.within(span) || (mayCallFactory?.within(span) ?? false) });
}
