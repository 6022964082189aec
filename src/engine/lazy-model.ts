import type { SemanticModel } from '../semantic/index.js';

/**
 * A stand-in for the semantic model that builds the real one on first use.
 * Rules commonly keep `const semantic = context.semantic` at the top of
 * `create()`, which runs for every file before the walk; with this stand-in
 * that costs nothing, and a file whose visitors never ask a question never
 * pays for a model.
 */
export function lazySemanticModel(build: () => SemanticModel): SemanticModel {
  let model: SemanticModel | undefined;
  const boundMethods = new Map<PropertyKey, unknown>();
  return new Proxy({} as SemanticModel, {
    get(_target, property) {
      model ??= build();
      const value: unknown = Reflect.get(model, property, model);
      if (typeof value !== 'function') return value;
      let bound = boundMethods.get(property);
      if (bound === undefined) boundMethods.set(property, (bound = (value as (...args: unknown[]) => unknown).bind(model)));
      return bound;
    },
  });
}
