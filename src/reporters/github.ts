import type { Finding, Level, Problem } from '../core/types.js';
import { listedFindings, type RunReport } from './report.js';
import { ciPath } from './repo-path.js';

/**
 * GitHub Actions workflow commands, one annotation per finding:
 * `::warning file=pkg/app.py,line=4,endLine=4,col=21,endColumn=23,title=pitfall MUT001 (mutable-default-argument)::message`.
 *
 * Values are escaped exactly as actions/toolkit does and the runner undoes, so a
 * `%`, `:`, `,` or line break in a path or message comes out intact and can never
 * start a command of its own. Paths are relative to the repository root, which
 * is where GitHub resolves `file=`. Columns count characters, as in text and JSON,
 * and are left out of multi-line ranges, where the runner drops them anyway.
 * Files that could not be linted get an `::error` too, so the pull request shows why the run failed.
 */
export function formatGithub(report: RunReport): string {
  const lines = listedFindings(report).map(({ finding, suppressed }) => annotation(finding, report, suppressed));
  for (const problem of report.problems) lines.push(problemAnnotation(problem, report));
  return lines.map((line) => `${line}\n`).join('');
}

type Property = readonly [name: string, value: string | number];

const COMMAND: Record<Level, string> = { error: 'error', warning: 'warning', note: 'notice' };

function annotation(finding: Finding, report: RunReport, suppressed: boolean): string {
  const singleLine = finding.start.line === finding.end.line;
  const columns: Property[] = singleLine ? [['col', finding.start.column], ['endColumn', finding.end.column]] : [];
  const properties: Property[] = [
    ['file', ciPath(finding.path, report)],
    ['line', finding.start.line],
    ['endLine', finding.end.line],
    ...columns,
    ['title', `pitfall ${finding.ruleId} (${finding.ruleName}${suppressed ? ', suppressed' : ''})`],
  ];
  // A suppressed finding is shown only on request, and as a notice: it does not fail the run.
  return command(suppressed ? 'notice' : COMMAND[finding.level], properties, finding.message);
}

function problemAnnotation(problem: Problem, report: RunReport): string {
  const title = problem.kind === 'internal' ? 'pitfall (internal error)' : 'pitfall (file not linted)';
  return command('error', [['file', ciPath(problem.path, report)], ['title', title]], problem.message);
}

function command(name: string, properties: readonly Property[], message: string): string {
  const props = properties.map(([key, value]) => `${key}=${escapeProperty(String(value))}`).join(',');
  return `::${name} ${props}::${escapeData(message)}`;
}

/** actions/toolkit `escapeData`: `%` first, so the runner's decoding (`%25` last) round-trips. */
export function escapeData(text: string): string {
  return text.replace(/%/g, '%25').replace(/\r/g, '%0D').replace(/\n/g, '%0A');
}

/** actions/toolkit `escapeProperty`: as data, plus the `:` and `,` that end a property. */
export function escapeProperty(text: string): string {
  return escapeData(text).replace(/:/g, '%3A').replace(/,/g, '%2C');
}
