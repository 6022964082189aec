/**
 * Code that only a static type checker reads: the body of `if TYPE_CHECKING:`
 * (and the `else` of `if not TYPE_CHECKING:`), where `TYPE_CHECKING` resolves
 * to the `typing` (or `typing_extensions`) constant, which is false at run time.
 */
import type { SyntaxNode } from '../core/rule.js';
import type { SemanticModel } from '../semantic/index.js';

const TYPE_CHECKING_FLAGS = new Set(['typing.TYPE_CHECKING', 'typing_extensions.TYPE_CHECKING']);

/** `TYPE_CHECKING` or `typing.TYPE_CHECKING`, however imported. */
export function isTypeCheckingFlag(semantic: SemanticModel, node: SyntaxNode | null | undefined): boolean {
  const flag = withoutParentheses(node);
  return flag !== undefined && TYPE_CHECKING_FLAGS.has(semantic.qualifiedName(flag) ?? '');
}

/**
 * The blocks among the statements of `block` (a class or function body, a
 * module) that never run: `if TYPE_CHECKING:` bodies, and the `else` of
 * `if not TYPE_CHECKING:`. Only the block's own statements are looked at, not
 * nested ones, so the cost is one pass over its children.
 */
export function typeCheckingOnlyBlocks(semantic: SemanticModel, block: SyntaxNode): SyntaxNode[] {
  const blocks: SyntaxNode[] = [];
  for (const statement of block.namedChildren) {
    if (statement.type !== 'if_statement') continue;
    const condition = withoutParentheses(statement.childForFieldName('condition'));
    if (isTypeCheckingFlag(semantic, condition)) {
      const consequence = statement.childForFieldName('consequence');
      if (consequence) blocks.push(consequence);
      continue;
    }
    if (condition?.type !== 'not_operator' || !isTypeCheckingFlag(semantic, condition.childForFieldName('argument'))) continue;
    // With an `elif` in between, the `else` depends on another condition too.
    const alternatives = statement.childrenForFieldName('alternative');
    const only = alternatives.length === 1 ? alternatives[0]! : undefined;
    const body = only?.type === 'else_clause' ? only.childForFieldName('body') : null;
    if (body) blocks.push(body);
  }
  return blocks;
}

function withoutParentheses(node: SyntaxNode | null | undefined): SyntaxNode | undefined {
  let current = node ?? undefined;
  while (current?.type === 'parenthesized_expression' && current.namedChildCount === 1) current = current.firstNamedChild ?? undefined;
  return current;
}
