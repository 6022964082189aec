import { defineRule, type Visitors } from '../../src/core/rule.js';
import { calleeFilter, calleeQualifiedName, lastSegments, runningAsyncFunction } from '../../src/analysis/concurrency.js';

const SLEEP = '`await asyncio.sleep(...)`';
const ASYNC_HTTP = 'an async HTTP client (`httpx.AsyncClient`, `aiohttp`) or `await asyncio.to_thread(...)`';
const ASYNC_SUBPROCESS = '`await asyncio.create_subprocess_exec(...)` or `await asyncio.to_thread(...)`';
const TO_THREAD = '`await asyncio.to_thread(...)`';

/**
 * The calls that block the thread they run on, by qualified name, each with
 * what to use instead. Extend the rule by adding a row.
 */
export const BLOCKING_CALLS: Readonly<Record<string, string>> = {
  'time.sleep': SLEEP,
  ...Object.fromEntries(
    ['get', 'post', 'put', 'patch', 'delete', 'head', 'options', 'request'].map((verb) => [`requests.${verb}`, ASYNC_HTTP]),
  ),
  ...Object.fromEntries(
    ['get', 'post', 'put', 'patch', 'delete', 'head', 'options', 'request', 'stream'].map((verb) => [`httpx.${verb}`, ASYNC_HTTP]),
  ),
  'urllib.request.urlopen': ASYNC_HTTP,
  'subprocess.run': ASYNC_SUBPROCESS,
  'subprocess.call': ASYNC_SUBPROCESS,
  'subprocess.check_call': ASYNC_SUBPROCESS,
  'subprocess.check_output': ASYNC_SUBPROCESS,
  'subprocess.Popen': ASYNC_SUBPROCESS,
  'os.system': '`await asyncio.create_subprocess_shell(...)`',
  'builtins.open': `${TO_THREAD} or an async file library`,
  'builtins.input': '`await asyncio.to_thread(input, ...)`',
  'socket.create_connection': '`await asyncio.open_connection(...)`',
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
    return {
      call(call) {
        if (!mayBlock(call, context.text)) return;
        const qualified = calleeQualifiedName(context.semantic, call);
        if (qualified === undefined || !Object.hasOwn(BLOCKING_CALLS, qualified)) return;
        const fn = runningAsyncFunction(context.semantic, call);
        if (!fn) return;
        const name = fn.childForFieldName('name');
        context.report(call, {
          call: `${qualified.replace(/^builtins\./, '')}()`,
          function: name ? context.text(name) : '?',
          replacement: BLOCKING_CALLS[qualified]!,
        });
      },
    };
  },
});
