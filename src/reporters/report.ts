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
 * found in 120 files.", with "; 2 suppressed." when comments suppressed findings.
 */
export function summaryLine(report: RunReport): string {
  const { findings, filesChecked } = report;
  const suppressedCount = report.suppressed?.length ?? 0;
  const end = suppressedCount > 0 ? `; ${suppressedCount} suppressed.` : '.';
  if (findings.length === 0) return `No problems found in ${plural(filesChecked, 'file')}${end}`;
  const counts = countByLevel(findings);
  const parts = (['error', 'warning', 'note'] as const)
    .filter((level) => counts[level] > 0)
    .map((level) => plural(counts[level], level));
  const files = new Set(findings.map((finding) => finding.path)).size;
  return `Found ${plural(findings.length, 'problem')} (${parts.join(', ')}) in ${files} of ${plural(filesChecked, 'file')}${end}`;
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
