import { defineRule, type SyntaxNode } from '../../src/core/rule.js';
import type { FunctionInfo, SemanticModel } from '../../src/semantic/index.js';

export default defineRule({
  id: 'DEC004',
  name: 'decorator-factory-not-called',
  concept: 'decorators',
  level: 'error',
  enabledByDefault: true,
  category: 'correctness',
  precision: 'high',
  usesSemanticModel: true,
  message: '`@{name}` uses decorator factory `{name}` without calling it, so the function is passed as its first setting and replaced by the inner decorator; write `@{name}()`',
  create(context) {
    const model = context.semantic;
    const verdicts = new Map<FunctionInfo, boolean>();
    return {
      decorator(node) {
        const expression = node.firstNamedChild;
        if (expression?.type !== 'identifier') return;
        const resolution = model.resolve(expression);
        if (resolution?.kind !== 'binding' || resolution.scope !== model.module || resolution.bindings.length !== 1) return;
        const binding = resolution.bindings[0]!;
        if (binding.kind !== 'function' || !binding.definedScope) return;
        const factory = model.functionInfo(binding.definedScope.node);
        if (!factory || factory.decorators.length > 0) return;
        let verdict = verdicts.get(factory);
        if (verdict === undefined) verdicts.set(factory, (verdict = isFactoryOnly(model, factory)));
        if (verdict) context.report(node, { name: expression.text });
      },
    };
  },
});

/**
 * A function that can only be a decorator factory: every parameter has a
 * default or is keyword-only (no slot for a function), it never tests a
 * parameter with `callable(...)`, and every `return` hands back an inner def
 * that is itself a decorator.
 */
function isFactoryOnly(model: SemanticModel, factory: FunctionInfo): boolean {
  const parameters = factory.node.childForFieldName('parameters')?.namedChildren ?? [];
  let keywordOnly = false;
  for (const parameter of parameters) {
    if (parameter.type === 'keyword_separator' || parameter.type === 'list_splat_pattern') {
      keywordOnly = true;
      if (parameter.type === 'list_splat_pattern') return false; // `*args` could take the function
      continue;
    }
    if (parameter.type === 'positional_separator' || parameter.type === 'dictionary_splat_pattern') continue;
    if (parameter.type === 'default_parameter' || parameter.type === 'typed_default_parameter' || keywordOnly) continue;
    return false;
  }
  if (testsCallable(model, factory)) return false;
  const returns = ownReturns(factory);
  if (returns.length === 0) return false;
  return returns.every((value) => {
    if (value?.type !== 'identifier') return false;
    const resolution = model.resolve(value);
    if (resolution?.kind !== 'binding' || resolution.scope !== factory.scope) return false;
    return resolution.bindings.every((b) => b.kind === 'function' && b.definedScope && isDecorator(model, model.functionInfo(b.definedScope.node)));
  });
}

/** Takes one function and returns it or an inner def. */
function isDecorator(model: SemanticModel, info: FunctionInfo | undefined): boolean {
  if (!info || info.parameters.length !== 1) return false;
  const parameter = info.parameters[0]!;
  const returns = ownReturns(info);
  return (
    returns.length > 0 &&
    returns.every((value) => {
      if (value?.type !== 'identifier') return false;
      if (model.bindingAt(value)) return false;
      const resolution = model.resolve(value);
      if (resolution?.kind !== 'binding' || resolution.scope !== info.scope) return false;
      return resolution.bindings.every((b) => b === parameter || b.kind === 'function');
    })
  );
}

/** The values of the `return` statements in a def's own body (nested defs and lambdas excluded). */
function ownReturns(info: FunctionInfo): (SyntaxNode | null)[] {
  const values: (SyntaxNode | null)[] = [];
  const body = info.node.childForFieldName('body');
  const stack: SyntaxNode[] = body ? [body] : [];
  for (let node = stack.pop(); node; node = stack.pop()) {
    if (node.type === 'function_definition' || node.type === 'lambda' || node.type === 'class_definition') continue;
    if (node.type === 'return_statement') values.push(node.firstNamedChild);
    stack.push(...node.namedChildren);
  }
  return values;
}

/** `callable(x)` anywhere in the factory's own body: it accepts being used bare. */
function testsCallable(model: SemanticModel, info: FunctionInfo): boolean {
  const body = info.node.childForFieldName('body');
  const stack: SyntaxNode[] = body ? [body] : [];
  for (let node = stack.pop(); node; node = stack.pop()) {
    if (node.type === 'call' && model.qualifiedName(node.childForFieldName('function')) === 'builtins.callable') return true;
    stack.push(...node.namedChildren);
  }
  return false;
}
