import { defineRule, type SyntaxNode } from '../../src/core/rule.js';
import type { SemanticModel } from '../../src/semantic/index.js';

/** Handlers for these (or bare `except:`) are EXC002's: swallowing everything is a different pitfall. */
const CATCH_ALL = new Set(['builtins.Exception', 'builtins.BaseException']);

export default defineRule({
  id: 'CTX005',
  name: 'try-except-pass',
  concept: 'context-managers',
  level: 'note',
  enabledByDefault: true,
  category: 'maintainability',
  precision: 'high',
  usesSemanticModel: true,
  message: 'This `try` only ignores `{caught}`; say so directly with `with contextlib.suppress({exception}):`',
  create(context) {
    const semantic = context.semantic;
    return {
      try_statement(statement) {
        // One statement, as ruff's SIM105: with a longer body, suppress() is not obviously the clearer spelling.
        const body = statement.childForFieldName('body');
        if (!body || body.namedChildren.filter((child) => child.type !== 'comment').length !== 1) return;
        const clauses = statement.namedChildren.filter((child) => child.type !== 'block' && child.type !== 'comment');
        if (clauses.length !== 1 || clauses[0]!.type !== 'except_clause') return;
        const clause = clauses[0]!;
        if (clause.children.some((child) => child.type === '*')) return;
        const handler = clause.namedChildren.find((child) => child.type === 'block');
        const caught = clause.namedChildren.find((child) => child.type !== 'block' && child.type !== 'comment');
        if (!handler || !caught || !handler.namedChildren.every((child) => child.type === 'pass_statement' || child.type === 'comment')) return;
        if (!handler.namedChildren.some((child) => child.type === 'pass_statement')) return;
        const type = caught.type === 'as_pattern' ? caught.firstNamedChild : caught;
        if (!type || catchesEverything(semantic, type)) return;
        const exception = type.type === 'tuple' ? context.text(type).replace(/^\(\s*|,?\s*\)$/g, '') : context.text(type);
        const fix = suppressFix(context.text, semantic, statement, clause, exception, caught !== type);
        context.report(statement.children[0]!, { caught: context.text(type), exception }, fix ? { fix } : undefined);
      },
    };
  },
});

function catchesEverything(semantic: SemanticModel, type: SyntaxNode): boolean {
  const members = type.type === 'tuple' ? type.namedChildren : [type];
  return members.some((member) => CATCH_ALL.has(semantic.qualifiedName(member) ?? ''));
}

/**
 * `try: X except E: pass` → `with contextlib.suppress(E): X`, offered only where the rewrite cannot change
 * behaviour: `contextlib` (or `suppress` from it) is already imported, the handler binds no name, and
 * the only thing between the body and the handler is whitespace.
 */
function suppressFix(
  text: (node: SyntaxNode | { startIndex: number; endIndex: number }) => string,
  semantic: SemanticModel,
  statement: SyntaxNode,
  clause: SyntaxNode,
  exception: string,
  bindsName: boolean,
): { description: string; edits: { span: { startIndex: number; endIndex: number }; replacement: string }[] } | undefined {
  if (bindsName) return undefined;
  const scope = semantic.scopeOf(statement);
  const suppress = semantic.lookup('suppress', scope);
  const contextlib = semantic.lookup('contextlib', scope);
  const name =
    qualifiedOf(suppress) === 'contextlib.suppress' ? 'suppress' : qualifiedOf(contextlib) === 'contextlib' ? 'contextlib.suppress' : undefined;
  if (!name) return undefined;
  const colon = statement.children.find((child) => child.type === ':');
  const body = statement.childForFieldName('body');
  if (!colon || !body) return undefined;
  const between = text({ startIndex: body.endIndex, endIndex: clause.startIndex });
  if (between.trim() !== '' || text(clause).includes('#')) return undefined;
  return {
    description: `Replace the try/except with \`with ${name}(${exception}):\``,
    edits: [
      { span: { startIndex: statement.startIndex, endIndex: colon.endIndex }, replacement: `with ${name}(${exception}):` },
      { span: { startIndex: body.endIndex, endIndex: clause.endIndex }, replacement: '' },
    ],
  };
}

function qualifiedOf(resolution: ReturnType<SemanticModel['lookup']>): string | undefined {
  if (resolution.kind !== 'binding' || resolution.bindings.length !== 1) return undefined;
  return resolution.bindings[0]!.importedName;
}
