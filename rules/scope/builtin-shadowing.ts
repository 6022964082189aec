import { defineRule, type SyntaxNode } from '../../src/core/rule.js';
import type { Binding, BindingKind, Scope, SemanticModel } from '../../src/semantic/index.js';

/** The builtins common enough that shadowing them confuses readers and breaks later calls. */
const COMMON_BUILTINS = new Set([
  'list', 'dict', 'set', 'str', 'id', 'type', 'input', 'sum', 'min', 'max', 'filter', 'map', 'len',
  'open', 'iter', 'next', 'object', 'hash', 'format', 'vars', 'dir', 'all', 'any',
]);

/** Binding kinds that count; imports count only with an `as` alias. */
const SHADOWING_KINDS = new Set<BindingKind>([
  'assignment', 'annotated', 'walrus', 'for', 'with', 'except', 'parameter', 'function', 'class', 'import', 'from-import',
]);

/** Defs whose parameter names are dictated by the signature they describe or override. */
const SIGNATURE_DECORATORS = new Set(['typing.overload', 'typing.override', 'typing_extensions.overload', 'typing_extensions.override']);

const SCOPE_WORDS: Readonly<Record<string, string>> = { module: 'module', function: 'function', comprehension: 'comprehension' };

export default defineRule({
  id: 'SCO004',
  name: 'builtin-shadowing',
  concept: 'scope',
  level: 'note',
  enabledByDefault: true,
  category: 'maintainability',
  precision: 'medium',
  usesSemanticModel: true,
  message: '`{name}` hides the builtin `{name}` in this {scope}, so any later use of the builtin here gets this value instead; pick another name such as `{name}_`',
  create(context) {
    const model = context.semantic;
    return {
      module() {
        const report: Report = (span, data) => context.report(span, data);
        const hides = (binding: Binding): boolean => !bindsTheBuiltinItself(model, binding);
        for (const scope of model.scopes) {
          if (scope.kind === 'class' || scope.kind === 'lambda' || scope.kind === 'type-parameters') continue;
          // Most scopes bind no common builtin: that is settled before the costlier questions about the def.
          if (!bindsCommonBuiltin(scope)) continue;
          if (scope.kind === 'function' && (hasSignatureDecorator(model, scope) || overridesLikely(model, scope))) {
            reportScope(scope, (b) => b.kind !== 'parameter' && hides(b), report);
          } else {
            reportScope(scope, hides, report);
          }
        }
      },
    };
  },
});

function bindsCommonBuiltin(scope: Scope): boolean {
  for (const name of scope.bindings.keys()) if (COMMON_BUILTINS.has(name)) return true;
  return false;
}

type Report = (span: Binding, data: { name: string; scope: string }) => void;

function reportScope(scope: Scope, keep: (b: Binding) => boolean, report: Report): void {
  for (const [name, bindings] of scope.bindings) {
    if (!COMMON_BUILTINS.has(name)) continue;
    const first = bindings.find(
      (b) => b.scope === scope && SHADOWING_KINDS.has(b.kind) && isAliasedIfImport(b) && !isKeywordOnly(b) && keep(b),
    );
    // Bindings come in source order: report the first one only, and only when it is the first binding of the name at all.
    if (!first || first !== bindings[0]) continue;
    report(first, { name, scope: SCOPE_WORDS[scope.kind] ?? 'scope' });
  }
}

/** `import x as list` and `from m import x as list` count; `from io import open` deliberately imports a replacement. */
function isAliasedIfImport(binding: Binding): boolean {
  if (binding.kind !== 'import' && binding.kind !== 'from-import') return true;
  return binding.node.parent?.type === 'aliased_import' && binding.node.parent.childForFieldName('alias')?.startIndex === binding.startIndex;
}

/**
 * `str = str` at module level: the read runs before the name is bound there, so
 * it finds the builtin and the module re-exports the builtin itself (a Python 2
 * compatibility idiom). Nothing is hidden.
 */
function bindsTheBuiltinItself(model: SemanticModel, binding: Binding): boolean {
  if (binding.kind !== 'assignment' || binding.scope.kind !== 'module') return false;
  const assignment = binding.node.parent;
  if (assignment?.type !== 'assignment' || assignment.childForFieldName('left')?.startIndex !== binding.startIndex) return false;
  const value = assignment.childForFieldName('right');
  const read = value ? model.referenceAt(value) : undefined;
  return read?.name === binding.name && model.isReadBeforeAssignment(read);
}

function hasSignatureDecorator(model: SemanticModel, scope: Scope): boolean {
  return model.decorators(scope.node).some((d) => SIGNATURE_DECORATORS.has(model.qualifiedName(d) ?? ''));
}

/**
 * A method of a class with explicit bases most likely implements an inherited
 * signature (`def encode(self, input, errors)` in a codec), whose parameter
 * names callers may pass by keyword: renaming them is not the author's choice.
 */
function overridesLikely(model: SemanticModel, scope: Scope): boolean {
  const info = model.functionInfo(scope.node);
  if (!info?.isMethod || !info.class) return false;
  return info.class.bases.some((base) => model.qualifiedName(base) !== 'builtins.object');
}

/** A keyword-only parameter's name is part of the API: callers must write `filter=...`, so renaming it is not free. */
function isKeywordOnly(binding: Binding): boolean {
  if (binding.kind !== 'parameter') return false;
  let declaration: SyntaxNode | null = binding.node;
  while (declaration && declaration.parent?.type !== 'parameters') declaration = declaration.parent;
  for (let previous = declaration?.previousNamedSibling; previous; previous = previous.previousNamedSibling) {
    if (previous.type === 'keyword_separator' || previous.type === 'list_splat_pattern') return true;
  }
  return false;
}
