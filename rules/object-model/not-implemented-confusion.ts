import { defineRule, type SyntaxNode, type Visitors } from '../../src/core/rule.js';
import type { SemanticModel } from '../../src/semantic/index.js';

const ARITHMETIC = ['add', 'sub', 'mul', 'matmul', 'truediv', 'floordiv', 'mod', 'divmod', 'pow', 'lshift', 'rshift', 'and', 'xor', 'or'];

/** The methods where returning `NotImplemented` means "try the other operand". */
const BINARY_DUNDERS = new Set([
  ...ARITHMETIC.flatMap((name) => [`__${name}__`, `__r${name}__`, `__i${name}__`]),
  '__eq__',
  '__ne__',
  '__lt__',
  '__le__',
  '__gt__',
  '__ge__',
]);

export default defineRule({
  id: 'OBJ003',
  name: 'not-implemented-confusion',
  concept: 'object-model',
  level: 'error',
  enabledByDefault: true,
  category: 'correctness',
  precision: 'very-high',
  usesSemanticModel: true,
  message: '`{statement}` {consequence}; {remedy}',
  create(context): Visitors {
    const semantic = context.semantic;
    return {
      raise_statement(node) {
        const raised = raisedExpression(node);
        if (!raised || !names(semantic, raised, 'builtins.NotImplemented')) return;
        context.report(node, {
          statement: statementText(context.text(node)),
          consequence: 'fails with `TypeError` because `NotImplemented` is a comparison sentinel, not an exception',
          remedy: 'raise `NotImplementedError`',
        });
      },
      return_statement(node) {
        const value = node.namedChildren.find((child) => child.type !== 'comment');
        if (!value || !names(semantic, value, 'builtins.NotImplementedError')) return;
        const method = binaryDunder(semantic, node);
        if (!method) return;
        context.report(node, {
          statement: statementText(context.text(node)),
          consequence: `in \`${method}\` hands back an exception as the result, and Python never tries the other operand`,
          remedy: 'return `NotImplemented`',
        });
      },
    };
  },
});

/** The exception of `raise E` / `raise E from C`; undefined for a bare `raise`. */
function raisedExpression(node: SyntaxNode): SyntaxNode | undefined {
  for (let i = 0; i < node.childCount; i++) {
    const child = node.child(i)!;
    if (!child.isNamed || child.type === 'comment' || node.fieldNameForChild(i) === 'cause') continue;
    return child;
  }
  return undefined;
}

/** `X` or `X(...)` where `X` is the builtin `qualified`. */
function names(semantic: SemanticModel, node: SyntaxNode, qualified: string): boolean {
  const target = node.type === 'call' ? node.childForFieldName('function') : node;
  return semantic.qualifiedName(target) === qualified;
}

/** The name of the binary dunder method a `return` belongs to, if it does (not a nested def's or lambda's). */
function binaryDunder(semantic: SemanticModel, node: SyntaxNode): string | undefined {
  const fn = semantic.enclosingFunction(node);
  if (fn?.type !== 'function_definition') return undefined;
  const info = semantic.functionInfo(fn);
  return info?.isMethod && BINARY_DUNDERS.has(info.name) ? info.name : undefined;
}

/** A statement on one line, shortened for a message. */
function statementText(text: string): string {
  const flat = text.replace(/\s+/g, ' ');
  return flat.length > 60 ? `${flat.slice(0, 57)}...` : flat;
}
