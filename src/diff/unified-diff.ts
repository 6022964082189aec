/** Lines 'first' to 'last' (1-based, inclusive) of a file's new side. */
export interface LineRange {
  readonly first: number;
  readonly last: number;
}

/** The lines a diff adds or changes in one file: ranges in ascending order, or the whole file when git shows no lines (a binary diff). */
export type FileChanges = readonly LineRange[] | 'whole-file';

interface Section {
  /** What follows `diff --git `: the names, needed only when no other header names the new file. */
  readonly names: string;
  newPath?: string;
  renamedTo?: string;
  deleted: boolean;
  binary: boolean;
  readonly ranges: LineRange[];
}

const HUNK = /^@@ -\d+(?:,(\d+))? \+(\d+)(?:,(\d+))? @@/;

/**
 * Reads `git diff --unified=0` output line by line (without the line breaks)
 * and collects, per new path (without the `b/` prefix), the lines added or
 * changed. Hunk bodies are skipped by their counted length, so an added line
 * that reads like a header (`+++ x`, `diff --git`) is never taken for one.
 */
export class UnifiedDiffParser {
  private readonly files = new Map<string, FileChanges>();
  private section: Section | undefined;
  private bodyLinesLeft = 0;

  line(text: string): void {
    if (this.bodyLinesLeft > 0) {
      // "\ No newline at end of file" follows a body line without being counted.
      if (!text.startsWith('\\')) this.bodyLinesLeft--;
      return;
    }
    if (text.startsWith('diff --git ')) {
      this.close();
      this.section = { names: text.slice('diff --git '.length), deleted: false, binary: false, ranges: [] };
      return;
    }
    const section = this.section;
    if (!section) return;
    const hunk = HUNK.exec(text);
    if (hunk) {
      const removed = hunk[1] === undefined ? 1 : Number(hunk[1]);
      const first = Number(hunk[2]);
      const added = hunk[3] === undefined ? 1 : Number(hunk[3]);
      if (added > 0) section.ranges.push({ first, last: first + added - 1 });
      this.bodyLinesLeft = removed + added;
    } else if (text.startsWith('+++ ')) {
      const path = headerPath(text.slice(4));
      if (path === '/dev/null') section.deleted = true;
      else section.newPath = withoutPrefix(path, 'b/');
    } else if (text.startsWith('rename to ') || text.startsWith('copy to ')) {
      section.renamedTo = unquotedPath(text.slice(text.indexOf(' to ') + 4));
    } else if (text.startsWith('deleted file mode ')) {
      section.deleted = true;
    } else if (text.startsWith('Binary files ') || text === 'GIT binary patch') {
      section.binary = true;
    }
  }

  /** The changes per path, once every line is in. */
  finish(): Map<string, FileChanges> {
    this.close();
    return this.files;
  }

  private close(): void {
    const section = this.section;
    this.section = undefined;
    this.bodyLinesLeft = 0;
    if (!section || section.deleted) return;
    const path = section.newPath ?? section.renamedTo ?? newPathOfNames(section.names);
    if (path === undefined) return;
    if (section.binary) this.files.set(path, 'whole-file');
    else if (section.ranges.length > 0) this.files.set(path, section.ranges);
  }
}

export function parseUnifiedDiff(text: string): Map<string, FileChanges> {
  const parser = new UnifiedDiffParser();
  for (const line of text.split('\n')) parser.line(line);
  return parser.finish();
}

/** A `---`/`+++` name: C-quoted, or bare with a tab after it when it holds a space. */
function headerPath(text: string): string {
  return text.startsWith('"') ? unquotedPath(text) : text.replace(/\t$/, '');
}

function unquotedPath(text: string): string {
  return text.startsWith('"') ? readQuoted(text, 0).value : text;
}

/**
 * The new name from `a/NAME b/NAME`, for sections without `+++` (binary files):
 * there both names are the same, so a bare pair splits at its middle.
 */
function newPathOfNames(names: string): string | undefined {
  let second: string;
  if (names.startsWith('"')) {
    const first = readQuoted(names, 0);
    const rest = names.slice(first.end + 2);
    second = rest.startsWith('"') ? readQuoted(rest, 0).value : rest;
  } else {
    second = names.slice((names.length + 1) / 2);
  }
  return second.startsWith('b/') ? second.slice(2) : undefined;
}

function withoutPrefix(path: string, prefix: string): string {
  return path.startsWith(prefix) ? path.slice(prefix.length) : path;
}

const ESCAPES: Record<string, number> = { a: 7, b: 8, t: 9, n: 10, v: 11, f: 12, r: 13, '"': 34, '\\': 92 };

/**
 * Reads the C-style quoted string git writes for unusual names (`"caf\303\251
 * \"x\".py"`) starting at `start`: escapes and octal bytes are undone and the
 * bytes decoded as UTF-8. `end` is the index of the closing quote.
 */
export function readQuoted(text: string, start: number): { value: string; end: number } {
  const bytes: number[] = [];
  let index = start + 1;
  while (index < text.length && text[index] !== '"') {
    const char = text[index]!;
    if (char !== '\\') {
      const codePoint = text.codePointAt(index)!;
      const whole = String.fromCodePoint(codePoint);
      bytes.push(...Buffer.from(whole, 'utf8'));
      index += whole.length;
      continue;
    }
    const next = text[index + 1];
    if (next === undefined) break;
    const octal = /^[0-3][0-7]{2}/.exec(text.slice(index + 1, index + 4));
    if (octal) {
      bytes.push(parseInt(octal[0], 8));
      index += 4;
    } else {
      bytes.push(ESCAPES[next] ?? next.charCodeAt(0));
      index += 2;
    }
  }
  return { value: Buffer.from(bytes).toString('utf8'), end: index };
}
