import type { SyntaxNode } from '../core/rule.js';

/** Displays and comprehensions that build a fresh list, dict or set, by node type. */
export const CONTAINER_DISPLAYS: Readonly<Record<string, 'list' | 'dict' | 'set'>> = {
  list: 'list',
  list_comprehension: 'list',
  dictionary: 'dict',
  dictionary_comprehension: 'dict',
  set: 'set',
  set_comprehension: 'set',
};

/** `list`, `dict` or `set` when the node is a display or comprehension building one. */
export function containerDisplayKind(node: SyntaxNode): 'list' | 'dict' | 'set' | undefined {
  return CONTAINER_DISPLAYS[node.type];
}
