/**
 * Finds and reads `rules/<concept>/lesson.md` from the installed package,
 * wherever the code runs from: `src/lessons/*.ts` under vitest, or
 * `dist/src/lessons/*.js` after `tsc`.
 */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { packageInfo } from '../core/package-info.js';
import { CONCEPTS } from '../../rules/concepts.js';
import { parseLesson, type Lesson } from './parse.js';

const CONCEPT_ID = /^[a-z][a-z0-9]*(?:-[a-z0-9]+)*$/;

const cache = new Map<string, Lesson>();

/** The folder holding pitfall's `package.json`, `rules/` and `docs/`. */
export function packageRoot(): string {
  return packageInfo().root;
}

/** A concept's lesson file, relative to the package root, with forward slashes. */
export function lessonPath(concept: string): string {
  if (!CONCEPT_ID.test(concept)) throw new Error(`"${concept}" is not a concept id (kebab-case folder name)`);
  return `rules/${concept}/lesson.md`;
}

/** Whether the concept has a lesson file. */
export function hasLesson(concept: string): boolean {
  return existsSync(join(packageRoot(), lessonPath(concept)));
}

/** Reads and parses a concept's lesson once; throws if it is missing or out of format. */
export function loadLesson(concept: string): Lesson {
  const cached = cache.get(concept);
  if (cached) return cached;
  const file = lessonPath(concept);
  let text: string;
  try {
    text = readFileSync(join(packageRoot(), file), 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') {
      throw new Error(`concept "${concept}" has no lesson: ${file} does not exist`);
    }
    throw error;
  }
  const lesson = parseLesson(text, concept, file);
  cache.set(concept, lesson);
  return lesson;
}

/** Every concept's lesson that exists, in lesson order (the order of `CONCEPTS`). */
export function loadLessons(): Lesson[] {
  return CONCEPTS.filter((concept) => hasLesson(concept.id)).map((concept) => loadLesson(concept.id));
}
