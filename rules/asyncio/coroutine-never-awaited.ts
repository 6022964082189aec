import { defineRule, type SyntaxNode, type Visitors } from '../../src/core/rule.js';
import type { SemanticModel } from '../../src/semantic/index.js';
import { calleeFilter, calleeQualifiedName, lastSegments, type CalleeFilter } from '../../src/analysis/concurrency.js';

/** Coroutine functions of the standard library whose call as a statement is always a mistake. */
const KNOWN_COROUTINES = new Set(['asyncio.sleep']);

/** Decorators that leave an `async def` a coroutine function; any other decorator may wrap it into something else. */
const TRANSPARENT_DECORATORS = new Set(['builtins.staticmethod', 'builtins.classmethod', 'abc.abstractmethod', 'typing.override']);

export default defineRule({
  id: 'ASY002',
  name: 'coroutine-never-awaited',
  concept: 'asyncio',
  level: 'error',
  enabledByDefault: true,
  category: 'correctness',
  precision: 'high',
  usesSemanticModel: true,
  message: '`{call}` only creates a coroutine, which never runs; `await` it or schedule it with `asyncio.create_task(...)`',
  create(context): Visitors {
    // Without `async` in the file there is no coroutine function to call.
    if (!context.source.includes('async')) return {};
    const semantic = context.semantic;
    // A call that fires a coroutine names an `async def` of this file (or a known coroutine) last:
    // its spelling must be inside the call, which settles most statements without resolving anything.
    let mayFire: CalleeFilter | null = null;
    let filterBuilt = false;
    return {
      expression_statement(statement) {
        if (!filterBuilt) {
          mayFire = calleeFilter(context.source, coroutineNames(semantic));
          filterBuilt = true;
        }
        if (!mayFire || !mayFire.within(statement)) return;
        let expression = statement.firstNamedChild;
        while (expression?.type === 'parenthesized_expression') expression = expression.firstNamedChild;
        if (expression?.type !== 'call' || statement.namedChildCount !== 1) return;
        if (!mayFire(expression, context.text)) return;
        const callee = expression.childForFieldName('function');
        if (!callee) return;
        const isCoroutine =
          KNOWN_COROUTINES.has(calleeQualifiedName(semantic, expression) ?? '') ||
          (callee.type === 'identifier' && namesCoroutineFunction(semantic, callee)) ||
          (callee.type === 'attribute' && isSelfAsyncMethod(semantic, callee));
        if (isCoroutine) context.report(expression, { call: `${context.text(callee)}()` });
      },
    };
  },
});

/** The last names a coroutine call can end in: the file's `async def`s and the known coroutines. */
function coroutineNames(semantic: SemanticModel): Set<string> {
  const names = lastSegments(KNOWN_COROUTINES);
  for (const scope of semantic.scopes) if (scope.kind === 'function' && scope.isAsync && scope.name) names.add(scope.name);
  return names;
}

/** A name bound only to `async def`s (not async generators) whose decorators keep them coroutine functions. */
function namesCoroutineFunction(semantic: SemanticModel, identifier: SyntaxNode): boolean {
  const resolution = semantic.resolve(identifier);
  if (resolution?.kind !== 'binding') return false;
  return resolution.bindings.every((binding) => binding.kind === 'function' && binding.definedScope !== undefined && isPlainCoroutineFunction(semantic, binding.definedScope.node));
}

function isPlainCoroutineFunction(semantic: SemanticModel, def: SyntaxNode): boolean {
  const info = semantic.functionInfo(def);
  if (!info || !info.isAsync || info.isGenerator) return false;
  return info.decorators.every((decorator) => TRANSPARENT_DECORATORS.has(semantic.qualifiedName(decorator) ?? ''));
}

/** `self.name` inside a method, where `self` is the method's first parameter and its class defines `name` as a coroutine method. */
function isSelfAsyncMethod(semantic: SemanticModel, callee: SyntaxNode): boolean {
  const object = callee.childForFieldName('object');
  const attribute = callee.childForFieldName('attribute');
  if (object?.type !== 'identifier' || !attribute) return false;
  const resolution = semantic.resolve(object);
  if (resolution?.kind !== 'binding' || resolution.bindings.length !== 1) return false;
  const binding = resolution.bindings[0]!;
  if (binding.kind !== 'parameter' || resolution.scope.kind !== 'function') return false;
  const method = semantic.functionInfo(resolution.scope.node);
  if (!method?.isMethod || method.parameters[0] !== binding || !method.class) return false;
  if (method.decorators.some((decorator) => ['builtins.staticmethod', 'builtins.classmethod'].includes(semantic.qualifiedName(decorator) ?? ''))) return false;
  const target = method.class.methods.get(semantic.text(attribute));
  if (!target || method.class.assignments.has(semantic.text(attribute))) return false;
  return isPlainCoroutineFunction(semantic, target.node);
}
