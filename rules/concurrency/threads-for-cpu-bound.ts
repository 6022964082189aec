import { defineRule, type SyntaxNode, type Visitors } from '../../src/core/rule.js';
import type { SemanticModel } from '../../src/semantic/index.js';
import { calleeQualifiedName, callArgument, mayStartWorkers, methodCall, ownDescendants, poolKind, workerCallFilter } from '../../src/analysis/concurrency.js';

/** Built-ins that compute without I/O, waits or releasing the GIL. */
const PURE_BUILTINS = new Set(['range', 'len', 'sum', 'min', 'max', 'abs', 'pow', 'divmod', 'int', 'float'].map((name) => `builtins.${name}`));
const LOOPS = new Set(['for_statement', 'while_statement', 'list_comprehension', 'set_comprehension', 'dictionary_comprehension', 'generator_expression']);
const BODY_NODES = new Set(['call', 'for_statement', 'while_statement', 'await', 'yield', 'list_comprehension', 'set_comprehension', 'dictionary_comprehension', 'generator_expression', 'global_statement', 'nonlocal_statement']);
const THREAD_FACTORIES = new Set(['threading.Thread']);

export default defineRule({
  id: 'CON001',
  name: 'threads-for-cpu-bound',
  concept: 'concurrency',
  level: 'warning',
  enabledByDefault: true,
  category: 'performance',
  precision: 'medium',
  usesSemanticModel: true,
  message: '`{function}` is pure-Python number crunching, and the GIL lets only one thread run it at a time; hand it to a `ProcessPoolExecutor` instead of `{call}`',
  create(context): Visitors {
    if (!mayStartWorkers(context.source)) return {};
    const semantic = context.semantic;
    const text = (node: SyntaxNode): string => context.text(node);
    const mayHandOff = workerCallFilter(context.source, ['map', 'submit'], THREAD_FACTORIES);
    return {
      call(call) {
        if (!mayHandOff(call, text)) return;
        let target: SyntaxNode | undefined;
        const method = methodCall(call, text);
        if (method && (method.method === 'map' || method.method === 'submit') && poolKind(semantic, method.receiver) === 'thread') {
          target = callArgument(call, 0, undefined, text);
        } else if (THREAD_FACTORIES.has(calleeQualifiedName(semantic, call) ?? '')) {
          target = callArgument(call, undefined, 'target', text);
        }
        if (target?.type !== 'identifier' || !isCpuBoundFunction(semantic, target)) return;
        const callee = call.childForFieldName('function')!;
        context.report(call, { function: text(target), call: `${text(callee)}(...)` });
      },
    };
  },
});

/** A module-level def whose body loops and calls nothing but pure built-ins and `math` functions. */
function isCpuBoundFunction(semantic: SemanticModel, name: SyntaxNode): boolean {
  const resolution = semantic.resolve(name);
  if (resolution?.kind !== 'binding' || resolution.scope.kind !== 'module' || resolution.bindings.length !== 1) return false;
  const binding = resolution.bindings[0]!;
  if (binding.kind !== 'function' || !binding.definedScope) return false;
  const info = semantic.functionInfo(binding.definedScope.node);
  if (!info || info.isAsync || info.isGenerator || info.decorators.length > 0) return false;
  const body = info.node.childForFieldName('body');
  if (!body) return false;
  // Nested defs are skipped by the walk; a nested def in a CPU-bound worker is rare enough to give up on.
  if (ownDescendants(body, new Set(['function_definition', 'lambda', 'class_definition'])).length > 0) return false;
  let loops = false;
  for (const node of ownDescendants(body, BODY_NODES)) {
    if (LOOPS.has(node.type)) loops = true;
    else if (node.type === 'call') {
      const qualified = calleeQualifiedName(semantic, node);
      if (qualified === undefined || !(PURE_BUILTINS.has(qualified) || /^math\.\w+$/.test(qualified))) return false;
    } else return false;
  }
  return loops;
}
