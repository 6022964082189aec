import type { DirectiveComment } from '../engine/linter.js';
import { closestMatch } from '../selection/closest-match.js';

/** A rule named in a suppression comment, with where it is written on its line. */
export interface NamedRule {
  readonly text: string;
  /** UTF-16 offsets into the line's text. */
  readonly start: number;
  readonly end: number;
}

export type Directive =
  /** `# noqa` (every rule on the line, `rules` undefined) or `# noqa: ID, name`. */
  | { readonly kind: 'noqa'; readonly line: number; readonly rules?: readonly NamedRule[] }
  /** `# pitfall: ignore[ID, name]`. */
  | { readonly kind: 'ignore'; readonly line: number; readonly rules: readonly NamedRule[] }
  /** `# pitfall: skip-file` before the first line of code. */
  | { readonly kind: 'skip-file'; readonly line: number };

/** A comment that looks like a directive but that pitfall cannot act on. */
export interface DirectiveWarning {
  readonly line: number;
  readonly message: string;
}

const NOQA = /^#\s*noqa(?![\w-])/i;
const PITFALL = /^#\s*pitfall:\s*/;
const AFTER_COLON = /^\s*:\s*/;
/** The next word of a code list, with the commas and spaces before it. */
const NEXT_WORD = /[\s,]*([A-Za-z0-9_-]+)/y;
const RULE_ID_SHAPE = /^[A-Z]+[0-9]+$/;
const RULE_NAME_SHAPE = /^[a-z][a-z0-9]*(?:-[a-z0-9]+)+$/;
const PITFALL_DIRECTIVES = ['ignore[ID, ...]', 'skip-file'];

/**
 * Reads the suppression comments among the engine's directive comments. A
 * comment may hold several `#` parts (`# type: ignore  # noqa: EXC001`); each
 * is read on its own. Free text after a code list is a reason and is skipped:
 * `# noqa: EXC001 plugins may raise anything`.
 */
export function parseDirectives(
  comments: readonly DirectiveComment[],
  lineText: (line: number) => string,
): { directives: Directive[]; warnings: DirectiveWarning[] } {
  const directives: Directive[] = [];
  const warnings: DirectiveWarning[] = [];
  for (const comment of comments) {
    const text = lineText(comment.line);
    const found = text.lastIndexOf(comment.text);
    const commentStart = found >= 0 ? found : Math.max(0, text.indexOf('#'));
    for (const part of hashParts(comment.text)) {
      const start = commentStart + part.offset;
      const noqa = NOQA.exec(part.text);
      if (noqa) {
        readNoqa(part.text, noqa[0].length, start, comment.line, directives, warnings);
        continue;
      }
      const pitfall = PITFALL.exec(part.text);
      if (pitfall) readPitfall(part.text, pitfall[0].length, start, comment.line, lineText, directives, warnings);
    }
  }
  return { directives, warnings };
}

function hashParts(text: string): { text: string; offset: number }[] {
  const parts: { text: string; offset: number }[] = [];
  let offset = text.indexOf('#');
  while (offset >= 0) {
    const next = text.indexOf('#', offset + 1);
    parts.push({ text: text.slice(offset, next < 0 ? undefined : next), offset });
    offset = next;
  }
  return parts;
}

function readNoqa(part: string, afterNoqa: number, start: number, line: number, directives: Directive[], warnings: DirectiveWarning[]): void {
  const colon = AFTER_COLON.exec(part.slice(afterNoqa));
  if (!colon) {
    const next = /^\s+([A-Za-z0-9_-]+)/.exec(part.slice(afterNoqa));
    if (next && isRuleShaped(next[1]!)) {
      warnings.push({ line, message: `\`# noqa ${next[1]}\` has no colon, so it suppresses every rule on the line; write \`# noqa: ${next[1]}\` to suppress only that rule` });
    }
    directives.push({ kind: 'noqa', line });
    return;
  }
  const rules: NamedRule[] = [];
  NEXT_WORD.lastIndex = afterNoqa + colon[0].length;
  for (let match = NEXT_WORD.exec(part); match && isRuleShaped(match[1]!); match = NEXT_WORD.exec(part)) {
    const end = NEXT_WORD.lastIndex;
    rules.push({ text: match[1]!, start: start + end - match[1]!.length, end: start + end });
  }
  if (rules.length === 0) {
    warnings.push({ line, message: '`# noqa:` is not followed by a rule id or name, so it suppresses nothing; write `# noqa: ID` for one rule or `# noqa` for all' });
    return;
  }
  directives.push({ kind: 'noqa', line, rules });
}

/** Rule ids (`EXC001`, and other linters' codes like `E501`) and kebab-case names; anything else ends the list. */
function isRuleShaped(word: string): boolean {
  return RULE_ID_SHAPE.test(word) || RULE_NAME_SHAPE.test(word);
}

function readPitfall(
  part: string,
  afterPrefix: number,
  start: number,
  line: number,
  lineText: (line: number) => string,
  directives: Directive[],
  warnings: DirectiveWarning[],
): void {
  const rest = part.slice(afterPrefix);
  const ignore = /^ignore\s*\[([^\]]*)\]/.exec(rest);
  if (ignore) {
    const listStart = start + afterPrefix + ignore[0].indexOf('[') + 1;
    const rules: NamedRule[] = [];
    for (const match of ignore[1]!.matchAll(/[^\s,]+/g)) {
      rules.push({ text: match[0], start: listStart + match.index, end: listStart + match.index + match[0].length });
    }
    if (rules.length === 0) warnings.push({ line, message: '`# pitfall: ignore[]` names no rule, so it suppresses nothing; write `# pitfall: ignore[ID, ...]`' });
    else directives.push({ kind: 'ignore', line, rules });
    return;
  }
  if (/^ignore(?![\w-])/.test(rest)) {
    warnings.push({ line, message: '`# pitfall: ignore` needs the rules in brackets, e.g. `# pitfall: ignore[EXC001]`; it suppresses nothing as written' });
    return;
  }
  if (/^skip-file(?![\w-])/.test(rest)) {
    if (isBeforeCode(line, lineText)) directives.push({ kind: 'skip-file', line });
    else warnings.push({ line, message: '`# pitfall: skip-file` counts only on a line of its own before the first line of code; this one is ignored' });
    return;
  }
  const word = /^\S*/.exec(rest)![0];
  const suggestion = word === '' ? undefined : closestMatch(word, ['ignore', 'skip-file']);
  warnings.push({
    line,
    message: `unknown directive \`# pitfall: ${word}\`${suggestion ? ` (did you mean \`${suggestion}\`?)` : ''}; pitfall understands ${PITFALL_DIRECTIVES.map((name) => `\`# pitfall: ${name}\``).join(' and ')}`,
  });
}

/** The comment is a line of its own, and every line above it is blank or a comment. */
function isBeforeCode(line: number, lineText: (line: number) => string): boolean {
  for (let above = 1; above <= line; above++) {
    const text = lineText(above).trim();
    if (text !== '' && !text.startsWith('#')) return false;
  }
  return true;
}
