import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { ALL_RULES } from '../rules/index.js';
import { Linter } from '../src/engine/linter.js';
import type { RuleDefinition } from '../src/core/rule.js';
import { lintWithSuppressions } from '../src/suppressions/index.js';

export const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..');

const linters = new Map<string, Linter>();

/**
 * Lints the way a project with default settings that also selects `extra`
 * would: every rule on by default plus the named ones (an off-by-default rule
 * is tested in its own fixture and lesson, and nowhere else). Suppression
 * comments apply as in `pitfall check`, so PIT001 is reported.
 */
export function lintWithDefaultsPlus(extra: readonly string[], path: string, source: string) {
  const rules = ALL_RULES.filter((rule) => rule.enabledByDefault || extra.includes(rule.id));
  const key = rules.map((rule) => rule.id).join();
  let linter = linters.get(key);
  if (!linter) linters.set(key, (linter = new Linter({ rules })));
  return lintWithSuppressions(linter, path, source, { rules });
}

/** Lints with the given rules and applies suppression comments, as `pitfall check` does. */
export function lintWith(rules: readonly RuleDefinition[], source: string, path = 'example.py') {
  return lintWithSuppressions(new Linter({ rules }), path, source, { rules });
}

export function readRepoFile(relative: string): string {
  return readFileSync(join(ROOT, relative), 'utf8');
}
