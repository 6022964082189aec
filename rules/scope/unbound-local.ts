import { defineRule } from '../../src/core/rule.js';
import type { Reference, SemanticModel } from '../../src/semantic/index.js';

export default defineRule({
  id: 'SCO003',
  name: 'unbound-local',
  concept: 'scope',
  level: 'error',
  enabledByDefault: true,
  category: 'correctness',
  precision: 'high',
  usesSemanticModel: true,
  message: '`{name}` is read before `{function}` assigns it, and that assignment makes it local, so this raises `UnboundLocalError` instead of using the {where} `{name}`; rename the local or pass the value in',
  create(context) {
    const model = context.semantic;
    return {
      module() {
        for (const scope of model.scopes) {
          if (scope.kind !== 'function') continue;
          const seen = new Set<string>();
          for (const ref of scope.references) {
            if (ref.kind !== 'read' || seen.has(ref.name)) continue;
            seen.add(ref.name);
            const where = outerMeaning(model, ref);
            if (!where || !model.isReadBeforeAssignment(ref)) continue;
            if (!surelyUnbound(model, ref)) continue;
            context.report(ref, { name: ref.name, function: scope.name ?? 'function', where });
          }
        }
      },
    };
  },
});

/** What the name would mean without the local assignment: a module-level name or a builtin. */
function outerMeaning(model: SemanticModel, ref: Reference): string | undefined {
  const parent = ref.scope.parent;
  if (!parent) return undefined;
  const outside = model.lookup(ref.name, parent);
  if (outside.kind === 'builtin') return 'builtin';
  if (outside.kind === 'binding' && outside.scope === model.module) return 'module-level';
  return undefined;
}

/**
 * Precision guards on top of the textual order: no `del` of the name in the
 * function (deleted and re-bound names are left alone), and no assignment
 * inside a loop around the read (an earlier pass may have assigned it).
 */
function surelyUnbound(model: SemanticModel, ref: Reference): boolean {
  const bindings = ref.scope.bindings.get(ref.name) ?? [];
  if (bindings.length === 0 || bindings.some((b) => b.kind === 'delete')) return false;
  for (const loop of model.enclosingLoops(ref.node)) {
    if (bindings.some((b) => b.startIndex >= loop.startIndex && b.startIndex < loop.endIndex)) return false;
  }
  return true;
}
