/** Shared value types that flow from the engine to the reporters. */

export type Level = 'error' | 'warning' | 'note';

export const LEVELS: readonly Level[] = ['error', 'warning', 'note'];

/** Severity order: a lower rank is more severe. */
export function levelRank(level: Level): number {
  return LEVELS.indexOf(level);
}

/**
 * A position in a file. Lines are 1-based. `column` counts Unicode code points
 * (what an editor shows); `utf16Column` counts UTF-16 code units (what SARIF
 * declares). Both are 1-based; an end column is one past the last character.
 */
export interface Position {
  readonly line: number;
  readonly column: number;
  readonly utf16Column: number;
}

/** A replacement of the text between two positions. */
export interface TextEdit {
  readonly start: Position;
  readonly end: Position;
  readonly replacement: string;
}

/** A suggested rewrite; never applied automatically. */
export interface Fix {
  readonly description: string;
  readonly edits: readonly TextEdit[];
}

export interface Finding {
  readonly ruleId: string;
  readonly ruleName: string;
  readonly concept: string;
  readonly level: Level;
  readonly message: string;
  /** Display path: relative to the working directory, forward slashes. */
  readonly path: string;
  readonly start: Position;
  readonly end: Position;
  /** The source line the finding starts on, for display and fingerprints. */
  readonly lineText: string;
  readonly fix?: Fix;
}

/** A file that could not be linted, or a rule that crashed on it. */
export interface Problem {
  readonly path: string;
  readonly message: string;
  readonly kind: 'unreadable' | 'undecodable' | 'internal';
}

export function compareFindings(a: Finding, b: Finding): number {
  if (a.path !== b.path) return a.path < b.path ? -1 : 1;
  if (a.start.line !== b.start.line) return a.start.line - b.start.line;
  if (a.start.column !== b.start.column) return a.start.column - b.start.column;
  if (a.ruleId !== b.ruleId) return a.ruleId < b.ruleId ? -1 : 1;
  if (a.end.line !== b.end.line) return a.end.line - b.end.line;
  if (a.end.column !== b.end.column) return a.end.column - b.end.column;
  return a.message < b.message ? -1 : a.message > b.message ? 1 : 0;
}
