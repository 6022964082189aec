import { defineRule, type SyntaxNode } from '../../src/core/rule.js';
import type { Binding, FunctionInfo, Scope, SemanticModel } from '../../src/semantic/index.js';

/** Calls that copy a wrapped function's metadata onto its wrapper. */
const METADATA_COPIERS = new Set(['functools.update_wrapper', 'functools.wraps']);

export default defineRule({
  id: 'DEC001',
  name: 'wrapper-missing-wraps',
  concept: 'decorators',
  level: 'warning',
  enabledByDefault: true,
  category: 'correctness',
  precision: 'high',
  usesSemanticModel: true,
  message: 'Wrapper `{wrapper}` replaces `{func}` without copying its name, docstring and signature; decorate it with `@functools.wraps({func})`',
  create(context) {
    const model = context.semantic;
    return {
      function_definition(node) {
        const outer = model.functionInfo(node);
        if (!outer || usesDecoratorLibrary(model, outer)) return;
        // The function being decorated is the first parameter (after `self`/`cls` of a method).
        const skip = outer.isMethod && ['self', 'cls'].includes(outer.parameters[0]?.name ?? '') ? 1 : 0;
        const parameter = outer.parameters[skip];
        if (!parameter || parameter.kind !== 'parameter') return;
        {
          for (const wrapper of innerDefs(model, outer)) {
            if (wrapper.decorators.length > 0) continue; // `@wraps(f)`, or a decorator we cannot see into
            if (!callsParameter(model, parameter, wrapper)) continue;
            const wrapperBinding = bindingOf(model, wrapper);
            if (!wrapperBinding || !returned(model, wrapperBinding, outer)) continue;
            if (metadataCopied(model, wrapperBinding, outer, parameter)) continue;
            if (resultGetsMetadata(model, outer)) continue;
            if (!passesEverythingThrough(wrapper) && !usedAsDecorator(model, outer)) continue;
            const name = wrapper.node.childForFieldName('name')!;
            const func = forwardedTo(model, outer, wrapper) ?? parameter;
            context.report({ startIndex: wrapper.node.startIndex, endIndex: name.endIndex }, { wrapper: wrapper.name, func: func.name });
          }
        }
      },
    };
  },
});

/** `@decorator.decorator` and `wrapt` build the wrapper themselves and keep the metadata. */
function usesDecoratorLibrary(model: SemanticModel, info: FunctionInfo): boolean {
  return info.decorators.some((decorator) => {
    const callee = decorator.type === 'call' ? decorator.childForFieldName('function') : decorator;
    const name = model.qualifiedName(callee) ?? '';
    return name.startsWith('wrapt.') || name.startsWith('decorator.');
  });
}

/** The defs directly in a function's body (under `if`/`try`/`with` too, not in nested defs). */
function innerDefs(model: SemanticModel, outer: FunctionInfo): FunctionInfo[] {
  const result: FunctionInfo[] = [];
  for (const child of outer.scope.children) {
    if (child.kind !== 'function') continue;
    const info = model.functionInfo(child.node);
    if (info) result.push(info);
  }
  return result;
}

function bindingOf(model: SemanticModel, info: FunctionInfo): Binding | undefined {
  const name = info.node.childForFieldName('name');
  return name ? model.bindingAt(name) : undefined;
}

/**
 * The wrapper calls the parameter: `func(*args, **kwargs)`, also from a scope nested in it,
 * but not from a def it returns: that makes it one layer of a decorator factory
 * (more_itertools' `make_decorator`), not a wrapper of `func`.
 */
function callsParameter(model: SemanticModel, parameter: Binding, wrapper: FunctionInfo): boolean {
  const { startIndex, endIndex } = wrapper.node;
  return model.readsOf(parameter).some((read) => {
    if (read.startIndex < startIndex || read.startIndex >= endIndex) return false;
    const parent = read.node.parent;
    const isCall = parent?.type === 'call' && parent.childForFieldName('function')?.startIndex === read.startIndex;
    return isCall && !inReturnedDef(model, read.scope, wrapper.scope);
  });
}

/** Some def between `scope` and the wrapper (inclusive of `scope`) is returned by the scope around it. */
function inReturnedDef(model: SemanticModel, scope: Scope, wrapperScope: Scope): boolean {
  for (let current: Scope | undefined = scope; current && current !== wrapperScope; current = current.parent) {
    if (current.kind !== 'function') continue;
    const name = current.node.childForFieldName('name');
    const binding = name ? model.bindingAt(name) : undefined;
    const around = current.parent;
    if (binding && model.readsOf(binding).some((read) => read.scope === around && read.node.parent?.type === 'return_statement')) return true;
  }
  return false;
}

/**
 * Another parameter of the outer function that the wrapper hands its `*args` to, as in
 * `first_invoke(func1, func2)` whose wrapper calls `func1()` and then `func2(*args)`:
 * that is the function it stands in for, and the one to name in the advice.
 */
function forwardedTo(model: SemanticModel, outer: FunctionInfo, wrapper: FunctionInfo): Binding | undefined {
  const splat = wrapper.node.childForFieldName('parameters')?.namedChildren.find((p) => p.type === 'list_splat_pattern')?.firstNamedChild;
  if (splat?.type !== 'identifier') return undefined;
  const binding = model.bindingAt(splat);
  if (!binding) return undefined;
  for (const read of model.readsOf(binding)) {
    const args = read.node.parent?.type === 'list_splat' ? read.node.parent.parent : undefined;
    const call = args?.type === 'argument_list' ? args.parent : undefined;
    const callee = call?.type === 'call' ? call.childForFieldName('function') : undefined;
    const resolved = callee?.type === 'identifier' ? model.resolve(callee) : undefined;
    if (resolved?.kind !== 'binding') continue;
    const target = outer.parameters.find((p) => resolved.bindings.includes(p));
    if (target) return target;
  }
  return undefined;
}

/** `return wrapper` in the outer function's own body. */
function returned(model: SemanticModel, wrapper: Binding, outer: FunctionInfo): boolean {
  return model.readsOf(wrapper).some((read) => read.scope === outer.scope && read.node.parent?.type === 'return_statement');
}

/**
 * The outer function copies metadata another way: `update_wrapper(wrapper, func)`,
 * `wraps(func)(wrapper)`, or by assigning `wrapper.__name__`/`__doc__`/`__wrapped__`.
 */
function metadataCopied(model: SemanticModel, wrapper: Binding, outer: FunctionInfo, func: Binding): boolean {
  return model.readsOf(wrapper).some((read) => {
    if (read.scope !== outer.scope) return false;
    // A helper given both the wrapper and the original, such as importlib's `_wrap(new, old)`, copies the metadata.
    const args = read.node.parent?.type === 'argument_list' ? read.node.parent.namedChildren : [];
    if (args.some((arg) => arg.type === 'identifier' && arg.text === func.name && model.resolve(arg)?.kind === 'binding')) return true;
    const parent = read.node.parent;
    if (parent?.type === 'attribute') {
      const attribute = parent.childForFieldName('attribute')?.text ?? '';
      return attribute.startsWith('__') && parent.parent?.type === 'assignment';
    }
    if (parent?.type !== 'argument_list') return false;
    const call = parent.parent;
    if (call?.type !== 'call') return false;
    let callee: SyntaxNode | null = call.childForFieldName('function');
    if (callee?.type === 'call') callee = callee.childForFieldName('function'); // wraps(func)(wrapper)
    return METADATA_COPIERS.has(model.qualifiedName(callee) ?? '');
  });
}

/**
 * The outer function's result gets its metadata where it is called:
 * `wrapper = make_wrapper(func)` followed by `update_wrapper(wrapper, func)`,
 * or `update_wrapper(make_wrapper(func), func)` (functools' own `lru_cache`).
 */
function resultGetsMetadata(model: SemanticModel, outer: FunctionInfo): boolean {
  const name = outer.node.childForFieldName('name');
  const binding = name ? model.bindingAt(name) : undefined;
  if (!binding) return false;
  const isCopier = (call: SyntaxNode | null | undefined): boolean => {
    if (call?.type !== 'call') return false;
    let callee: SyntaxNode | null = call.childForFieldName('function');
    if (callee?.type === 'call') callee = callee.childForFieldName('function');
    return METADATA_COPIERS.has(model.qualifiedName(callee) ?? '');
  };
  return model.readsOf(binding).some((read) => {
    const call = read.node.parent;
    if (call?.type !== 'call' || call.childForFieldName('function')?.startIndex !== read.startIndex) return false;
    if (call.parent?.type === 'argument_list' && isCopier(call.parent.parent)) return true;
    const assignment = call.parent;
    const target = assignment?.type === 'assignment' ? assignment.childForFieldName('left') : null;
    const result = target?.type === 'identifier' ? model.bindingAt(target) : undefined;
    if (!result) return false;
    // `update_wrapper(wrapper, func)`, or any helper handed both the result and the function that went in.
    const original = call.childForFieldName('arguments')?.namedChildren[0];
    return model.readsOf(result).some((use) => {
      const args = use.node.parent?.type === 'argument_list' ? use.node.parent : null;
      if (!args) return false;
      if (isCopier(args.parent)) return true;
      return original?.type === 'identifier' && args.namedChildren.some((arg) => arg.type === 'identifier' && arg.text === original.text);
    });
  });
}

/** `def wrapper(*args, **kwargs)`: the shape of a general-purpose wrapper. */
function passesEverythingThrough(wrapper: FunctionInfo): boolean {
  const parameters = wrapper.node.childForFieldName('parameters');
  return !!parameters?.namedChildren.some((p) => p.type === 'list_splat_pattern' || p.type === 'dictionary_splat_pattern');
}

/** The outer function is applied with `@outer` somewhere in this file. */
function usedAsDecorator(model: SemanticModel, outer: FunctionInfo): boolean {
  const name = outer.node.childForFieldName('name');
  const binding = name ? model.bindingAt(name) : undefined;
  if (!binding) return false;
  return model.readsOf(binding).some((read) => read.node.parent?.type === 'decorator');
}
