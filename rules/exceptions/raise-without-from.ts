import { defineRule, type SyntaxNode } from '../../src/core/rule.js';
import { builtinExceptionName } from '../../src/analysis/exceptions.js';

/** Exceptions whose traceback is never shown: a missing `from` loses nothing. */
const SILENT_EXITS = new Set(['builtins.SystemExit', 'unittest.SkipTest', 'unittest.case.SkipTest']);

export default defineRule({
  id: 'EXC003',
  name: 'raise-without-from',
  concept: 'exceptions',
  level: 'warning',
  enabledByDefault: true,
  category: 'maintainability',
  precision: 'medium',
  usesSemanticModel: true,
  message: '`raise {error}` inside an `except` handler hides how it relates to the caught exception; {advice}',
  create(context) {
    // The innermost handler being walked, or null inside a def or lambda nested in it
    // (their bodies run later, outside the handler).
    const handlers: (SyntaxNode | null)[] = [];
    const enterBarrier = (): void => void handlers.push(null);
    const leave = (): void => void handlers.pop();
    return {
      except_clause: (clause) => void handlers.push(clause),
      'except_clause:exit': leave,
      function_definition: enterBarrier,
      'function_definition:exit': leave,
      lambda: enterBarrier,
      'lambda:exit': leave,
      raise_statement(statement) {
        if (statement.childForFieldName('cause')) return;
        const raised = raisedExpression(statement);
        if (!raised || !raisesNewException(raised) || isSilentExit(raised)) return;
        const clause = handlers[handlers.length - 1];
        if (!clause) return;
        const alias = handlerAlias(clause);
        const advice = alias
          ? `write \`raise ... from ${alias}\` (or \`from None\` to hide it on purpose)`
          : 'name it with `except ... as error` and write `raise ... from error` (or `from None` to hide it on purpose)';
        const named = raised.type === 'call' ? raised.childForFieldName('function') ?? raised : raised;
        context.report(statement, { error: `${context.text(named)}${raised.type === 'call' ? '(...)' : ''}`, advice });
      },
    };

    /** `SystemExit` and `unittest.SkipTest` never print a traceback, so chaining shows nowhere. */
    function isSilentExit(raised: SyntaxNode): boolean {
      const named = raised.type === 'call' ? raised.childForFieldName('function') : raised;
      const qualified = context.semantic.qualifiedName(named);
      return qualified !== undefined && SILENT_EXITS.has(qualified);
    }

    /**
     * `min(...)`, `next(...)`, `getattr(...)`: a builtin that is not an exception class returns an object that
     * already exists, such as one of the exceptions of a caught group (`raise min(group.exceptions, key=...)`).
     */
    function isBuiltinFunction(callee: SyntaxNode): boolean {
      return context.semantic.qualifiedName(callee)?.startsWith('builtins.') === true && builtinExceptionName(context.semantic, callee) === undefined;
    }

    /**
     * A new exception: a call (`raise ConfigError(path)`, `raise self.error(...)`), or a
     * class named without a call (`raise ValueError`, a class defined in the file). A plain
     * variable may hold the caught exception itself (`err = e; raise err`): left alone.
     */
    function raisesNewException(raised: SyntaxNode): boolean {
      if (raised.type === 'call') {
        // `raise error.with_traceback(tb)` raises the same object again.
        const callee = raised.childForFieldName('function');
        const method = callee?.type === 'attribute' ? callee.childForFieldName('attribute') : null;
        if (method && context.text(method) === 'with_traceback') return false;
        return !callee || !isBuiltinFunction(callee);
      }
      if (raised.type !== 'identifier' && raised.type !== 'attribute') return false;
      const qualified = context.semantic.qualifiedName(raised);
      if (qualified?.startsWith('builtins.')) return /Error$|Exception$|Exit$|Interrupt$|Warning$/.test(qualified);
      if (raised.type !== 'identifier') return false;
      const resolution = context.semantic.resolve(raised);
      return resolution?.kind === 'binding' && resolution.bindings.every((binding) => binding.kind === 'class');
    }
  },
});

/** The expression after `raise` (none for a bare `raise`). */
function raisedExpression(statement: SyntaxNode): SyntaxNode | undefined {
  return statement.namedChildren.find((child) => child.type !== 'comment' && child !== statement.childForFieldName('cause'));
}

/** The `as` name of a handler. */
function handlerAlias(clause: SyntaxNode): string | undefined {
  const value = clause.childForFieldName('value');
  if (value?.type !== 'as_pattern') return undefined;
  const alias = value.childForFieldName('alias');
  const name = alias?.namedChildren.find((child) => child.type === 'identifier') ?? alias;
  return name?.type === 'identifier' ? name.text : undefined;
}
