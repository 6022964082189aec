import { defineRule, type SyntaxNode, type Visitors } from '../../src/core/rule.js';
import type { SemanticModel } from '../../src/semantic/index.js';
import { calleeFilter, calleeQualifiedName, lastSegments, mayStartWorkers, POOL_FACTORIES } from '../../src/analysis/concurrency.js';

/** What starts worker processes, by qualified name. */
const PROCESS_STARTERS = new Set([
  ...Object.entries(POOL_FACTORIES)
    .filter(([, kind]) => kind === 'process')
    .map(([name]) => name),
  'multiprocessing.Process',
  'multiprocessing.context.Process',
]);

const STARTER_NAMES = lastSegments(PROCESS_STARTERS);

export default defineRule({
  id: 'CON002',
  name: 'process-pool-without-main-guard',
  concept: 'concurrency',
  level: 'error',
  enabledByDefault: true,
  category: 'correctness',
  precision: 'high',
  usesSemanticModel: true,
  message: '`{call}(...)` runs on import, so with the spawn start method every child process re-imports this module and starts it again; move it under `if __name__ == "__main__":`',
  create(context): Visitors {
    if (!mayStartWorkers(context.source)) return {};
    const mayStart = calleeFilter(context.source, STARTER_NAMES);
    if (!mayStart) return {};
    const semantic = context.semantic;
    return {
      call(call) {
        if (!mayStart(call, context.text)) return;
        if (!PROCESS_STARTERS.has(calleeQualifiedName(semantic, call) ?? '')) return;
        if (semantic.enclosingFunction(call) !== undefined || isUnderMainGuard(semantic, call)) return;
        context.report(call, { call: context.text(call.childForFieldName('function')!) });
      },
    };
  },
});

/** Inside the body of `if __name__ == "__main__":` (or the `else` of `if __name__ != "__main__":`). */
function isUnderMainGuard(semantic: SemanticModel, node: SyntaxNode): boolean {
  for (let child = node, parent = node.parent; parent; child = parent, parent = parent.parent) {
    if (parent.type === 'if_statement') {
      const test = mainTest(semantic, parent.childForFieldName('condition'));
      if (test === '==' && parent.childForFieldName('consequence')?.startIndex === child.startIndex) return true;
      if (test === '!=' && child.type === 'else_clause') return true;
    }
  }
  return false;
}

/** `__name__ == "__main__"` in either order: the operator, or undefined. */
function mainTest(semantic: SemanticModel, condition: SyntaxNode | null): '==' | '!=' | undefined {
  if (condition?.type !== 'comparison_operator' || condition.namedChildCount !== 2) return undefined;
  const operator = condition.children.find((child) => child.type === '==' || child.type === '!=');
  if (!operator) return undefined;
  const [left, right] = condition.namedChildren as [SyntaxNode, SyntaxNode];
  const isName = (side: SyntaxNode): boolean => side.type === 'identifier' && semantic.text(side) === '__name__' && semantic.resolve(side)?.kind !== 'binding';
  const isMain = (side: SyntaxNode): boolean => side.type === 'string' && /^(['"])__main__\1$/.test(semantic.text(side));
  return (isName(left) && isMain(right)) || (isName(right) && isMain(left)) ? (operator.type as '==' | '!=') : undefined;
}
