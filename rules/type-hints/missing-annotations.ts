import { defineRule, type SyntaxNode } from '../../src/core/rule.js';
import type { Scope } from '../../src/semantic/index.js';

/** Parameter node types that carry no annotation. */
const UNTYPED_PARAMETERS = new Set(['identifier', 'default_parameter', 'list_splat_pattern', 'dictionary_splat_pattern']);

export default defineRule({
  id: 'TYP002',
  name: 'missing-annotations',
  concept: 'type-hints',
  level: 'note',
  enabledByDefault: false,
  category: 'maintainability',
  precision: 'medium',
  checksStubs: true,
  usesSemanticModel: true,
  message: 'Public {kind} `{name}` has no annotation for {missing}; annotate it so callers and type checkers know what it takes and returns',
  create(context) {
    const semantic = context.semantic;
    return {
      function_definition(definition) {
        const nameNode = definition.childForFieldName('name');
        if (!nameNode) return;
        const name = context.text(nameNode);
        const isInit = name === '__init__';
        if (name.startsWith('_') && !isInit) return;
        const scope = semantic.scopeCreatedBy(definition);
        if (scope?.kind !== 'function') return;
        // Public API: a def in the module scope, or a method of a public class that is itself public API.
        // Settled on the scope tree, before the def's FunctionInfo (decorators, parameters) is built.
        const isMethod = outerScope(scope)?.kind === 'class';
        if (isMethod) {
          if (!isPublicClass(scope)) return;
        } else if (outerScope(scope)?.kind !== 'module') {
          return;
        }
        if (!isMethod && isInit) return;
        const info = semantic.functionInfo(definition)!;
        const isStatic = info.isMethod && semantic.isDecoratedWith(definition, 'builtins.staticmethod');
        const missing: string[] = [];
        let first = true;
        for (const parameter of definition.childForFieldName('parameters')?.namedChildren ?? []) {
          if (parameter.type === 'comment' || parameter.type === 'keyword_separator' || parameter.type === 'positional_separator') continue;
          const isReceiver = first && info.isMethod && !isStatic;
          first = false;
          if (isReceiver || !UNTYPED_PARAMETERS.has(parameter.type)) continue;
          missing.push(`\`${parameterName(parameter, context.text.bind(context))}\``);
        }
        const parts: string[] = [];
        if (missing.length > 0) parts.push(`${missing.length === 1 ? 'parameter' : 'parameters'} ${missing.join(', ')}`);
        if (!isInit && !definition.childForFieldName('return_type')) parts.push('its return value');
        if (parts.length === 0) return;
        context.report(
          { startIndex: definition.startIndex, endIndex: nameNode.endIndex },
          { kind: info.isMethod ? 'method' : 'function', name, missing: parts.join(' and ') },
        );
      },
    };

    /** The class of a method is public API: public name, defined in the module or in public classes only. */
    function isPublicClass(methodScope: Scope): boolean {
      for (let scope = outerScope(methodScope); scope; scope = scope.parent) {
        if (scope.kind === 'module') return true;
        if (scope.kind === 'type-parameters') continue;
        if (scope.kind !== 'class' || (scope.name ?? '_').startsWith('_')) return false;
      }
      return false;
    }
  },
});

/** The scope a def is defined in, looking through a PEP 695 type-parameter scope. */
function outerScope(scope: Scope): Scope | undefined {
  const parent = scope.parent;
  return parent?.kind === 'type-parameters' ? parent.parent : parent;
}

/** `x`, `x=1`, `*args`, `**kwargs` as written (defaults left out). */
function parameterName(parameter: SyntaxNode, text: (node: SyntaxNode) => string): string {
  if (parameter.type === 'default_parameter') {
    const name = parameter.childForFieldName('name');
    return name ? text(name) : text(parameter);
  }
  return text(parameter);
}
