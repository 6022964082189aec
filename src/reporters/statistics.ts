import { createColors } from 'picocolors';
import { levelRank, type Finding, type Level } from '../core/types.js';
import { summaryLine, type RunReport } from './report.js';
import { levelPaint, type TextOptions } from './text.js';

/**
 * `--statistics`: how many findings each rule reported, instead of the findings,
 * most frequent first (then by rule id). A rule whose level differs between files
 * (per-file `levels`) gets one row per level. With `--show-suppressed`, each row
 * also says how many findings comments suppressed.
 */
export interface RuleCount {
  rule: string;
  name: string;
  level: Level;
  count: number;
  /** Only with `--show-suppressed`. */
  suppressed?: number;
}

export function ruleCounts(report: RunReport): RuleCount[] {
  const rows = new Map<string, RuleCount>();
  const rowOf = (finding: Finding) => {
    const key = `${finding.ruleId}\0${finding.level}`;
    let row = rows.get(key);
    if (!row) {
      row = { rule: finding.ruleId, name: finding.ruleName, level: finding.level, count: 0, ...(report.showSuppressed ? { suppressed: 0 } : {}) };
      rows.set(key, row);
    }
    return row;
  };
  for (const finding of report.findings) rowOf(finding).count++;
  if (report.showSuppressed) for (const finding of report.suppressed ?? []) rowOf(finding).suppressed!++;
  return [...rows.values()].sort(
    (a, b) => b.count - a.count || (a.rule < b.rule ? -1 : a.rule > b.rule ? 1 : 0) || levelRank(a.level) - levelRank(b.level),
  );
}

/** The JSON form: an array of `{rule, name, level, count}`, `[]` when clean. */
export function formatStatisticsJson(report: RunReport): string {
  return `${JSON.stringify(ruleCounts(report), null, 2)}\n`;
}

/** The text form: aligned columns count, rule id, name, level; then the summary line, as in the text report. */
export function formatStatisticsText(report: RunReport, options: TextOptions): string {
  const colors = createColors(options.color);
  const paint = levelPaint(colors);
  const rows = ruleCounts(report);
  const width = (values: readonly string[]) => Math.max(0, ...values.map((value) => value.length));
  const countWidth = width(rows.map((row) => String(row.count)));
  const idWidth = width(rows.map((row) => row.rule));
  const nameWidth = width(rows.map((row) => row.name));
  const levelWidth = width(rows.map((row) => row.level));
  const lines = rows.map((row) => {
    const suppressed = row.suppressed ? `  ${colors.dim(`${row.suppressed} suppressed`)}` : '';
    const level = suppressed ? row.level.padEnd(levelWidth) : row.level;
    return `${String(row.count).padStart(countWidth)}  ${paint[row.level](row.rule.padEnd(idWidth))}  ${row.name.padEnd(nameWidth)}  ${level}${suppressed}`;
  });
  if (lines.length > 0 && !options.quiet) lines.push('');
  if (!options.quiet) lines.push(colors.bold(summaryLine(report)));
  return lines.length > 0 ? `${lines.join('\n')}\n` : '';
}
