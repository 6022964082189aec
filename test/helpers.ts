import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { ALL_RULES } from '../rules/index.js';
import { Linter } from '../src/engine/linter.js';
import type { RuleDefinition } from '../src/core/rule.js';
import { lintWithSuppressions } from '../src/suppressions/index.js';

export const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..');

let everyRule: Linter | undefined;

/**
 * Lints with every rule on, including those off by default, and applies
 * suppression comments the way `pitfall check` does (so PIT001 is reported).
 */
export function lintWithAllRules(path: string, source: string) {
  everyRule ??= new Linter({ rules: ALL_RULES });
  return lintWithSuppressions(everyRule, path, source, { rules: ALL_RULES });
}

/** Lints with the given rules and applies suppression comments, as `pitfall check` does. */
export function lintWith(rules: readonly RuleDefinition[], source: string, path = 'example.py') {
  return lintWithSuppressions(new Linter({ rules }), path, source, { rules });
}

export function readRepoFile(relative: string): string {
  return readFileSync(join(ROOT, relative), 'utf8');
}
