/**
 * Reads a concept's `lesson.md` into its parts, and refuses anything that does
 * not follow the format in CONTRIBUTING.md: `# Title`, an introduction, then
 * `## ID name` sections each made of a summary paragraph, `### Why it bites`,
 * `### Bad` and `### Good` (the last two with one python code block each).
 */
import { firstSentence, normalizeNewlines, scanBlocks, type Block } from './markdown.js';

export interface LessonSection {
  /** The rule id, e.g. `MUT001`. */
  readonly id: string;
  /** The rule name, e.g. `mutable-default-argument`. */
  readonly name: string;
  /** The first paragraph, reflowed onto one line: the rule's full description (markdown). */
  readonly summary: string;
  /** The summary's first sentence: the rule's short description (markdown). */
  readonly shortDescription: string;
  /** Everything under the `##` heading, as written. */
  readonly markdown: string;
  /** The Bad example's Python source. */
  readonly bad: string;
  /** The Good example's Python source. */
  readonly good: string;
  /** 1-based line of the `##` heading in the lesson file. */
  readonly line: number;
}

export interface Lesson {
  /** The concept id: the folder under `rules/`. */
  readonly concept: string;
  /** The text of the `#` heading. */
  readonly title: string;
  /** The markdown between the title and the first rule section. */
  readonly intro: string;
  /** The first paragraph of the introduction, reflowed onto one line: the idea in short. */
  readonly idea: string;
  readonly sections: readonly LessonSection[];
  /** Where the lesson came from, for messages, e.g. `rules/exceptions/lesson.md`. */
  readonly file: string;
}

/** A lesson that does not follow the format; the message starts with `file:line:`. */
export class LessonFormatError extends Error {
  constructor(
    readonly file: string,
    readonly line: number,
    readonly detail: string,
  ) {
    super(`${file}:${line}: ${detail}`);
    this.name = 'LessonFormatError';
  }
}

/** The parts of a rule section, in the order they must appear. */
export const SECTION_PARTS = ['Why it bites', 'Bad', 'Good'] as const;
type Part = (typeof SECTION_PARTS)[number];

const SECTION_HEADING = /^([A-Z]{3}\d{3}) ([a-z0-9]+(?:-[a-z0-9]+)*)$/;
const PYTHON_INFO = /^(?:python3?|py)(?:\s|$)/;
const PARTS_LIST = SECTION_PARTS.map((part) => `"### ${part}"`).join(', ');

/** Parses one lesson; throws `LessonFormatError` on the first thing out of format. */
export function parseLesson(text: string, concept: string, file = `rules/${concept}/lesson.md`): Lesson {
  const lines = normalizeNewlines(text).split('\n');
  const blocks = scanBlocks(lines);
  const fail = (line: number, detail: string): never => {
    throw new LessonFormatError(file, line, detail);
  };
  const raw = (from: number, to: number): string => trimBlankLines(lines.slice(from, to)).join('\n');

  const first = blocks.findIndex((block) => block.kind !== 'html');
  const titleBlock = blocks[first];
  if (titleBlock?.kind !== 'heading' || titleBlock.level !== 1 || titleBlock.text === '') {
    return fail(titleBlock ? titleBlock.start + 1 : 1, 'a lesson must start with a `# <Concept title>` heading');
  }

  // Split the remaining blocks at each `##` heading.
  const rest = blocks.slice(first + 1);
  const sectionStarts: number[] = [];
  rest.forEach((block, index) => {
    if (block.kind !== 'heading') return;
    if (block.level === 1) fail(block.start + 1, `a second \`#\` heading ("# ${block.text}"); a lesson has one title`);
    if (block.level === 2) sectionStarts.push(index);
  });

  const introBlocks = rest.slice(0, sectionStarts[0] ?? rest.length);
  const ideaBlock = introBlocks.find((block) => block.kind !== 'html');
  if (ideaBlock?.kind !== 'paragraph') {
    return fail(
      (ideaBlock?.start ?? titleBlock.end) + 1,
      'the title must be followed by an introduction that starts with a paragraph on the idea',
    );
  }
  const introEnd = sectionStarts.length > 0 ? rest[sectionStarts[0]!]!.start : lines.length;

  const sections: LessonSection[] = [];
  const seen = new Map<string, number>();
  sectionStarts.forEach((startIndex, n) => {
    const endIndex = sectionStarts[n + 1] ?? rest.length;
    const section = parseSection(rest[startIndex]!, rest.slice(startIndex + 1, endIndex), fail);
    const bodyEnd = sectionStarts[n + 1] !== undefined ? rest[sectionStarts[n + 1]!]!.start : lines.length;
    const previous = seen.get(section.id);
    if (previous !== undefined) fail(section.line, `${section.id} has a second section; the first is on line ${previous}`);
    seen.set(section.id, section.line);
    sections.push({ ...section, markdown: raw(rest[startIndex]!.end, bodyEnd) });
  });

  return {
    concept,
    title: titleBlock.text,
    intro: raw(titleBlock.end, introEnd),
    idea: ideaBlock.text,
    sections,
    file,
  };
}

type Fail = (line: number, detail: string) => never;

function parseSection(head: Block, body: readonly Block[], fail: Fail): Omit<LessonSection, 'markdown'> {
  if (head.kind !== 'heading') throw new Error('unreachable: a section starts at a heading');
  const line = head.start + 1;
  const match = SECTION_HEADING.exec(head.text);
  if (!match) {
    return fail(
      line,
      `"## ${head.text}" is not a rule section heading; expected "## <ID> <rule-name>", e.g. "## MUT001 mutable-default-argument"`,
    );
  }
  const [, id, name] = match as unknown as [string, string, string];

  // Group the body's blocks under its `###` headings.
  const parts = new Map<Part, { line: number; blocks: Block[] }>();
  const summaryBlocks: Block[] = [];
  let current: Block[] = summaryBlocks;
  let expected = 0;
  for (const block of body) {
    if (block.kind !== 'heading') {
      current.push(block);
      continue;
    }
    const known = SECTION_PARTS.indexOf(block.text as Part);
    if (block.level !== 3 || known < 0) {
      fail(
        block.start + 1,
        `unknown heading "${'#'.repeat(block.level)} ${block.text}" in ${id}; a rule section has exactly ${PARTS_LIST}, in that order`,
      );
    }
    if (known !== expected) {
      const problem = known < expected ? 'comes again' : `comes before "### ${SECTION_PARTS[expected]}"`;
      fail(block.start + 1, `"### ${block.text}" in ${id} ${problem}; a rule section has exactly ${PARTS_LIST}, in that order`);
    }
    expected++;
    current = [];
    parts.set(block.text as Part, { line: block.start + 1, blocks: current });
  }
  if (expected < SECTION_PARTS.length) {
    fail(line, `${id} has no "### ${SECTION_PARTS[expected]}" heading; a rule section has exactly ${PARTS_LIST}, in that order`);
  }

  const summaryBlock = summaryBlocks.find((block) => block.kind !== 'html');
  if (summaryBlock?.kind !== 'paragraph' || summaryBlock.text.trim() === '') {
    return fail(
      (summaryBlock?.start ?? head.start) + 1,
      `${id} must start with a summary paragraph (what the rule catches) before "### Why it bites"`,
    );
  }

  const why = parts.get('Why it bites')!;
  if (!why.blocks.some((block) => block.kind !== 'html')) {
    fail(why.line, `"### Why it bites" in ${id} is empty; describe the concrete failure`);
  }

  return {
    id,
    name,
    summary: summaryBlock.text.trim(),
    shortDescription: firstSentence(summaryBlock.text),
    bad: example(id, 'Bad', parts.get('Bad')!, fail),
    good: example(id, 'Good', parts.get('Good')!, fail),
    line,
  };
}

function example(id: string, part: 'Bad' | 'Good', content: { line: number; blocks: Block[] }, fail: Fail): string {
  const blocks = content.blocks.filter((block) => block.kind === 'code');
  const where = `the "### ${part}" part of ${id}`;
  if (blocks.length === 0) return fail(content.line, `${where} has no \`\`\`python code block`);
  if (blocks.length > 1) return fail(blocks[1]!.start + 1, `${where} has ${blocks.length} code blocks; it must have exactly one`);
  const block = blocks[0]!;
  if (block.kind !== 'code') throw new Error('unreachable: filtered to code blocks');
  if (!block.closed) fail(block.start + 1, `the code block in ${where} is never closed`);
  if (!PYTHON_INFO.test(block.info)) {
    fail(block.start + 1, `the code block in ${where} must be marked \`\`\`python (it is "${block.info || 'unmarked'}")`);
  }
  if (block.code.trim() === '') fail(block.start + 1, `the code block in ${where} is empty`);
  return block.code;
}

function trimBlankLines(lines: readonly string[]): readonly string[] {
  let start = 0;
  let end = lines.length;
  while (start < end && lines[start]!.trim() === '') start++;
  while (end > start && lines[end - 1]!.trim() === '') end--;
  return lines.slice(start, end);
}
