import { defineRule, type SyntaxNode, type Visitors } from '../../src/core/rule.js';
import type { ClassInfo, FunctionInfo, SemanticModel } from '../../src/semantic/index.js';
import { classBodyValues, classHeader, className, decoratorName, moduleHierarchy, runtimeClassBodyValues } from '../../src/analysis/classes.js';

/** Nodes whose bodies are another function's or class's: a `return` inside them is not the method's. */
const NESTED_SCOPES = new Set(['function_definition', 'lambda', 'class_definition']);

export default defineRule({
  id: 'OBJ004',
  name: 'incomplete-iterator',
  concept: 'object-model',
  level: 'error',
  enabledByDefault: true,
  category: 'correctness',
  precision: 'high',
  usesSemanticModel: true,
  message: 'Class `{cls}` {problem}; {remedy}',
  create(context): Visitors {
    // Only classes defining `__iter__` or `__next__` are checked.
    if (!/__(?:iter|next)__/.test(context.source)) return {};
    const semantic = context.semantic;
    return {
      class_definition(node) {
        const info = semantic.classInfo(node);
        if (!info || !plainClass(semantic, info)) return;
        // The method a class has must exist at run time; the one it lacks must not even be declared
        // (under `if TYPE_CHECKING:` it says something else supplies it).
        const hasIter = runtimeClassBodyValues(semantic, info, '__iter__').length > 0;
        const hasNext = runtimeClassBodyValues(semantic, info, '__next__').length > 0;
        if (hasIter === hasNext) return;
        if (classBodyValues(info, hasIter ? '__next__' : '__iter__').length > 0) return;
        if (hasIter) {
          const iter = info.methods.get('__iter__');
          if (!iter || !returnsSelf(semantic, iter)) return;
          if (inheritsFromModule(semantic, info, '__next__') || completedBySubclass(semantic, info, '__next__')) return;
          context.report(classHeader(node), {
            cls: className(info),
            problem: 'returns `self` from `__iter__` but has no `__next__`, so a `for` loop over it fails with `TypeError`',
            remedy: 'define `__next__` (raising `StopIteration` at the end), or make `__iter__` a generator',
          });
        } else {
          // A class with `__getitem__` is iterable through the old sequence protocol.
          if (classBodyValues(info, '__getitem__').length > 0) return;
          if (inheritsFromModule(semantic, info, '__iter__') || completedBySubclass(semantic, info, '__iter__')) return;
          context.report(classHeader(node), {
            cls: className(info),
            problem: 'defines `__next__` but no `__iter__`, so `iter()`, `for` and `zip()` reject it as not iterable',
            remedy: 'add `def __iter__(self): return self`',
          });
        }
      },
    };
  },
});

/**
 * A class whose missing method can only come from where pitfall can see: no
 * metaclass and no decorator it does not know (either could add methods).
 */
function plainClass(semantic: SemanticModel, info: ClassInfo): boolean {
  if (info.keywords.length > 0) return false;
  return info.decorators.every((decorator) => decoratorName(semantic, decorator) !== undefined);
}

/**
 * Whether `name` may come from a base: true when some base is not a module
 * class (an import could supply it, `collections.abc.Iterator` does) or a
 * module class above this one defines it.
 */
function inheritsFromModule(semantic: SemanticModel, info: ClassInfo, name: string): boolean {
  const { classes, unknown } = moduleHierarchy(semantic, info);
  if (unknown) return true;
  return classes.some((cls) => cls !== info && (classBodyValues(cls, name).length > 0 || !plainClass(semantic, cls)));
}

/** A mixin or abstract base: some class of the module derives from it and supplies `name`. */
function completedBySubclass(semantic: SemanticModel, info: ClassInfo, name: string): boolean {
  for (const scope of semantic.scopes) {
    if (scope.kind !== 'class' || scope.node.startIndex === info.node.startIndex) continue;
    const other = semantic.classInfo(scope.node);
    if (!other || classBodyValues(other, name).length === 0) continue;
    const { classes } = moduleHierarchy(semantic, other);
    if (classes.some((cls) => cls.node.startIndex === info.node.startIndex)) return true;
  }
  return false;
}

/** `__iter__` has `return self` in its own body (not in a nested def), and is not a generator. */
function returnsSelf(semantic: SemanticModel, method: FunctionInfo): boolean {
  if (method.isGenerator) return false;
  const self = method.parameters[0];
  if (!self) return false;
  const body = method.node.childForFieldName('body');
  const stack: SyntaxNode[] = body ? [body] : [];
  while (stack.length > 0) {
    const current = stack.pop()!;
    if (current.type === 'return_statement') {
      const value = current.namedChildren.find((child) => child.type !== 'comment');
      if (value?.type === 'identifier' && semantic.text(value) === self.name) {
        const resolution = semantic.resolve(value);
        if (resolution?.kind === 'binding' && resolution.bindings.includes(self)) return true;
      }
      continue;
    }
    for (const child of current.namedChildren) if (!NESTED_SCOPES.has(child.type)) stack.push(child);
  }
  return false;
}
