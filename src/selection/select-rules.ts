import type { RuleDefinition } from '../core/rule.js';
import { closestMatch } from './closest-match.js';

export class UnknownSelectorError extends Error {}

/**
 * Whether a selector names a rule: its id (`MUT001`), an id prefix (`MUT`,
 * `MUT00`), its name (`mutable-default-argument`), its concept
 * (`mutability`), or `ALL`. Case-insensitive.
 */
export function selectorMatches(selector: string, rule: RuleDefinition): boolean {
  const wanted = selector.trim();
  const upper = wanted.toUpperCase();
  if (upper === 'ALL') return true;
  if (/^[A-Z]{3}\d{0,3}$/.test(upper) && rule.id.startsWith(upper)) return true;
  const lower = wanted.toLowerCase();
  return rule.name === lower || rule.concept === lower;
}

export interface Selection {
  readonly select?: readonly string[];
  readonly ignore?: readonly string[];
}

/**
 * The rules a run uses. Without `select`, the rules enabled by default; with it,
 * exactly what it names (a prefix or concept brings in its off-by-default rules
 * too, like ruff). `ignore` then removes rules. Syntax errors are always reported
 * unless ignored by name: hiding them would hide that other rules could not run.
 */
export function selectRules(all: readonly RuleDefinition[], selection: Selection): RuleDefinition[] {
  const select = selection.select ?? [];
  const ignore = selection.ignore ?? [];
  assertKnownSelectors(all, [...select, ...ignore]);
  const chosen = all.filter((rule) =>
    rule.concept === 'syntax' ||
    (select.length === 0 ? rule.enabledByDefault : select.some((selector) => selectorMatches(selector, rule))),
  );
  return chosen.filter((rule) => !ignore.some((selector) => selectorMatches(selector, rule)));
}

export function assertKnownSelectors(all: readonly RuleDefinition[], selectors: readonly string[]): void {
  for (const selector of selectors) {
    if (all.some((rule) => selectorMatches(selector, rule))) continue;
    const candidates = [...all.map((rule) => rule.id), ...all.map((rule) => rule.name), ...new Set(all.map((rule) => rule.concept))];
    const suggestion = closestMatch(selector, candidates);
    throw new UnknownSelectorError(
      `unknown rule selector '${selector}'${suggestion ? ` (did you mean '${suggestion}'?)` : ''}; run 'pitfall rules' for the list`,
    );
  }
}

/** Finds one rule by exact id or name (case-insensitive), for `pitfall rule`. */
export function findRule(all: readonly RuleDefinition[], key: string): RuleDefinition | undefined {
  const upper = key.toUpperCase();
  const lower = key.toLowerCase();
  return all.find((rule) => rule.id === upper || rule.name === lower);
}
