import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { ALL_RULES } from '../rules/index.js';
import { Linter } from '../src/engine/linter.js';
import type { RuleDefinition } from '../src/core/rule.js';

export const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..');

let everyRule: Linter | undefined;

/** A linter with every rule on, including those off by default. */
export function lintWithAllRules(path: string, source: string) {
  everyRule ??= new Linter({ rules: ALL_RULES });
  return everyRule.lintText(path, source);
}

export function lintWith(rules: readonly RuleDefinition[], source: string, path = 'example.py') {
  return new Linter({ rules }).lintText(path, source);
}

export function readRepoFile(relative: string): string {
  return readFileSync(join(ROOT, relative), 'utf8');
}
