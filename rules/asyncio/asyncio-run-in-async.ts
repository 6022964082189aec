import { defineRule, type SyntaxNode, type Visitors } from '../../src/core/rule.js';
import { calleeQualifiedName, runningAsyncFunction } from '../../src/analysis/concurrency.js';

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
    return {
      call(call) {
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
