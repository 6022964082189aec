import stringWidth from 'string-width';

/**
 * Makes untrusted text (source lines, file names, messages quoting code) safe
 * to print: control characters become visible symbols, so a file cannot move
 * the cursor, recolour the terminal or hide text with `\r`; bidirectional
 * overrides are shown as `<U+202E>` so code cannot display in a misleading order.
 */
export function neutralise(text: string): string {
  let out = '';
  for (const char of text) out += displayOf(char, 0);
  return out;
}

const TAB_WIDTH = 4;

function displayOf(char: string, column: number): string {
  const code = char.codePointAt(0)!;
  if (code === 9) return ' '.repeat(TAB_WIDTH - (column % TAB_WIDTH));
  if (code < 0x20) return String.fromCodePoint(0x2400 + code);
  if (code === 0x7f) return '\u2421';
  if (code >= 0x80 && code < 0xa0) return `<U+${code.toString(16).toUpperCase().padStart(4, '0')}>`;
  if (isBidiControl(code)) return `<U+${code.toString(16).toUpperCase().padStart(4, '0')}>`;
  return char;
}

function isBidiControl(code: number): boolean {
  return (
    (code >= 0x202a && code <= 0x202e) || (code >= 0x2066 && code <= 0x2069) ||
    code === 0x200e || code === 0x200f || code === 0x061c
  );
}

export interface Snippet {
  readonly line: string;
  /** Display columns before the underline, and its width (at least 1). */
  readonly underlineStart: number;
  readonly underlineWidth: number;
}

const MAX_BEFORE = 60;
const MAX_AFTER = 100;

/**
 * Renders a source line for the terminal with the span from code-point column
 * `start` to `end` (1-based, end exclusive) underlined: tabs expanded, control
 * characters neutralised, wide characters measured, very long lines trimmed
 * around the span.
 */
export function snippet(lineText: string, start: number, end: number): Snippet {
  const pieces: { text: string; width: number }[] = [];
  let column = 0;
  for (const char of lineText) {
    const text = displayOf(char, column);
    const width = stringWidth(text);
    pieces.push({ text, width });
    column += width;
  }
  const startIndex = Math.min(Math.max(start - 1, 0), pieces.length);
  const endIndex = Math.max(Math.min(end - 1, pieces.length), startIndex);

  let from = 0;
  let prefix = '';
  let before = sumWidths(pieces, 0, startIndex);
  if (before > MAX_BEFORE) {
    from = startIndex;
    while (from > 0 && sumWidths(pieces, from - 1, startIndex) <= MAX_BEFORE - 20) from--;
    prefix = '…';
    before = sumWidths(pieces, from, startIndex) + 1;
  }
  let to = pieces.length;
  let suffix = '';
  if (sumWidths(pieces, startIndex, to) > MAX_AFTER) {
    to = startIndex;
    while (to < pieces.length && sumWidths(pieces, startIndex, to + 1) <= MAX_AFTER) to++;
    suffix = '…';
  }
  const shownEnd = Math.min(endIndex, to);
  return {
    line: prefix + pieces.slice(from, to).map((piece) => piece.text).join('') + suffix,
    underlineStart: before,
    underlineWidth: Math.max(1, sumWidths(pieces, startIndex, shownEnd)),
  };
}

function sumWidths(pieces: readonly { width: number }[], from: number, to: number): number {
  let total = 0;
  for (let index = from; index < to; index++) total += pieces[index]!.width;
  return total;
}
