/** Helpers shared by the decorator rules (DEC002, DEC003). */
import type { SyntaxNode } from '../core/rule.js';
import type { SemanticModel } from '../semantic/index.js';

/** The qualified names of the memoizing decorators from `functools`. */
export const CACHE_DECORATORS = new Set(['functools.cache', 'functools.lru_cache']);

/** The `functools.cache`/`lru_cache` decorator expression of a def (called or bare), if any. */
export function cacheDecorator(model: SemanticModel, definition: SyntaxNode): SyntaxNode | undefined {
  return model.decorators(definition).find((decorator) => {
    const callee = decorator.type === 'call' ? decorator.childForFieldName('function') : decorator;
    return CACHE_DECORATORS.has(model.qualifiedName(callee) ?? '');
  });
}
