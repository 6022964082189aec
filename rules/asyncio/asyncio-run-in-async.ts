import { defineRule, type SyntaxNode, type Visitors } from '../../src/core/rule.js';
import { calleeFilter, calleeQualifiedName, runningAsyncFunction } from '../../src/analysis/concurrency.js';

/** The last segments of what starts an event loop: `asyncio.run` and the `run_until_complete` method. */
const RUNNER_NAMES = new Set(['run', 'run_until_complete']);

export default defineRule({
  id: 'ASY004',
  name: 'asyncio-run-in-async',
  concept: 'asyncio',
  level: 'error',
  enabledByDefault: true,
  category: 'correctness',
  precision: 'high',
  usesSemanticModel: true,
  message: '`{call}` inside `async def {function}` tries to start an event loop while one is already running; `await` the coroutine instead',
  create(context): Visitors {
    if (!context.source.includes('async')) return {};
    // `asyncio.run` or `<loop>.run_until_complete`, confirmed below; the filter only skips calls naming neither.
    const mayRunLoop = calleeFilter(context.source, RUNNER_NAMES);
    if (!mayRunLoop) return {};
    // Reporting needs an `async def` running the call: a file without one is settled once.
    let hasAsyncDef: boolean | undefined;
    return {
      call(call) {
        hasAsyncDef ??= context.semantic.scopes.some((scope) => scope.kind === 'function' && scope.isAsync);
        if (!hasAsyncDef || !mayRunLoop(call, context.text)) return;
        const callee = call.childForFieldName('function');
        if (!callee || !(calleeQualifiedName(context.semantic, call) === 'asyncio.run' || isRunUntilComplete(context.text, callee))) return;
        const fn = runningAsyncFunction(context.semantic, call);
        if (!fn) return;
        const name = fn.childForFieldName('name');
        context.report(call, { call: `${context.text(callee)}(...)`, function: name ? context.text(name) : '?' });
      },
    };
  },
});

/** `<anything>.run_until_complete`: the method name belongs to event loops alone. */
function isRunUntilComplete(text: (node: SyntaxNode) => string, callee: SyntaxNode): boolean {
  const attribute = callee.type === 'attribute' ? callee.childForFieldName('attribute') : null;
  return attribute !== null && text(attribute) === 'run_until_complete';
}
