/** Lessons: reading `rules/<concept>/lesson.md`, and the rule docs and terminal pages built from it. */
export { LessonFormatError, parseLesson, SECTION_PARTS, type Lesson, type LessonSection } from './parse.js';
export { hasLesson, lessonPath, loadLesson, loadLessons, packageRoot } from './load.js';
export { lessonSection, ruleDocs, type RuleDocs, type RuleDocsOptions, type RuleMetadata } from './rule-docs.js';
export { renderForTerminal, type RenderOptions } from './terminal.js';
export { firstSentence, inlineToPlain } from './markdown.js';
