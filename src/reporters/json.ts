import type { Finding } from '../core/types.js';
import { listedFindings, type RunReport } from './report.js';

/**
 * The JSON report: an array of findings with the same fields every time
 * (`fix` only when a suggested rewrite exists). Columns count code points,
 * 1-based; `endColumn` is one past the last character.
 */
export interface JsonFinding {
  rule: string;
  name: string;
  level: string;
  message: string;
  path: string;
  line: number;
  column: number;
  endLine: number;
  endColumn: number;
  concept: string;
  /** Only with `--show-suppressed`, on findings a comment suppressed. */
  suppressed?: true;
  fix?: {
    description: string;
    edits: { line: number; column: number; endLine: number; endColumn: number; replacement: string }[];
  };
}

export function toJsonFinding(finding: Finding): JsonFinding {
  return {
    rule: finding.ruleId,
    name: finding.ruleName,
    level: finding.level,
    message: finding.message,
    path: finding.path,
    line: finding.start.line,
    column: finding.start.column,
    endLine: finding.end.line,
    endColumn: finding.end.column,
    concept: finding.concept,
    ...(finding.fix
      ? {
          fix: {
            description: finding.fix.description,
            edits: finding.fix.edits.map((edit) => ({
              line: edit.start.line,
              column: edit.start.column,
              endLine: edit.end.line,
              endColumn: edit.end.column,
              replacement: edit.replacement,
            })),
          },
        }
      : {}),
  };
}

export function formatJson(report: RunReport): string {
  const findings = listedFindings(report).map(({ finding, suppressed }) => (suppressed ? { ...toJsonFinding(finding), suppressed: true as const } : toJsonFinding(finding)));
  return `${JSON.stringify(findings, null, 2)}\n`;
}
