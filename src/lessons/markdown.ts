/**
 * The small subset of markdown that lessons and docs pages use, read in one
 * place: block structure (headings, paragraphs, fenced code, list items,
 * quotes, tables, HTML comments), inline spans (code, links, emphasis), and the
 * first sentence of a paragraph. Both the lesson parser and the renderers build
 * on it, so a `#` comment inside a code block is never taken for a heading.
 */

export type Block =
  | { readonly kind: 'heading'; readonly level: number; readonly text: string; readonly start: number; readonly end: number }
  | { readonly kind: 'paragraph'; readonly text: string; readonly start: number; readonly end: number }
  | {
      readonly kind: 'code';
      /** The fence's info string, e.g. `python`. */
      readonly info: string;
      /** The lines between the fences, each ending in a newline. */
      readonly code: string;
      /** False when the file ended before the closing fence. */
      readonly closed: boolean;
      readonly start: number;
      readonly end: number;
    }
  | {
      readonly kind: 'list-item';
      /** Leading spaces before the marker: nesting. */
      readonly indent: number;
      /** `-`, `*`, `+`, or the number and its `.` / `)`. */
      readonly marker: string;
      readonly text: string;
      readonly start: number;
      readonly end: number;
    }
  | { readonly kind: 'quote'; readonly text: string; readonly start: number; readonly end: number }
  | { readonly kind: 'table'; readonly lines: readonly string[]; readonly start: number; readonly end: number }
  | { readonly kind: 'html'; readonly start: number; readonly end: number }
  | { readonly kind: 'rule'; readonly start: number; readonly end: number };

interface Fence {
  readonly char: string;
  readonly length: number;
  readonly indent: number;
  readonly info: string;
}

const FENCE_OPEN = /^( {0,3})(`{3,}|~{3,})(.*)$/;
const FENCE_CLOSE = /^ {0,3}(`{3,}|~{3,})[ \t]*$/;
const HEADING = /^ {0,3}(#{1,6})(?:[ \t]+(.*?))?[ \t]*$/;
const LIST_ITEM = /^( *)([-*+]|\d{1,9}[.)])[ \t]+(.*)$/;
const QUOTE = /^ {0,3}>[ ]?(.*)$/;
const THEMATIC_BREAK = /^ {0,3}(?:(?:-[ \t]*){3,}|(?:\*[ \t]*){3,}|(?:_[ \t]*){3,})$/;

/** Newlines normalised to `\n`. */
export function normalizeNewlines(text: string): string {
  return text.replace(/\r\n?/g, '\n');
}

function openingFence(line: string): Fence | undefined {
  const match = FENCE_OPEN.exec(line);
  if (!match) return undefined;
  const marker = match[2]!;
  const info = match[3]!.trim();
  if (marker.startsWith('`') && info.includes('`')) return undefined;
  return { char: marker[0]!, length: marker.length, indent: match[1]!.length, info };
}

function closesFence(line: string, fence: Fence): boolean {
  const match = FENCE_CLOSE.exec(line);
  return match !== null && match[1]![0] === fence.char && match[1]!.length >= fence.length;
}

function heading(line: string): { level: number; text: string } | undefined {
  const match = HEADING.exec(line);
  if (!match) return undefined;
  const text = (match[2] ?? '').replace(/(?:^|[ \t]+)#+$/, '').trim();
  return { level: match[1]!.length, text };
}

function isBlank(line: string): boolean {
  return line.trim() === '';
}

/** Whether a line begins a block other than a paragraph (and so ends a paragraph). */
function startsBlock(line: string): boolean {
  return (
    heading(line) !== undefined ||
    openingFence(line) !== undefined ||
    LIST_ITEM.test(line) ||
    QUOTE.test(line) ||
    THEMATIC_BREAK.test(line) ||
    line.trimStart().startsWith('<!--') ||
    line.trimStart().startsWith('|')
  );
}

/**
 * Splits markdown lines into blocks. `start` and `end` are 0-based line
 * indices into `lines` (end exclusive), so callers can slice the raw text.
 */
export function scanBlocks(lines: readonly string[]): Block[] {
  const blocks: Block[] = [];
  let i = 0;
  while (i < lines.length) {
    const line = lines[i]!;
    if (isBlank(line)) {
      i++;
      continue;
    }
    const start = i;

    const fence = openingFence(line);
    if (fence) {
      const code: string[] = [];
      let closed = false;
      i++;
      while (i < lines.length) {
        if (closesFence(lines[i]!, fence)) {
          closed = true;
          i++;
          break;
        }
        code.push(stripIndent(lines[i]!, fence.indent));
        i++;
      }
      blocks.push({ kind: 'code', info: fence.info, code: code.map((text) => `${text}\n`).join(''), closed, start, end: i });
      continue;
    }

    const head = heading(line);
    if (head) {
      blocks.push({ kind: 'heading', level: head.level, text: head.text, start, end: ++i });
      continue;
    }

    if (line.trimStart().startsWith('<!--')) {
      while (i < lines.length && !lines[i]!.includes('-->')) i++;
      i = Math.min(i + 1, lines.length);
      blocks.push({ kind: 'html', start, end: i });
      continue;
    }

    if (THEMATIC_BREAK.test(line)) {
      blocks.push({ kind: 'rule', start, end: ++i });
      continue;
    }

    if (line.trimStart().startsWith('|')) {
      const rows: string[] = [];
      while (i < lines.length && lines[i]!.trimStart().startsWith('|')) rows.push(lines[i++]!.trim());
      blocks.push({ kind: 'table', lines: rows, start, end: i });
      continue;
    }

    const quote = QUOTE.exec(line);
    if (quote) {
      const parts: string[] = [];
      while (i < lines.length) {
        const inner = QUOTE.exec(lines[i]!);
        if (!inner) break;
        parts.push(inner[1]!);
        i++;
      }
      blocks.push({ kind: 'quote', text: joinLines(parts), start, end: i });
      continue;
    }

    const item = LIST_ITEM.exec(line);
    if (item) {
      const parts = [item[3]!];
      i++;
      while (i < lines.length && !isBlank(lines[i]!) && !startsBlock(lines[i]!)) parts.push(lines[i++]!);
      blocks.push({ kind: 'list-item', indent: item[1]!.length, marker: item[2]!, text: joinLines(parts), start, end: i });
      continue;
    }

    const parts = [line];
    i++;
    while (i < lines.length && !isBlank(lines[i]!) && !startsBlock(lines[i]!)) parts.push(lines[i++]!);
    blocks.push({ kind: 'paragraph', text: joinLines(parts), start, end: i });
  }
  return blocks;
}

function stripIndent(line: string, indent: number): string {
  let strip = 0;
  while (strip < indent && line[strip] === ' ') strip++;
  return line.slice(strip);
}

/** Paragraph lines reflowed into one line. */
function joinLines(parts: readonly string[]): string {
  return parts.map((part) => part.trim()).join(' ');
}

/**
 * Moves every heading outside code blocks by `delta` levels (clamped to 1..6):
 * a lesson's `### Bad` becomes a docs page's `## Bad`.
 */
export function shiftHeadings(markdown: string, delta: number): string {
  const lines = normalizeNewlines(markdown).split('\n');
  for (const block of scanBlocks(lines)) {
    if (block.kind !== 'heading') continue;
    const level = Math.min(6, Math.max(1, block.level + delta));
    lines[block.start] = `${'#'.repeat(level)} ${block.text}`;
  }
  return lines.join('\n');
}

// ---------------------------------------------------------------------------
// Inline spans

export type Inline =
  | { readonly kind: 'text'; readonly text: string }
  | { readonly kind: 'code'; readonly text: string }
  | { readonly kind: 'strong'; readonly children: readonly Inline[] }
  | { readonly kind: 'emphasis'; readonly children: readonly Inline[] }
  | { readonly kind: 'link'; readonly children: readonly Inline[]; readonly url: string };

const PUNCTUATION = /[!-/:-@[-`{-~]/;

/**
 * Parses inline markdown: backslash escapes, code spans, `[links](url)`,
 * `<https://autolinks>`, `**strong**` and `*emphasis*`. Underscore emphasis is
 * left as text on purpose: `__init__` in prose must stay `__init__`.
 */
export function parseInline(text: string): Inline[] {
  const out: Inline[] = [];
  let plain = '';
  const flush = (): void => {
    if (plain) out.push({ kind: 'text', text: plain });
    plain = '';
  };

  let i = 0;
  while (i < text.length) {
    const char = text[i]!;

    if (char === '\\' && i + 1 < text.length && PUNCTUATION.test(text[i + 1]!)) {
      plain += text[i + 1];
      i += 2;
      continue;
    }

    if (char === '`') {
      const span = codeSpanAt(text, i);
      if (span) {
        flush();
        out.push({ kind: 'code', text: span.text });
        i = span.end;
      } else {
        const run = runLength(text, i, '`');
        plain += text.slice(i, i + run);
        i += run;
      }
      continue;
    }

    if (char === '[') {
      const link = linkAt(text, i);
      if (link) {
        flush();
        out.push({ kind: 'link', children: parseInline(link.label), url: link.url });
        i = link.end;
        continue;
      }
    }

    if (char === '<') {
      const match = /^<(https?:\/\/[^\s<>]+)>/.exec(text.slice(i));
      if (match) {
        flush();
        out.push({ kind: 'link', children: [{ kind: 'text', text: match[1]! }], url: match[1]! });
        i += match[0].length;
        continue;
      }
    }

    if (char === '*') {
      const strong = text.startsWith('**', i);
      const delimiter = strong ? '**' : '*';
      const close = closingDelimiter(text, i + delimiter.length, delimiter);
      if (close !== undefined) {
        flush();
        const children = parseInline(text.slice(i + delimiter.length, close));
        out.push(strong ? { kind: 'strong', children } : { kind: 'emphasis', children });
        i = close + delimiter.length;
        continue;
      }
      const run = runLength(text, i, '*');
      plain += text.slice(i, i + run);
      i += run;
      continue;
    }

    plain += char;
    i++;
  }
  flush();
  return out;
}

function runLength(text: string, at: number, char: string): number {
  let end = at;
  while (text[end] === char) end++;
  return end - at;
}

/** A code span opening at `at`: the closing backtick run must have the same length. */
function codeSpanAt(text: string, at: number): { text: string; end: number } | undefined {
  const length = runLength(text, at, '`');
  let search = at + length;
  while (search < text.length) {
    const next = text.indexOf('`', search);
    if (next < 0) return undefined;
    const run = runLength(text, next, '`');
    if (run === length) {
      let content = text.slice(at + length, next).replace(/\n/g, ' ');
      if (content.length > 2 && content.startsWith(' ') && content.endsWith(' ') && content.trim() !== '') {
        content = content.slice(1, -1);
      }
      return { text: content, end: next + run };
    }
    search = next + run;
  }
  return undefined;
}

/** `[label](url)` opening at `at`; code spans inside the label may hold brackets. */
function linkAt(text: string, at: number): { label: string; url: string; end: number } | undefined {
  let depth = 0;
  let i = at;
  while (i < text.length) {
    const char = text[i]!;
    if (char === '\\') {
      i += 2;
      continue;
    }
    if (char === '`') {
      const span = codeSpanAt(text, i);
      i = span ? span.end : i + runLength(text, i, '`');
      continue;
    }
    if (char === '[') depth++;
    if (char === ']' && --depth === 0) break;
    i++;
  }
  if (i >= text.length || text[i + 1] !== '(') return undefined;
  const close = text.indexOf(')', i + 2);
  if (close < 0) return undefined;
  const url = text.slice(i + 2, close).trim();
  if (url === '' || /\s/.test(url)) return undefined;
  return { label: text.slice(at + 1, i), url, end: close + 1 };
}

/** Where `delimiter` closes emphasis opened just before `from`, skipping code spans. */
function closingDelimiter(text: string, from: number, delimiter: string): number | undefined {
  if (from >= text.length || /\s/.test(text[from]!)) return undefined;
  let i = from;
  while (i < text.length) {
    if (text[i] === '\\') {
      i += 2;
      continue;
    }
    if (text[i] === '`') {
      const span = codeSpanAt(text, i);
      i = span ? span.end : i + runLength(text, i, '`');
      continue;
    }
    if (text.startsWith(delimiter, i) && i > from && !/\s/.test(text[i - 1]!)) {
      // `*a**` is not emphasis closed by the first `*` of `**`.
      if (delimiter === '*' && text[i + 1] === '*') {
        i += runLength(text, i, '*');
        continue;
      }
      return i;
    }
    i++;
  }
  return undefined;
}

/** Inline markdown as plain text: code without backticks, links as `label (url)` unless the two agree. */
export function inlineToPlain(markdown: string): string {
  return plainOf(parseInline(markdown));
}

function plainOf(inlines: readonly Inline[]): string {
  return inlines
    .map((inline) => {
      switch (inline.kind) {
        case 'text':
        case 'code':
          return inline.text;
        case 'strong':
        case 'emphasis':
          return plainOf(inline.children);
        case 'link': {
          const label = plainOf(inline.children);
          return label === inline.url ? label : `${label} (${inline.url})`;
        }
      }
    })
    .join('');
}

const ABBREVIATIONS = new Set(['e.g', 'i.e', 'etc', 'vs', 'cf', 'approx']);

/**
 * The first sentence of a paragraph: up to the first `.`, `!` or `?` that is
 * followed by whitespace or the end, and is not inside a code span or a link's
 * address, nor the end of an abbreviation such as `e.g.`.
 */
export function firstSentence(paragraph: string): string {
  const text = paragraph.trim();
  let i = 0;
  while (i < text.length) {
    const char = text[i]!;
    if (char === '\\') {
      i += 2;
      continue;
    }
    if (char === '`') {
      const span = codeSpanAt(text, i);
      i = span ? span.end : i + runLength(text, i, '`');
      continue;
    }
    if (char === ']' && text[i + 1] === '(') {
      const close = text.indexOf(')', i + 2);
      if (close > 0) {
        i = close + 1;
        continue;
      }
    }
    if ((char === '.' || char === '!' || char === '?') && (i + 1 === text.length || /\s/.test(text[i + 1]!))) {
      const word = /([A-Za-z.]+)$/.exec(text.slice(0, i))?.[1]?.toLowerCase() ?? '';
      if (!(char === '.' && ABBREVIATIONS.has(word))) return text.slice(0, i + 1);
    }
    i++;
  }
  return text;
}
