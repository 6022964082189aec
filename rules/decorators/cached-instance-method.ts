import { defineRule, type SyntaxNode } from '../../src/core/rule.js';
import type { ClassInfo, SemanticModel } from '../../src/semantic/index.js';
import { cacheDecorator } from '../../src/analysis/decorators.js';

/** Method decorators after which the first parameter is no longer an instance. */
const NOT_INSTANCE_METHODS = new Set(['builtins.staticmethod', 'builtins.classmethod']);

/** Enum bases: members are singletons, so caching on them keeps nothing extra alive. */
const ENUM_BASES = new Set(['enum.Enum', 'enum.IntEnum', 'enum.StrEnum', 'enum.Flag', 'enum.IntFlag', 'enum.ReprEnum']);

const MAX_BASE_DEPTH = 20;

export default defineRule({
  id: 'DEC002',
  name: 'cached-instance-method',
  concept: 'decorators',
  level: 'warning',
  enabledByDefault: true,
  category: 'performance',
  precision: 'high',
  usesSemanticModel: true,
  message: '`@{decorator}` on method `{method}` keys its cache on `self`, keeping every instance alive as long as the cache; cache a module-level function or store the result on the instance',
  create(context) {
    const model = context.semantic;
    return {
      function_definition(node) {
        const info = model.functionInfo(node);
        if (!info?.isMethod || !info.class) return;
        const cache = cacheDecorator(model, node);
        if (!cache) return;
        if (info.parameters[0]?.name !== 'self') return;
        if (info.decorators.some((d) => NOT_INSTANCE_METHODS.has(model.qualifiedName(d) ?? ''))) return;
        if (isEnum(model, info.class)) return;
        const decorator = cache.parent?.type === 'decorator' ? cache.parent : cache;
        const callee = cache.type === 'call' ? cache.childForFieldName('function')! : cache;
        context.report(decorator, { decorator: context.text(callee), method: info.name });
      },
    };
  },
});

/** The class derives from an `enum` base, directly or through classes defined in this file. */
function isEnum(model: SemanticModel, start: ClassInfo): boolean {
  const pending: ClassInfo[] = [start];
  const seen = new Set<SyntaxNode['id']>();
  for (let depth = 0; depth < MAX_BASE_DEPTH; depth++) {
    const cls = pending.pop();
    if (!cls) return false;
    if (seen.has(cls.node.id)) continue;
    seen.add(cls.node.id);
    for (const base of cls.bases) {
      const name = model.qualifiedName(base);
      if (name && ENUM_BASES.has(name)) return true;
      if (base.type !== 'identifier') continue;
      const resolution = model.resolve(base);
      if (resolution?.kind !== 'binding') continue;
      for (const binding of resolution.bindings) {
        const local = binding.kind === 'class' && binding.definedScope ? model.classInfo(binding.definedScope.node) : undefined;
        if (local) pending.push(local);
      }
    }
  }
  return false;
}
