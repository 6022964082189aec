/**
 * Best-effort line numbers for config error messages. smol-toml returns values
 * but not where they were written, so this looks through the lines for table
 * headers and `key =` assignments. It never decides what a setting means (that
 * always comes from smol-toml); when it cannot tell, a message has no line.
 */
const KEY_PART = String.raw`(?:[A-Za-z0-9_-]+|"(?:[^"\\]|\\.)*"|'[^']*')`;
const DOTTED = String.raw`${KEY_PART}(?:\s*\.\s*${KEY_PART})*`;
const ASSIGNMENT = new RegExp(String.raw`^\s*(${DOTTED})\s*=`);
const TABLE_HEADER = new RegExp(String.raw`^\s*\[\s*(${DOTTED})\s*\]`);
const ARRAY_TABLE_HEADER = /^\s*\[\[/;

interface Entry {
  readonly key: string;
  readonly line: number;
  readonly isHeader: boolean;
}

export class KeyLocator {
  private readonly entries: Entry[] = [];
  private readonly lines: string[];

  constructor(text: string) {
    this.lines = text.split(/\r\n|\r|\n/);
    let table: string[] = [];
    this.lines.forEach((content, index) => {
      const line = index + 1;
      if (ARRAY_TABLE_HEADER.test(content)) {
        table = ['\0array-of-tables'];
        return;
      }
      const header = TABLE_HEADER.exec(content);
      if (header) {
        table = splitKey(header[1]!);
        this.entries.push({ key: joinKey(table), line, isHeader: true });
        return;
      }
      const assignment = ASSIGNMENT.exec(content);
      if (assignment) this.entries.push({ key: joinKey([...table, ...splitKey(assignment[1]!)]), line, isHeader: false });
    });
  }

  /** The line where `path` is set, else where the nearest table or inline value holding it starts. */
  lineOf(path: readonly string[]): number | undefined {
    for (let length = path.length; length > 0; length--) {
      const key = joinKey(path.slice(0, length));
      const entry = this.entries.find((candidate) => candidate.key === key);
      if (entry) return entry.line;
    }
    return undefined;
  }

  /** The line of a string inside the value at `path` (an item of a multi-line array), else the line of `path`. */
  lineOfString(path: readonly string[], value: string): number | undefined {
    const start = this.lineOf(path);
    if (start === undefined) return undefined;
    const quoted = [JSON.stringify(value), `'${value}'`];
    for (let index = start - 1; index < this.lines.length; index++) {
      const content = this.lines[index]!;
      if (index > start - 1 && (TABLE_HEADER.test(content) || ARRAY_TABLE_HEADER.test(content))) break;
      if (quoted.some((form) => content.includes(form))) return index + 1;
    }
    return start;
  }
}

function splitKey(dotted: string): string[] {
  const parts = dotted.match(new RegExp(KEY_PART, 'g')) ?? [];
  return parts.map((part) => {
    if (part.startsWith('"')) {
      try {
        return JSON.parse(part) as string;
      } catch {
        return part.slice(1, -1);
      }
    }
    return part.startsWith("'") ? part.slice(1, -1) : part;
  });
}

function joinKey(parts: readonly string[]): string {
  return parts.join('\0');
}
