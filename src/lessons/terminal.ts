/**
 * Turns a docs page (markdown) into text for a terminal: headings in bold,
 * code blocks indented (and tinted when colour is on: Bad red, Good green),
 * inline code highlighted (quoted in backticks when colour is off, since nothing
 * else would set it apart), paragraphs wrapped. No `#` heading marker survives,
 * and with colour off not one escape character is written.
 */
import pc from 'picocolors';
import stringWidth from 'string-width';
import { normalizeNewlines, parseInline, scanBlocks, type Block, type Inline } from './markdown.js';

export interface RenderOptions {
  /** Wrap paragraphs at this many columns; `Infinity` keeps each paragraph on one line. Default 80. */
  readonly width?: number;
}

type Style = (text: string) => string;
type Colors = ReturnType<typeof pc.createColors>;

interface Piece {
  readonly text: string;
  readonly style: Style;
}

const CODE_INDENT = '    ';
/** C0 and C1 control characters other than tab and newline: the input never gets to emit its own escapes. */
const CONTROL = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f]/g;

export function renderForTerminal(markdown: string, color: boolean, options: RenderOptions = {}): string {
  const c = pc.createColors(color);
  const width = options.width ?? 80;
  const lines = normalizeNewlines(markdown).replace(CONTROL, '').split('\n');
  const out: string[] = [];
  let previous: Block | undefined;
  let lastHeading = '';

  for (const block of scanBlocks(lines)) {
    if (block.kind === 'html') continue;
    const rendered = renderBlock(block, c, width, lastHeading);
    if (block.kind === 'heading') lastHeading = block.text;
    const tight = previous?.kind === 'list-item' && block.kind === 'list-item';
    if (out.length > 0) out.push(tight ? '\n' : '\n\n');
    out.push(rendered.join('\n'));
    previous = block;
  }
  return out.length > 0 ? `${out.join('')}\n` : '';
}

function renderBlock(block: Block, c: Colors, width: number, lastHeading: string): string[] {
  const identity: Style = (text) => text;
  switch (block.kind) {
    case 'heading': {
      const style: Style = block.level === 1 ? (text) => c.bold(c.underline(text)) : c.bold;
      return wrap(pieces(parseInline(block.text), style, c), Infinity, '', '');
    }
    case 'paragraph':
      return wrap(pieces(parseInline(block.text), identity, c), width, '', '');
    case 'list-item': {
      const indent = ' '.repeat(block.indent);
      const bullet = /^\d/.test(block.marker) ? block.marker : '-';
      const first = `${indent}${bullet} `;
      return wrap(pieces(parseInline(block.text), identity, c), width, first, ' '.repeat(first.length));
    }
    case 'quote': {
      const bar = `${c.dim('|')} `;
      return wrap(pieces(parseInline(block.text), identity, c), width, bar, bar);
    }
    case 'table':
      return block.lines.map((line) => wrap(pieces(parseInline(line), identity, c), Infinity, '', '')[0]!);
    case 'code': {
      const tint = lastHeading === 'Bad' ? c.red : lastHeading === 'Good' ? c.green : c.cyan;
      const code = block.code.replace(/\n$/, '');
      return code.split('\n').map((line) => (line.trim() === '' ? '' : `${CODE_INDENT}${tint(line)}`));
    }
    case 'rule':
      return [c.dim('-'.repeat(Math.min(width, 40)))];
    case 'html':
      return [];
  }
}

function compose(outer: Style, inner: Style): Style {
  return (text) => outer(inner(text));
}

/** Flattens inline markdown into styled runs of text. */
function pieces(inlines: readonly Inline[], style: Style, c: Colors): Piece[] {
  const out: Piece[] = [];
  for (const inline of inlines) {
    switch (inline.kind) {
      case 'text':
        out.push({ text: inline.text, style });
        break;
      case 'code':
        out.push({ text: c.isColorSupported ? inline.text : `\`${inline.text}\``, style: compose(style, c.yellow) });
        break;
      case 'strong':
        out.push(...pieces(inline.children, compose(style, c.bold), c));
        break;
      case 'emphasis':
        out.push(...pieces(inline.children, compose(style, c.italic), c));
        break;
      case 'link': {
        const label = pieces(inline.children, compose(style, c.underline), c);
        out.push(...label);
        if (label.map((piece) => piece.text).join('') !== inline.url) {
          out.push({ text: ` (${inline.url})`, style: compose(style, c.dim) });
        }
        break;
      }
    }
  }
  return out;
}

/** Greedy word wrap over styled runs; a word may span several runs (`a`**b**). */
function wrap(runs: readonly Piece[], width: number, firstPrefix: string, restPrefix: string): string[] {
  const words: Piece[][] = [];
  let word: Piece[] = [];
  for (const run of runs) {
    run.text.split(/[ \t\n]+/).forEach((part, index) => {
      if (index > 0 && word.length > 0) {
        words.push(word);
        word = [];
      }
      if (part !== '') word.push({ text: part, style: run.style });
    });
  }
  if (word.length > 0) words.push(word);

  const lines: string[] = [];
  let prefix = firstPrefix;
  let line = '';
  let used = 0;
  for (const parts of words) {
    const size = parts.reduce((sum, part) => sum + stringWidth(part.text), 0);
    const styled = parts.map((part) => part.style(part.text)).join('');
    const room = width - stringWidth(prefix);
    if (line !== '' && used + 1 + size > room) {
      lines.push(prefix + line);
      prefix = restPrefix;
      line = styled;
      used = size;
    } else {
      line = line === '' ? styled : `${line} ${styled}`;
      used = used === 0 ? size : used + 1 + size;
    }
  }
  lines.push(prefix + line);
  return lines.map((text) => text.trimEnd());
}
