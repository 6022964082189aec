import { fingerprintRun } from '../core/fingerprints.js';
import type { RuleDefinition } from '../core/rule.js';
import { compareFindings, type Finding, type Level, type Problem } from '../core/types.js';

/** Everything a reporter needs about one run. */
export interface RunReport {
  /** The findings reported: no comment suppressed them. */
  readonly findings: readonly Finding[];
  /** Findings a `# noqa` or `# pitfall:` comment suppressed: counted in the summary, shown only with `showSuppressed`. */
  readonly suppressed?: readonly Finding[];
  /** `--show-suppressed`: list suppressed findings too, marked as such. */
  readonly showSuppressed?: boolean;
  readonly problems: readonly Problem[];
  readonly filesChecked: number;
  /** The rules that ran, sorted by id. */
  readonly rules: readonly RuleDefinition[];
  /** Absolute working directory: finding paths are relative to it. */
  readonly cwd: string;
  /** Absolute repository root: SARIF paths are relative to it. */
  readonly sourceRoot: string;
  readonly toolVersion: string;
  /** `pitfall/v1` fingerprints of the whole run, taken before a baseline or `--diff-base` hid findings. */
  readonly fingerprints?: ReadonlyMap<Finding, string>;
  /** What `--baseline` and `--diff-base` left out, for the summary. */
  readonly hidden?: HiddenCounts;
}

export interface HiddenCounts {
  /** Findings matched by a baseline entry. */
  readonly inBaseline: number;
  /** Baseline entries for files linted in this run whose finding no longer occurs. */
  readonly staleBaselineEntries: number;
  /** Findings on lines unchanged since the `--diff-base` revision. */
  readonly onUnchangedLines: number;
}

/** Fingerprints for every finding of the report: those of the whole run when it carries them. */
export function reportFingerprints(report: RunReport): ReadonlyMap<Finding, string> {
  return report.fingerprints ?? fingerprintRun(report.findings, report.suppressed ?? []);
}

export function countByLevel(findings: readonly Finding[]): Record<Level, number> {
  const counts: Record<Level, number> = { error: 0, warning: 0, note: 0 };
  for (const finding of findings) counts[finding.level]++;
  return counts;
}

export function plural(count: number, singular: string, pluralForm = `${singular}s`): string {
  return `${count} ${count === 1 ? singular : pluralForm}`;
}

/**
 * "Found 12 problems (3 errors, 9 warnings) in 4 of 120 files." or "No problems
 * found in 120 files.", ending "; 2 suppressed; 5 in the baseline; 40 on
 * unchanged lines not shown." for what was left out, and a second line when
 * baseline entries are stale, so a short report never passes for clean code.
 */
export function summaryLine(report: RunReport): string {
  const { findings, filesChecked } = report;
  const hidden = report.hidden;
  const notes = [
    [report.suppressed?.length ?? 0, 'suppressed'],
    [hidden?.inBaseline ?? 0, 'in the baseline'],
    [hidden?.onUnchangedLines ?? 0, 'on unchanged lines not shown'],
  ] as const;
  const end = notes.filter(([count]) => count > 0).map(([count, note]) => `; ${count} ${note}`).join('') + '.';
  const stale = hidden?.staleBaselineEntries ?? 0;
  const staleLine = stale > 0 ? `\n${plural(stale, 'baseline entry', 'baseline entries')} no longer ${stale === 1 ? 'occurs' : 'occur'}: rewrite the baseline with --write-baseline to drop ${stale === 1 ? 'it' : 'them'}.` : '';
  if (findings.length === 0) return `No problems found in ${plural(filesChecked, 'file')}${end}${staleLine}`;
  const counts = countByLevel(findings);
  const parts = (['error', 'warning', 'note'] as const)
    .filter((level) => counts[level] > 0)
    .map((level) => plural(counts[level], level));
  const files = new Set(findings.map((finding) => finding.path)).size;
  return `Found ${plural(findings.length, 'problem')} (${parts.join(', ')}) in ${files} of ${plural(filesChecked, 'file')}${end}${staleLine}`;
}

export interface ListedFinding {
  readonly finding: Finding;
  readonly suppressed: boolean;
}

/** The findings a report lists, in order: the reported ones, and the suppressed ones too with `showSuppressed`. */
export function listedFindings(report: RunReport): ListedFinding[] {
  const listed = report.findings.map((finding) => ({ finding, suppressed: false }));
  if (!report.showSuppressed || !report.suppressed?.length) return listed;
  return [...listed, ...report.suppressed.map((finding) => ({ finding, suppressed: true }))].sort((a, b) => compareFindings(a.finding, b.finding));
}
