import { resolve } from 'node:path';
import { levelRank, LEVELS, type Finding, type Level, type Problem } from '../core/types.js';
import { packageInfo } from '../core/package-info.js';
import { ALL_RULES } from '../../rules/index.js';
import { findSourceRoot } from '../io/paths.js';
import { ruleDocs } from '../lessons/index.js';
import { formatJson } from '../reporters/json.js';
import { summaryLine, type RunReport } from '../reporters/report.js';
import { formatSarif } from '../reporters/sarif.js';
import { neutralise } from '../reporters/terminal-safe.js';
import { formatText } from '../reporters/text.js';
import { runCheck } from '../run/check.js';
import { selectRules } from '../selection/select-rules.js';
import { shouldColor } from './color.js';
import { writeFileAtomically, writeStdout } from './output.js';
import { readStdin } from './stdin.js';

export const FORMATS = ['text', 'json', 'sarif'] as const;
export type Format = (typeof FORMATS)[number];

export interface CheckArguments {
  readonly paths: readonly string[];
  readonly format: Format;
  readonly output?: string;
  readonly select?: readonly string[];
  readonly ignore?: readonly string[];
  readonly failOn: Level;
  readonly exitZero: boolean;
  readonly color?: boolean;
  readonly quiet: boolean;
  readonly stdinFilename?: string;
}

export const EXIT = { clean: 0, findings: 1, error: 2 } as const;

/** `pitfall check`: lint, report, and say through the exit code what happened. */
export async function checkCommand(args: CheckArguments): Promise<number> {
  const cwd = process.cwd();
  const rules = selectRules(ALL_RULES, { select: args.select, ignore: args.ignore }).sort((a, b) => (a.id < b.id ? -1 : 1));
  const outcome = await runCheck({
    paths: args.paths.length > 0 ? args.paths : ['.'],
    cwd,
    rules,
    stdin: readStdin,
    stdinFilename: args.stdinFilename,
  });
  const info = packageInfo();
  const report: RunReport = {
    ...outcome,
    rules,
    cwd,
    sourceRoot: findSourceRoot(cwd),
    toolVersion: info.version,
  };

  const toFile = args.output !== undefined;
  const color = !toFile && args.format === 'text' && shouldColor(args.color, process.stdout, process.env);
  const body = render(report, args, color, info.homepage);

  reportProblems(report.problems);
  if (toFile) {
    try {
      await writeFileAtomically(resolve(cwd, args.output!), body);
    } catch (error) {
      process.stderr.write(`pitfall: error: cannot write the report to ${args.output}: ${(error as Error).message}\n`);
      return EXIT.error;
    }
  } else {
    await writeStdout(body);
  }
  // The text report carries its own summary; machine formats keep stdout clean and summarise on stderr.
  if (!args.quiet && (args.format !== 'text' || toFile)) process.stderr.write(`${summaryLine(report)}\n`);

  return exitCode(report.findings, report.problems, args);
}

function render(report: RunReport, args: CheckArguments, color: boolean, homepage: string): string {
  switch (args.format) {
    case 'json':
      return formatJson(report);
    case 'sarif':
      return formatSarif(report, { describe: (rule) => ruleDocs(rule, { docsBase: `${homepage}/blob/main/docs/` }), informationUri: homepage });
    case 'text':
      return formatText(report, { color, quiet: args.quiet || args.output !== undefined });
  }
}

function reportProblems(problems: readonly Problem[]): void {
  for (const problem of problems) {
    process.stderr.write(`pitfall: error: ${neutralise(problem.path)}: ${neutralise(problem.message)}\n`);
  }
  if (problems.length > 0) {
    const files = new Set(problems.map((problem) => problem.path)).size;
    process.stderr.write(`pitfall: ${files === 1 ? '1 file' : `${files} files`} could not be fully linted\n`);
  }
}

/** 2 for anything that went wrong (it wins over findings), 1 for failing findings, else 0. */
export function exitCode(findings: readonly Finding[], problems: readonly Problem[], args: Pick<CheckArguments, 'failOn' | 'exitZero'>): number {
  if (problems.length > 0) return EXIT.error;
  if (args.exitZero) return EXIT.clean;
  const threshold = levelRank(args.failOn);
  return findings.some((finding) => levelRank(finding.level) <= threshold) ? EXIT.findings : EXIT.clean;
}

export { LEVELS };
