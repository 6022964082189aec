import { defineRule, type SyntaxNode, type Visitors } from '../../src/core/rule.js';
import type { SemanticModel } from '../../src/semantic/index.js';
import { calleeQualifiedName } from '../../src/analysis/concurrency.js';

/** Functions that schedule a coroutine and return the only strong reference to its task. */
const TASK_FACTORIES = new Set(['asyncio.create_task', 'asyncio.ensure_future']);

/** Calls that return an event loop, whose `create_task` behaves like `asyncio.create_task`. */
const LOOP_FACTORIES = new Set(['asyncio.get_event_loop', 'asyncio.get_running_loop', 'asyncio.new_event_loop']);

export default defineRule({
  id: 'ASY003',
  name: 'dangling-task',
  concept: 'asyncio',
  level: 'warning',
  enabledByDefault: true,
  category: 'correctness',
  precision: 'high',
  usesSemanticModel: true,
  message: 'The task from `{call}` is not kept, so it can be garbage-collected before it finishes; store it (e.g. in a set, discarding it when done) or use `asyncio.TaskGroup`',
  create(context): Visitors {
    // Every task factory comes from `asyncio`; a file that never names it has none.
    if (!context.source.includes('asyncio')) return {};
    const semantic = context.semantic;
    return {
      expression_statement(statement) {
        let call = statement.firstNamedChild;
        while (call?.type === 'parenthesized_expression') call = call.firstNamedChild;
        if (call?.type !== 'call' || statement.namedChildCount !== 1) return;
        const callee = call.childForFieldName('function');
        if (!callee) return;
        const qualified = calleeQualifiedName(semantic, call);
        // `ensure_future(existing_future)` returns the future it was given, which someone else holds: only a fresh coroutine counts.
        const first = call.childForFieldName('arguments')?.firstNamedChild;
        const wrapsNewCoroutine = qualified !== 'asyncio.ensure_future' || first?.type === 'call';
        const dangling = (qualified !== undefined && TASK_FACTORIES.has(qualified) && wrapsNewCoroutine) || isLoopCreateTask(semantic, callee);
        if (dangling) context.report(call, { call: `${context.text(callee)}(...)` });
      },
    };
  },
});

/** `loop.create_task` where `loop` is only ever assigned from an event-loop getter, or `asyncio.get_running_loop().create_task`. */
function isLoopCreateTask(semantic: SemanticModel, callee: SyntaxNode): boolean {
  if (callee.type !== 'attribute') return false;
  const attribute = callee.childForFieldName('attribute');
  const object = callee.childForFieldName('object');
  if (!attribute || !object || semantic.text(attribute) !== 'create_task') return false;
  if (object.type === 'call') return isLoopFactoryCall(semantic, object);
  if (object.type !== 'identifier') return false;
  const resolution = semantic.resolve(object);
  if (resolution?.kind !== 'binding') return false;
  return resolution.bindings.every((binding) => {
    const assignment = binding.node.parent;
    if (binding.kind !== 'assignment' || assignment?.type !== 'assignment') return false;
    if (assignment.childForFieldName('left')?.startIndex !== binding.node.startIndex) return false;
    const value = assignment.childForFieldName('right');
    return value?.type === 'call' && isLoopFactoryCall(semantic, value);
  });
}

function isLoopFactoryCall(semantic: SemanticModel, call: SyntaxNode): boolean {
  return LOOP_FACTORIES.has(calleeQualifiedName(semantic, call) ?? '');
}
