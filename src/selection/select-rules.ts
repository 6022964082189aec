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

/** One place that chooses rules: the command line, or one config file. */
export interface SelectionLayer extends Selection {
  readonly extendSelect?: readonly string[];
  readonly extendIgnore?: readonly string[];
}

/**
 * The rules a run uses. Without `select`, the rules enabled by default; with it,
 * exactly what it names (a prefix or concept brings in its off-by-default rules
 * too, like ruff). `ignore` then removes rules. Syntax errors are always reported
 * unless ignored by name: hiding them would hide that other rules could not run.
 */
export function selectRules(all: readonly RuleDefinition[], selection: Selection): RuleDefinition[] {
  return selectRulesInLayers(all, [selection]);
}

/**
 * Applies layers in order (an extended config file, then the config file, then
 * the command line), starting from the rules enabled by default. In each layer:
 * `select` replaces the set so far (keeping the syntax rule), `extend-select`
 * adds to it, then `ignore` and `extend-ignore` remove from it. So a later
 * layer's `select` drops what earlier layers ignored, and a later
 * `extend-select` brings back a rule an earlier layer ignored; within one layer
 * an ignore always wins.
 */
export function selectRulesInLayers(all: readonly RuleDefinition[], layers: readonly SelectionLayer[]): RuleDefinition[] {
  assertKnownSelectors(
    all,
    layers.flatMap((layer) => [...(layer.select ?? []), ...(layer.extendSelect ?? []), ...(layer.ignore ?? []), ...(layer.extendIgnore ?? [])]),
  );
  let chosen = new Set(all.filter((rule) => rule.enabledByDefault));
  for (const layer of layers) {
    const matchesAny = (selectors: readonly string[] | undefined, rule: RuleDefinition) =>
      (selectors ?? []).some((selector) => selectorMatches(selector, rule));
    if (layer.select !== undefined) {
      chosen = new Set(all.filter((rule) => rule.concept === 'syntax' || matchesAny(layer.select, rule)));
    }
    for (const rule of all) if (matchesAny(layer.extendSelect, rule)) chosen.add(rule);
    for (const rule of all) if (matchesAny(layer.ignore, rule) || matchesAny(layer.extendIgnore, rule)) chosen.delete(rule);
  }
  return all.filter((rule) => chosen.has(rule));
}

export function assertKnownSelectors(all: readonly RuleDefinition[], selectors: readonly string[]): void {
  for (const selector of selectors) {
    const problem = unknownSelectorProblem(all, selector);
    if (problem) throw new UnknownSelectorError(`${problem}; run 'pitfall rules' for the list`);
  }
}

/** Why a selector names no rule ("unknown rule selector 'EXC01' (did you mean 'EXC001'?)"), or undefined when it names some. */
export function unknownSelectorProblem(all: readonly RuleDefinition[], selector: string): string | undefined {
  if (all.some((rule) => selectorMatches(selector, rule))) return undefined;
  const candidates = [...all.map((rule) => rule.id), ...all.map((rule) => rule.name), ...new Set(all.map((rule) => rule.concept))];
  const suggestion = closestMatch(selector, candidates);
  return `unknown rule selector '${selector}'${suggestion ? ` (did you mean '${suggestion}'?)` : ''}`;
}

/** Finds one rule by exact id or name (case-insensitive), for `pitfall rule`. */
export function findRule(all: readonly RuleDefinition[], key: string): RuleDefinition | undefined {
  const upper = key.toUpperCase();
  const lower = key.toLowerCase();
  return all.find((rule) => rule.id === upper || rule.name === lower);
}
