/**
 * A rule's documentation, built from its definition (metadata) and its lesson
 * section (prose): the one source for `docs/rules/<ID>.md`, the SARIF rule
 * metadata and `pitfall rule <ID>`.
 */
import type { RuleDefinition } from '../core/rule.js';
import { loadLesson } from './load.js';
import { inlineToPlain, shiftHeadings } from './markdown.js';
import type { Lesson, LessonSection } from './parse.js';
import { renderForTerminal } from './terminal.js';

/** The parts of a rule definition its docs need. */
export type RuleMetadata = Pick<RuleDefinition, 'id' | 'name' | 'concept' | 'level' | 'enabledByDefault' | 'category' | 'precision' | 'checksStubs'>;

export interface RuleDocs {
  /** The summary's first sentence, plain text (SARIF `shortDescription`). */
  readonly shortDescription: string;
  /** The summary paragraph, plain text (SARIF `fullDescription`). */
  readonly fullDescription: string;
  /** The docs page as plain text (SARIF `help.text`). */
  readonly helpText: string;
  /** The docs page (SARIF `help.markdown`, `docs/rules/<ID>.md`). */
  readonly helpMarkdown: string;
  /** Where the page is generated, relative to the package root: `docs/rules/<ID>.md`. */
  readonly docsPath: string;
}

export interface RuleDocsOptions {
  /**
   * How the page links to other docs: this prefix plus `concepts/<concept>.md`.
   * Default `../`, right for a page in `docs/rules/`; pass an absolute URL or
   * folder when the page is shown elsewhere (SARIF, the terminal).
   */
  readonly docsBase?: string;
}

/** The lesson section of a rule; throws if the lesson lacks it or names it differently. */
export function lessonSection(rule: RuleMetadata): { lesson: Lesson; section: LessonSection } {
  const lesson = loadLesson(rule.concept);
  const section = lesson.sections.find((candidate) => candidate.id === rule.id);
  if (!section) throw new Error(`${rule.id} (${rule.name}) has no "## ${rule.id} ${rule.name}" section in ${lesson.file}`);
  if (section.name !== rule.name) {
    throw new Error(`${lesson.file}:${section.line}: the section for ${rule.id} names it "${section.name}", but the rule is "${rule.name}"`);
  }
  return { lesson, section };
}

export function ruleDocs(rule: RuleMetadata, options: RuleDocsOptions = {}): RuleDocs {
  const { lesson, section } = lessonSection(rule);
  const lessonLink = `${options.docsBase ?? '../'}concepts/${lesson.concept}.md`;
  const helpMarkdown = [
    `# ${rule.id} ${rule.name}`,
    `**Concept:** ${lesson.title} · **Default level:** ${rule.level} · **${rule.enabledByDefault ? 'On' : 'Off'} by default** · **Category:** ${rule.category} · **Precision:** ${rule.precision}${rule.checksStubs ? ' · **Checks `.pyi` stubs too**' : ''}`,
    shiftHeadings(section.markdown, -1),
    '## The idea',
    lesson.idea,
    `Read the whole lesson: [${lesson.title}](${lessonLink}).`,
  ].join('\n\n') + '\n';
  return {
    shortDescription: inlineToPlain(section.shortDescription),
    fullDescription: inlineToPlain(section.summary),
    helpText: renderForTerminal(helpMarkdown, false, { width: Infinity }),
    helpMarkdown,
    docsPath: `docs/rules/${rule.id}.md`,
  };
}
