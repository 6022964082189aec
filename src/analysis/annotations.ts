/**
 * Helpers shared by the type-hint rules (TYP001-TYP005): reading annotation
 * expressions as tree-sitter shapes them, and naming what they refer to.
 */
import type { SyntaxNode } from '../core/rule.js';
import type { SemanticModel } from '../semantic/index.js';

/** The expression inside a `type` wrapper node (annotations and type parameters are wrapped). */
export function unwrapType(node: SyntaxNode | null | undefined): SyntaxNode | undefined {
  let current = node ?? undefined;
  while (current?.type === 'type' || current?.type === 'parenthesized_expression') {
    current = current.namedChildren.find((child) => child.type !== 'comment');
  }
  return current;
}

/**
 * A subscripted annotation split into its head and arguments: `list[int]` (a
 * `generic_type`) and `typing.Dict[str, int]` (a `subscript`) alike. Undefined for
 * anything else.
 */
export function genericParts(node: SyntaxNode): { head: SyntaxNode; args: SyntaxNode[] } | undefined {
  if (node.type === 'generic_type') {
    const head = node.namedChildren.find((child) => child.type !== 'comment' && child.type !== 'type_parameter');
    const parameters = node.namedChildren.find((child) => child.type === 'type_parameter');
    if (!head) return undefined;
    const args = (parameters?.namedChildren ?? []).filter((child) => child.type !== 'comment').map((child) => unwrapType(child) ?? child);
    return { head, args };
  }
  if (node.type === 'subscript') {
    const head = node.childForFieldName('value');
    if (!head) return undefined;
    const args = node.childrenForFieldName('subscript').map((child) => unwrapType(child) ?? child);
    // `Dict[(str, int)]` is rare; `Tuple[()]` has a tuple argument: keep it as one argument.
    return { head, args };
  }
  return undefined;
}

/**
 * The qualified name of an annotation's name, with `typing_extensions.X` read as
 * `typing.X` (the backport module re-exports the same names).
 */
export function typingName(semantic: SemanticModel, node: SyntaxNode): string | undefined {
  const qualified = semantic.qualifiedName(node);
  if (qualified?.startsWith('typing_extensions.')) return `typing.${qualified.slice('typing_extensions.'.length)}`;
  return qualified;
}
