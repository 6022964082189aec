import { defineRule, type SyntaxNode } from '../../src/core/rule.js';
import { caughtTypes, clauseHeader, isBareExcept } from '../../src/analysis/exceptions.js';
import { exceptionClassKey } from '../../src/analysis/exception-classes.js';

export default defineRule({
  id: 'EXC007',
  name: 'unreachable-except',
  concept: 'exceptions',
  level: 'error',
  enabledByDefault: true,
  category: 'correctness',
  precision: 'high',
  usesSemanticModel: true,
  message: '`except {caught}` can never run: the `except {earlier}` on line {line} already catches {them}; put the more specific clause first or remove it',
  create(context) {
    const ancestry = exceptionClassKey(context.semantic);
    return {
      try_statement(statement) {
        // What the earlier clauses catch: class key → the clause's type node.
        const earlier = new Map<string, SyntaxNode>();
        for (const clause of statement.namedChildren) {
          if (clause.type !== 'except_clause' && clause.type !== 'except_group_clause') continue;
          if (isBareExcept(clause)) return;
          const types = caughtTypes(clause);
          const covering: SyntaxNode[] = [];
          const keys: string[] = [];
          for (const type of types) {
            const chain = ancestry(type);
            if (!chain) {
              covering.length = 0;
              break;
            }
            keys.push(chain[0]!);
            const by = chain.map((key) => earlier.get(key)).find((node) => node !== undefined);
            if (by) covering.push(by);
          }
          if (types.length > 0 && covering.length === types.length) {
            const first = covering[0]!;
            const value = clause.childForFieldName('value');
            const shown = value?.type === 'as_pattern' ? value.namedChildren[0] ?? value : value;
            context.report(clauseHeader(clause), {
              caught: shown ? context.text(shown) : '?',
              earlier: context.text(first),
              line: first.startPosition.row + 1,
              them: types.length === 1 ? 'it' : 'them',
            });
          }
          for (const [index, key] of keys.entries()) if (!earlier.has(key)) earlier.set(key, types[index]!);
        }
      },
    };
  },
});
