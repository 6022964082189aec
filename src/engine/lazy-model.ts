import type { SemanticModel } from '../semantic/index.js';

/** The model a rule context hands out, and the way to supply one built elsewhere. */
export interface LazyModel {
  /** What rules see as `context.semantic`. */
  readonly model: SemanticModel;
  /** Hands over a model built by the dispatch walk, so `build` never runs. */
  provide(model: SemanticModel): void;
}

/**
 * A stand-in for the semantic model that builds the real one on first use.
 * Rules commonly keep `const semantic = context.semantic` at the top of
 * `create()`, which runs for every file before the walk; with this stand-in
 * that costs nothing, and a file whose visitors never ask a question never
 * pays for a model. When the walk builds the model itself, it is provided
 * before any visitor runs.
 */
export function lazySemanticModel(build: () => SemanticModel): LazyModel {
  let real: SemanticModel | undefined;
  const boundMethods = new Map<PropertyKey, unknown>();
  const model = new Proxy({} as SemanticModel, {
    get(_target, property) {
      real ??= build();
      const value: unknown = Reflect.get(real, property, real);
      if (typeof value !== 'function') return value;
      let bound = boundMethods.get(property);
      if (bound === undefined) boundMethods.set(property, (bound = (value as (...args: unknown[]) => unknown).bind(real)));
      return bound;
    },
  });
  return {
    model,
    provide(built) {
      real = built;
      boundMethods.clear();
    },
  };
}
