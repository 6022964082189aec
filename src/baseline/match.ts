import { relative, resolve, sep } from 'node:path';
import type { Finding } from '../core/types.js';
import type { BaselineEntry } from './format.js';

/** How a finding is named in a baseline: from the baseline file's folder, `/`-separated, whatever the working directory. */
export function baselinePathOf(findingPath: string, cwd: string, baselineFolder: string): string {
  return relative(baselineFolder, resolve(cwd, findingPath)).split(sep).join('/');
}

export function baselineEntryOf(finding: Finding, fingerprint: string, path: string): BaselineEntry {
  return { path, rule: finding.ruleId, fingerprint, message: finding.message, line: finding.start.line };
}

export interface MatchContext {
  /** The run's fingerprints, taken over all of its findings. */
  readonly fingerprints: ReadonlyMap<Finding, string>;
  /** A finding's path as the baseline names it. */
  readonly pathOf: (finding: Finding) => string;
  /** The files linted in this run, as the baseline names them. */
  readonly lintedPaths: ReadonlySet<string>;
  /** The rules that ran in this run. */
  readonly rulesRun: ReadonlySet<string>;
}

export interface BaselineMatch {
  /** Findings the baseline does not hold: these are reported. */
  readonly unmatched: Finding[];
  /** Findings an entry accounts for: these are hidden. */
  readonly matched: Finding[];
  /** Entries this run could have matched (file linted, rule run) but did not. */
  readonly stale: BaselineEntry[];
  /** Entries this run says nothing about: their file was not linted or their rule did not run. */
  readonly untouched: BaselineEntry[];
}

/**
 * Pairs findings with entries by (path, rule, fingerprint) as a multiset: each
 * entry accounts for one finding. The fingerprint holds no line number, so code
 * moving up or down still matches; its occurrence index tells two identical
 * findings apart, so fixing one of them leaves one entry, not two, unmatched.
 */
export function matchBaseline(entries: readonly BaselineEntry[], findings: readonly Finding[], context: MatchContext): BaselineMatch {
  const remaining = new Map<string, BaselineEntry[]>();
  for (const entry of entries) {
    const key = keyOf(entry.path, entry.rule, entry.fingerprint);
    const same = remaining.get(key);
    if (same) same.push(entry);
    else remaining.set(key, [entry]);
  }
  const unmatched: Finding[] = [];
  const matched: Finding[] = [];
  for (const finding of findings) {
    const left = remaining.get(keyOf(context.pathOf(finding), finding.ruleId, context.fingerprints.get(finding)!));
    if (left && left.length > 0) {
      left.pop();
      matched.push(finding);
    } else {
      unmatched.push(finding);
    }
  }
  const stale: BaselineEntry[] = [];
  const untouched: BaselineEntry[] = [];
  for (const entry of [...remaining.values()].flat()) {
    (context.lintedPaths.has(entry.path) && context.rulesRun.has(entry.rule) ? stale : untouched).push(entry);
  }
  return { unmatched, matched, stale, untouched };
}

function keyOf(path: string, rule: string, fingerprint: string): string {
  return `${path}\0${rule}\0${fingerprint}`;
}
