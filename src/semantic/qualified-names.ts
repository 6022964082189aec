/**
 * Qualified names: what an imported or builtin name, or a dotted attribute
 * chain on one, refers to (`t.sleep` after `import time as t` is `time.sleep`).
 * Conservative: a name that is also bound some other way has none.
 */
import type { SyntaxNode } from '../core/rule.js';
import type { Binding, Resolution } from './types.js';

const IMPORT_KINDS = new Set<Binding['kind']>(['import', 'from-import']);

/**
 * The qualified name a resolved name stands for:
 * - a builtin: `builtins.<name>`;
 * - a name whose every binding in its scope is an import of the same thing: that thing.
 *   Bindings made in an `except ImportError:` handler are fallbacks and set aside when
 *   the name has other bindings; `x: T` annotations assign nothing and are ignored.
 * - anything else (a local def or assignment, an import in one branch and something
 *   else in another, a star import, an unresolved name): undefined.
 */
export function qualifiedNameOfResolution(resolution: Resolution): string | undefined {
  if (resolution.kind === 'builtin') return `builtins.${resolution.name}`;
  if (resolution.kind !== 'binding') return undefined;
  const assigned = resolution.bindings.filter((binding) => binding.kind !== 'annotation');
  const primary = assigned.filter((binding) => !binding.inImportFallback);
  const considered = primary.length > 0 ? primary : assigned;
  let name: string | undefined;
  for (const binding of considered) {
    if (!IMPORT_KINDS.has(binding.kind) || binding.importedName === undefined) return undefined;
    if (name !== undefined && name !== binding.importedName) return undefined;
    name = binding.importedName;
  }
  return name;
}

/**
 * Splits `a.b.c` into its base node (`a`) and the attribute names after it
 * (`['b', 'c']`), walking down the `object` fields iteratively. Undefined when
 * the chain does not start from a plain name (`f().x`, `x[0].y`).
 */
export function attributeChain(
  node: SyntaxNode,
  text: (node: SyntaxNode) => string,
): { base: SyntaxNode; attributes: string[] } | undefined {
  const attributes: string[] = [];
  let current = node;
  while (current.type === 'attribute') {
    const object = current.childForFieldName('object');
    const attribute = current.childForFieldName('attribute');
    if (!object || !attribute) return undefined;
    attributes.push(text(attribute));
    current = object;
  }
  if (current.type !== 'identifier') return undefined;
  return { base: current, attributes: attributes.reverse() };
}
