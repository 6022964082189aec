/**
 * Helpers shared by the exception rules (EXC002-EXC008): what an `except`
 * clause catches, its header span, and Python's builtin exception hierarchy.
 */
import type { Span, SyntaxNode } from '../core/rule.js';
import type { SemanticModel } from '../semantic/index.js';

/**
 * The type expressions an `except` clause names, tuples and parentheses
 * unwrapped: `except (A, B) as e` → [A, B]. Empty for a bare `except:`.
 */
export function caughtTypes(clause: SyntaxNode): SyntaxNode[] {
  let value = clause.childForFieldName('value');
  if (!value) return [];
  if (value.type === 'as_pattern') value = value.namedChildren.find((child) => child.type !== 'comment') ?? null;
  const found: SyntaxNode[] = [];
  const stack: SyntaxNode[] = value ? [value] : [];
  while (stack.length > 0) {
    const node = stack.pop()!;
    if (node.type === 'tuple' || node.type === 'parenthesized_expression' || node.type === 'expression_list') {
      const children = node.namedChildren.filter((child) => child.type !== 'comment');
      for (let i = children.length - 1; i >= 0; i--) stack.push(children[i]!);
    } else {
      found.push(node);
    }
  }
  return found;
}

/** `except:` with nothing between the keyword and the colon. */
export function isBareExcept(clause: SyntaxNode): boolean {
  return clause.childForFieldName('value') === null && !clause.namedChildren.some((child) => child.type !== 'block' && child.type !== 'comment');
}

/** The handler's body. */
export function handlerBody(clause: SyntaxNode): SyntaxNode | undefined {
  return clause.namedChildren.find((child) => child.type === 'block');
}

/** The statements of a block, comments left out. */
export function statementsOf(block: SyntaxNode | null | undefined): SyntaxNode[] {
  return block ? block.namedChildren.filter((child) => child.type !== 'comment') : [];
}

/** From `except` to its colon: a finding should not span the handler body. */
export function clauseHeader(clause: SyntaxNode): Span {
  const colon = clause.children.find((child) => child.type === ':');
  return { startIndex: clause.startIndex, endIndex: colon ? colon.endIndex : clause.startIndex + 'except'.length };
}

/** The builtin exception a node names (`ValueError` for an unshadowed `ValueError` or `builtins.ValueError`), if any. */
export function builtinExceptionName(semantic: SemanticModel, node: SyntaxNode): string | undefined {
  const qualified = semantic.qualifiedName(node);
  if (!qualified?.startsWith('builtins.')) return undefined;
  const name = qualified.slice('builtins.'.length);
  return name in BUILTIN_EXCEPTION_PARENTS ? name : undefined;
}

/**
 * Python's builtin exception hierarchy (3.8-3.14), each class to its base;
 * aliases (`IOError`, `EnvironmentError`) map to the class they stand for
 * through ALIASES. `BaseException` is the root.
 */
export const BUILTIN_EXCEPTION_PARENTS: Readonly<Record<string, string | null>> = {
  BaseException: null,
  BaseExceptionGroup: 'BaseException',
  GeneratorExit: 'BaseException',
  KeyboardInterrupt: 'BaseException',
  SystemExit: 'BaseException',
  Exception: 'BaseException',
  ArithmeticError: 'Exception',
  FloatingPointError: 'ArithmeticError',
  OverflowError: 'ArithmeticError',
  ZeroDivisionError: 'ArithmeticError',
  AssertionError: 'Exception',
  AttributeError: 'Exception',
  BufferError: 'Exception',
  EOFError: 'Exception',
  ExceptionGroup: 'Exception',
  ImportError: 'Exception',
  ModuleNotFoundError: 'ImportError',
  LookupError: 'Exception',
  IndexError: 'LookupError',
  KeyError: 'LookupError',
  MemoryError: 'Exception',
  NameError: 'Exception',
  UnboundLocalError: 'NameError',
  OSError: 'Exception',
  IOError: 'Exception',
  EnvironmentError: 'Exception',
  BlockingIOError: 'OSError',
  ChildProcessError: 'OSError',
  ConnectionError: 'OSError',
  BrokenPipeError: 'ConnectionError',
  ConnectionAbortedError: 'ConnectionError',
  ConnectionRefusedError: 'ConnectionError',
  ConnectionResetError: 'ConnectionError',
  FileExistsError: 'OSError',
  FileNotFoundError: 'OSError',
  InterruptedError: 'OSError',
  IsADirectoryError: 'OSError',
  NotADirectoryError: 'OSError',
  PermissionError: 'OSError',
  ProcessLookupError: 'OSError',
  TimeoutError: 'OSError',
  ReferenceError: 'Exception',
  RuntimeError: 'Exception',
  NotImplementedError: 'RuntimeError',
  PythonFinalizationError: 'RuntimeError',
  RecursionError: 'RuntimeError',
  StopAsyncIteration: 'Exception',
  StopIteration: 'Exception',
  SyntaxError: 'Exception',
  IndentationError: 'SyntaxError',
  TabError: 'IndentationError',
  SystemError: 'Exception',
  TypeError: 'Exception',
  ValueError: 'Exception',
  UnicodeError: 'ValueError',
  UnicodeDecodeError: 'UnicodeError',
  UnicodeEncodeError: 'UnicodeError',
  UnicodeTranslateError: 'UnicodeError',
  Warning: 'Exception',
  BytesWarning: 'Warning',
  DeprecationWarning: 'Warning',
  EncodingWarning: 'Warning',
  FutureWarning: 'Warning',
  ImportWarning: 'Warning',
  PendingDeprecationWarning: 'Warning',
  ResourceWarning: 'Warning',
  RuntimeWarning: 'Warning',
  SyntaxWarning: 'Warning',
  UnicodeWarning: 'Warning',
  UserWarning: 'Warning',
};

/** Builtin names that are the same class as another (`IOError is OSError`). */
export const BUILTIN_EXCEPTION_ALIASES: Readonly<Record<string, string>> = {
  IOError: 'OSError',
  EnvironmentError: 'OSError',
};

/** The chain of a builtin exception up to `BaseException`, itself first, aliases resolved. */
export function builtinAncestry(name: string): string[] {
  const chain: string[] = [];
  let current: string | null | undefined = BUILTIN_EXCEPTION_ALIASES[name] ?? name;
  while (current && !chain.includes(current)) {
    chain.push(current);
    current = BUILTIN_EXCEPTION_PARENTS[current];
  }
  return chain;
}
