/**
 * The concepts pitfall teaches, in lesson order. Each has a folder under
 * `rules/` holding its rules and its `lesson.md`; the lesson's `# heading` is
 * the concept's title.
 */
export interface Concept {
  /** Folder name under `rules/` and `fixtures/`. */
  readonly id: string;
  /** The three capitals every rule id of this concept starts with. */
  readonly prefix: string;
}

export const CONCEPTS: readonly Concept[] = [
  { id: 'mutability', prefix: 'MUT' },
  { id: 'scope', prefix: 'SCO' },
  { id: 'decorators', prefix: 'DEC' },
  { id: 'comprehensions', prefix: 'GEN' },
  { id: 'collections', prefix: 'COL' },
  { id: 'object-model', prefix: 'OBJ' },
  { id: 'slots', prefix: 'SLO' },
  { id: 'concurrency', prefix: 'CON' },
  { id: 'asyncio', prefix: 'ASY' },
  { id: 'context-managers', prefix: 'CTX' },
  { id: 'type-hints', prefix: 'TYP' },
  { id: 'exceptions', prefix: 'EXC' },
  { id: 'suppressions', prefix: 'PIT' },
  { id: 'syntax', prefix: 'SYN' },
];
