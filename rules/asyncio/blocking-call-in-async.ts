import { defineRule, type Visitors } from '../../src/core/rule.js';
import type { SemanticModel } from '../../src/semantic/index.js';
import { calleeFilter, calleeQualifiedName, lastSegments, runningAsyncFunction } from '../../src/analysis/concurrency.js';

/** The event-loop libraries whose own replacements the message names. */
type LoopLibrary = 'asyncio' | 'trio' | 'anyio';

/** What to use instead of each kind of blocking call, in each library's own words. */
const REPLACEMENTS: Readonly<Record<LoopLibrary, Readonly<Record<'sleep' | 'http' | 'subprocess' | 'shell' | 'file' | 'input' | 'connect', string>>>> = {
  asyncio: {
    sleep: '`await asyncio.sleep(...)`',
    http: 'an async HTTP client (`httpx.AsyncClient`, `aiohttp`) or `await asyncio.to_thread(...)`',
    subprocess: '`await asyncio.create_subprocess_exec(...)` or `await asyncio.to_thread(...)`',
    shell: '`await asyncio.create_subprocess_shell(...)`',
    file: '`await asyncio.to_thread(...)` or an async file library',
    input: '`await asyncio.to_thread(input, ...)`',
    connect: '`await asyncio.open_connection(...)`',
  },
  trio: {
    sleep: '`await trio.sleep(...)`',
    http: 'an async HTTP client (`httpx.AsyncClient`) or `await trio.to_thread.run_sync(...)`',
    subprocess: '`await trio.run_process(...)` or `await trio.to_thread.run_sync(...)`',
    shell: '`await trio.run_process(..., shell=True)`',
    file: '`await trio.open_file(...)`',
    input: '`await trio.to_thread.run_sync(input, ...)`',
    connect: '`await trio.open_tcp_stream(...)`',
  },
  anyio: {
    sleep: '`await anyio.sleep(...)`',
    http: 'an async HTTP client (`httpx.AsyncClient`) or `await anyio.to_thread.run_sync(...)`',
    subprocess: '`await anyio.run_process(...)` or `await anyio.to_thread.run_sync(...)`',
    shell: '`await anyio.run_process(...)` with a command string',
    file: '`await anyio.open_file(...)`',
    input: '`await anyio.to_thread.run_sync(input, ...)`',
    connect: '`await anyio.connect_tcp(...)`',
  },
};

/**
 * The calls that block the thread they run on, by qualified name, each with
 * the kind of replacement to suggest. Extend the rule by adding a row.
 */
export const BLOCKING_CALLS: Readonly<Record<string, keyof (typeof REPLACEMENTS)['asyncio']>> = {
  'time.sleep': 'sleep',
  ...Object.fromEntries(['get', 'post', 'put', 'patch', 'delete', 'head', 'options', 'request'].map((verb) => [`requests.${verb}`, 'http' as const])),
  ...Object.fromEntries(['get', 'post', 'put', 'patch', 'delete', 'head', 'options', 'request', 'stream'].map((verb) => [`httpx.${verb}`, 'http' as const])),
  'urllib.request.urlopen': 'http',
  'subprocess.run': 'subprocess',
  'subprocess.call': 'subprocess',
  'subprocess.check_call': 'subprocess',
  'subprocess.check_output': 'subprocess',
  'subprocess.Popen': 'subprocess',
  'os.system': 'shell',
  'builtins.open': 'file',
  'builtins.input': 'input',
  'socket.create_connection': 'connect',
};

const BLOCKING_NAMES = lastSegments(Object.keys(BLOCKING_CALLS));

export default defineRule({
  id: 'ASY001',
  name: 'blocking-call-in-async',
  concept: 'asyncio',
  level: 'error',
  enabledByDefault: true,
  category: 'correctness',
  precision: 'high',
  usesSemanticModel: true,
  message: 'Blocking call `{call}` inside `async def {function}` stalls the whole event loop; use {replacement}',
  create(context): Visitors {
    // Only an `async def` can block the loop; files without one cost nothing.
    if (!context.source.includes('async')) return {};
    const mayBlock = calleeFilter(context.source, BLOCKING_NAMES);
    if (!mayBlock) return {};
    let library: LoopLibrary | undefined;
    return {
      call(call) {
        if (!mayBlock(call, context.text)) return;
        const qualified = calleeQualifiedName(context.semantic, call);
        if (qualified === undefined || !Object.hasOwn(BLOCKING_CALLS, qualified)) return;
        const fn = runningAsyncFunction(context.semantic, call);
        if (!fn) return;
        library ??= loopLibrary(context.semantic);
        const name = fn.childForFieldName('name');
        context.report(call, {
          call: `${qualified.replace(/^builtins\./, '')}()`,
          function: name ? context.text(name) : '?',
          replacement: REPLACEMENTS[library][BLOCKING_CALLS[qualified]!],
        });
      },
    };
  },
});

/**
 * Which event loop the module is written for, from what it imports: anyio (which
 * runs on either loop) before trio, else asyncio. Advice in another library's
 * terms would not run there.
 */
function loopLibrary(model: SemanticModel): LoopLibrary {
  let found: LoopLibrary = 'asyncio';
  for (const scope of model.scopes) {
    for (const bindings of scope.bindings.values()) {
      for (const binding of bindings) {
        const root = (binding.importedModule ?? binding.importedName)?.split('.')[0];
        if (root === 'anyio') return 'anyio';
        if (root === 'trio') found = 'trio';
      }
    }
  }
  return found;
}
