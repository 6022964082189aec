/**
 * Exception classes as keys and ancestries: builtin exceptions by name, classes
 * defined in the file by where they are defined. Used to decide whether one
 * `except` clause catches everything a later one could.
 */
import type { SyntaxNode } from '../core/rule.js';
import type { SemanticModel } from '../semantic/index.js';
import { BUILTIN_EXCEPTION_PARENTS, builtinAncestry } from './exceptions.js';

/** Standard-library names that are the same class as a builtin on every supported Python. */
const STDLIB_ALIASES: Readonly<Record<string, string>> = {
  'socket.error': 'OSError',
  'os.error': 'OSError',
  'select.error': 'OSError',
};

/**
 * Returns a function giving, for an expression naming an exception class, the
 * keys of the class and of all its known ancestors, the class itself first
 * (`builtins.ValueError`, `builtins.Exception`, `builtins.BaseException`; a class of
 * this file is `class@<offset>`). Undefined when the expression is not a known class.
 * A class of the file with several bases has the union of their ancestries; bases
 * that are not known classes add nothing.
 */
export function exceptionClassKey(semantic: SemanticModel): (node: SyntaxNode) => string[] | undefined {
  const cache = new Map<number, string[] | null>();

  const builtin = (node: SyntaxNode): string[] | undefined => {
    const qualified = semantic.qualifiedName(node);
    if (!qualified) return undefined;
    let name = STDLIB_ALIASES[qualified];
    if (!name && qualified.startsWith('builtins.')) name = qualified.slice('builtins.'.length);
    if (!name || !(name in BUILTIN_EXCEPTION_PARENTS)) return undefined;
    return builtinAncestry(name).map((ancestor) => `builtins.${ancestor}`);
  };

  /** The class definition a name refers to, when that name is bound once, by a `class` statement. */
  const localClass = (node: SyntaxNode): SyntaxNode | undefined => {
    if (node.type !== 'identifier') return undefined;
    const resolution = semantic.resolve(node);
    if (resolution?.kind !== 'binding' || resolution.bindings.length !== 1) return undefined;
    const binding = resolution.bindings[0]!;
    return binding.kind === 'class' ? binding.definedScope?.node : undefined;
  };

  return (node) => {
    const known = builtin(node);
    if (known) return known;
    const definition = localClass(node);
    if (!definition) return undefined;
    const cached = cache.get(definition.startIndex);
    if (cached !== undefined) return cached ?? undefined;
    // Walk the bases without recursion; `seen` stops cycles through rebinding.
    const keys: string[] = [];
    const seen = new Set<number>();
    const pending: SyntaxNode[] = [definition];
    while (pending.length > 0) {
      const current = pending.pop()!;
      if (seen.has(current.startIndex)) continue;
      seen.add(current.startIndex);
      keys.push(`class@${current.startIndex}`);
      for (const base of semantic.classInfo(current)?.bases ?? []) {
        const ancestors = builtin(base);
        if (ancestors) {
          for (const key of ancestors) if (!keys.includes(key)) keys.push(key);
          continue;
        }
        const parent = localClass(base);
        if (parent) pending.push(parent);
      }
    }
    cache.set(definition.startIndex, keys);
    return keys;
  };
}
