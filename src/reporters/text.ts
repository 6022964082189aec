import { createColors } from 'picocolors';
import type { Finding, Level } from '../core/types.js';
import { listedFindings, summaryLine, type RunReport } from './report.js';
import { neutralise, snippet } from './terminal-safe.js';

type Colors = ReturnType<typeof createColors>;

export interface TextOptions {
  readonly color: boolean;
  /** Leave out the closing summary. */
  readonly quiet: boolean;
}

/**
 * Human-readable findings, grouped by file (a blank line between files), each as
 * `path:line:col: ID message [name]` with the source line and the span underlined;
 * with `--show-suppressed`, suppressed findings too, marked `(suppressed)`.
 */
export function formatText(report: RunReport, options: TextOptions): string {
  const colors = createColors(options.color);
  const paint = levelPaint(colors);
  const blocks: string[] = [];
  let previousPath: string | undefined;
  for (const { finding, suppressed } of listedFindings(report)) {
    if (previousPath !== undefined && finding.path !== previousPath) blocks.push('');
    previousPath = finding.path;
    blocks.push(formatFinding(finding, colors, suppressed ? colors.dim : paint[finding.level], suppressed));
  }
  const lines = blocks.length > 0 ? [...blocks, ''] : [];
  if (!options.quiet) lines.push(colors.bold(summaryLine(report)));
  return lines.length > 0 ? `${lines.join('\n')}\n` : '';
}

/** How each level's rule id is coloured. */
export function levelPaint(colors: Colors): Record<Level, (text: string) => string> {
  return {
    error: (text) => colors.bold(colors.red(text)),
    warning: (text) => colors.bold(colors.yellow(text)),
    note: (text) => colors.bold(colors.cyan(text)),
  };
}

function formatFinding(finding: Finding, colors: Colors, paint: (text: string) => string, suppressed: boolean): string {
  const location = `${colors.bold(neutralise(finding.path))}${colors.dim(`:${finding.start.line}:${finding.start.column}:`)}`;
  const mark = suppressed ? ` ${colors.dim('(suppressed)')}` : '';
  const header = `${location} ${paint(finding.ruleId)} ${neutralise(finding.message)} ${colors.dim(`[${finding.ruleName}]`)}${mark}`;
  const end = finding.end.line === finding.start.line ? finding.end.column : Number.MAX_SAFE_INTEGER;
  const shown = snippet(finding.lineText, finding.start.column, end);
  const gutter = String(finding.start.line);
  const pad = ' '.repeat(gutter.length);
  return [
    header,
    `${colors.dim(` ${gutter} |`)} ${shown.line}`,
    `${colors.dim(` ${pad} |`)} ${' '.repeat(shown.underlineStart)}${paint('^'.repeat(shown.underlineWidth))}`,
  ].join('\n');
}
