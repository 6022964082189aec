import type { Position } from './types.js';

/**
 * Converts offsets into the source string to positions. node-tree-sitter
 * parses JavaScript strings as UTF-16, so every index it reports is a UTF-16
 * code-unit offset into the decoded text: this is the one place where those
 * offsets become lines and code-point columns.
 *
 * Lines break at LF, CRLF and lone CR, as Python and SARIF consumers count them.
 */
export class LineIndex {
  private readonly lineStarts: number[];

  constructor(private readonly text: string) {
    const starts = [0];
    for (let i = 0; i < text.length; i++) {
      const code = text.charCodeAt(i);
      if (code === 10) {
        starts.push(i + 1);
      } else if (code === 13) {
        if (text.charCodeAt(i + 1) === 10) i++;
        starts.push(i + 1);
      }
    }
    this.lineStarts = starts;
  }

  get lineCount(): number {
    return this.lineStarts.length;
  }

  /** 0-based line number containing a UTF-16 offset. */
  lineOf(offset: number): number {
    let low = 0;
    let high = this.lineStarts.length - 1;
    while (low < high) {
      const mid = (low + high + 1) >> 1;
      if (this.lineStarts[mid]! <= offset) low = mid;
      else high = mid - 1;
    }
    return low;
  }

  position(offset: number): Position {
    const clamped = Math.max(0, Math.min(offset, this.text.length));
    const line = this.lineOf(clamped);
    const lineStart = this.lineStarts[line]!;
    return {
      line: line + 1,
      column: countCodePoints(this.text, lineStart, clamped) + 1,
      utf16Column: clamped - lineStart + 1,
    };
  }

  /** The text of a 1-based line, without its line break. */
  lineText(line: number): string {
    const start = this.lineStarts[line - 1];
    if (start === undefined) return '';
    const next = this.lineStarts[line];
    let end = next === undefined ? this.text.length : next;
    while (end > start) {
      const code = this.text.charCodeAt(end - 1);
      if (code !== 10 && code !== 13) break;
      end--;
    }
    return this.text.slice(start, end);
  }
}

function countCodePoints(text: string, from: number, to: number): number {
  let count = 0;
  for (let i = from; i < to; i++) {
    const code = text.charCodeAt(i);
    // A high surrogate followed by a low one is a single code point.
    if (code >= 0xd800 && code <= 0xdbff && i + 1 < to) {
      const next = text.charCodeAt(i + 1);
      if (next >= 0xdc00 && next <= 0xdfff) i++;
    }
    count++;
  }
  return count;
}
