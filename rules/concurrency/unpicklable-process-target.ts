import { defineRule, type SyntaxNode, type Visitors } from '../../src/core/rule.js';
import type { SemanticModel } from '../../src/semantic/index.js';
import { boundValue, calleeQualifiedName, callArgument, mayStartWorkers, methodCall, poolKind, workerCallFilter } from '../../src/analysis/concurrency.js';

/** Pool methods whose first argument is the callable sent to the workers. */
const POOL_METHODS = new Set(['map', 'submit', 'apply', 'apply_async', 'imap', 'imap_unordered', 'map_async', 'starmap', 'starmap_async']);
const PROCESS_CLASSES = new Set(['multiprocessing.Process', 'multiprocessing.context.Process']);

export default defineRule({
  id: 'CON003',
  name: 'unpicklable-process-target',
  concept: 'concurrency',
  level: 'error',
  enabledByDefault: true,
  category: 'correctness',
  precision: 'high',
  usesSemanticModel: true,
  message: '{target} cannot be pickled, so `{call}` cannot send it to a worker process; pass a function defined at module level',
  create(context): Visitors {
    if (!mayStartWorkers(context.source)) return {};
    const semantic = context.semantic;
    const text = (node: SyntaxNode): string => context.text(node);
    const mayHandOff = workerCallFilter(context.source, POOL_METHODS, PROCESS_CLASSES);
    return {
      call(call) {
        if (!mayHandOff(call, text)) return;
        let target: SyntaxNode | undefined;
        const method = methodCall(call, text);
        if (method && POOL_METHODS.has(method.method) && poolKind(semantic, method.receiver) === 'process') {
          target = callArgument(call, 0, method.method === 'submit' ? undefined : 'func', text);
        } else if (PROCESS_CLASSES.has(calleeQualifiedName(semantic, call) ?? '')) {
          target = callArgument(call, undefined, 'target', text);
        }
        const what = target && unpicklable(semantic, target);
        if (!what) return;
        context.report(call, { target: what, call: `${text(call.childForFieldName('function')!)}(...)` });
      },
    };
  },
});

/** Why a callable cannot be pickled by reference, or undefined when it can (or we cannot tell). */
function unpicklable(semantic: SemanticModel, target: SyntaxNode): string | undefined {
  if (target.type === 'lambda') return 'A lambda';
  if (target.type === 'identifier') {
    const resolution = semantic.resolve(target);
    if (resolution?.kind !== 'binding' || resolution.bindings.length === 0) return undefined;
    if (resolution.scope.kind !== 'function') return undefined;
    if (resolution.bindings.every((binding) => binding.kind === 'function')) return `Nested function \`${semantic.text(target)}\``;
    if (resolution.bindings.every((binding) => boundValue(binding.node)?.type === 'lambda')) return `The lambda \`${semantic.text(target)}\``;
    return undefined;
  }
  if (target.type === 'attribute') {
    // `Local().method` or `obj.method` with `obj = Local()`, `Local` a class defined inside a function.
    let object = target.childForFieldName('object');
    if (object?.type === 'identifier') {
      const resolution = semantic.resolve(object);
      if (resolution?.kind !== 'binding' || resolution.bindings.length !== 1) return undefined;
      object = boundValue(resolution.bindings[0]!.node) ?? null;
    }
    if (object?.type !== 'call') return undefined;
    const cls = object.childForFieldName('function');
    if (cls?.type !== 'identifier') return undefined;
    const resolution = semantic.resolve(cls);
    if (resolution?.kind !== 'binding' || resolution.scope.kind !== 'function') return undefined;
    if (!resolution.bindings.every((binding) => binding.kind === 'class')) return undefined;
    return `Bound method \`${semantic.text(target)}\` of the local class \`${semantic.text(cls)}\``;
  }
  return undefined;
}
