import { join, resolve } from 'node:path';
import { buildId } from '../cache/build-id.js';
import { DEFAULT_CACHE_DIR, prepareCacheDir } from '../cache/file-cache.js';
import { levelRank, LEVELS, type Finding, type Level, type Problem } from '../core/types.js';
import { packageInfo } from '../core/package-info.js';
import { ALL_RULES } from '../../rules/index.js';
import { ConfigError, formatShownSettings, SettingsResolver, showSettings, type CliSettings, type ConfigMode, type TargetVersion } from '../config/index.js';
import { findSourceRoot } from '../io/paths.js';
import { ruleDocs } from '../lessons/index.js';
import { formatGithub } from '../reporters/github.js';
import { formatGitlab } from '../reporters/gitlab.js';
import { formatJson } from '../reporters/json.js';
import { formatJunit } from '../reporters/junit.js';
import { summaryLine, type RunReport } from '../reporters/report.js';
import { formatSarif } from '../reporters/sarif.js';
import { formatStatisticsJson, formatStatisticsText } from '../reporters/statistics.js';
import { neutralise } from '../reporters/terminal-safe.js';
import { formatText } from '../reporters/text.js';
import { runCheck, type DirectiveWarningAt } from '../run/check.js';
import { collectGarbageSooner } from '../run/gc-tuning.js';
import { assertKnownSelectors } from '../selection/select-rules.js';
import { adopt, AdoptionError, planAdoption, type AdoptedRun, type AdoptionPlan } from './adoption.js';
import { shouldColor } from './color.js';
import { writeFileAtomically, writeStdout } from './output.js';
import { readStdin } from './stdin.js';

export const FORMATS = ['text', 'json', 'sarif', 'github', 'gitlab', 'junit'] as const;
export type Format = (typeof FORMATS)[number];

export interface CheckArguments {
  readonly paths: readonly string[];
  readonly format: Format;
  readonly output?: string;
  /** `--sarif-category`: the SARIF run's category (`automationDetails.id`). */
  readonly sarifCategory?: string;
  readonly select?: readonly string[];
  readonly ignore?: readonly string[];
  readonly extendSelect?: readonly string[];
  readonly extendIgnore?: readonly string[];
  readonly exclude?: readonly string[];
  readonly extendExclude?: readonly string[];
  readonly respectGitignore?: boolean;
  readonly targetVersion?: TargetVersion;
  /** Undefined: from the config file, else `note`. */
  readonly failOn?: Level;
  readonly exitZero: boolean;
  readonly color?: boolean;
  readonly quiet: boolean;
  readonly stdinFilename?: string;
  /** `--config PATH`: this file for every linted file, instead of the nearest one. */
  readonly config?: string;
  /** `--isolated`: no config file at all. */
  readonly isolated: boolean;
  /** `--show-settings [path]`: print the settings instead of linting; '' when given without a path. */
  readonly showSettings?: string;
  /** `--show-suppressed`: list suppressed findings too, marked. */
  readonly showSuppressed: boolean;
  /** `--jobs N`: worker threads; default one per core. */
  readonly jobs?: number;
  /** False with `--no-cache`. */
  readonly cache: boolean;
  /** `--cache-dir DIR`; default `.pitfall_cache` at the repository root (or the working directory). */
  readonly cacheDir?: string;
  /** `--statistics`: a count per rule instead of the findings (text or json). */
  readonly statistics?: boolean;
  /** `--baseline FILE`: hide the findings this baseline file accepts. */
  readonly baseline?: string;
  /** `--write-baseline FILE`: record the run's findings in this file. */
  readonly writeBaseline?: string;
  /** `--diff-base REF`: report only findings on lines changed since this git revision. */
  readonly diffBase?: string;
}

export const EXIT = { clean: 0, findings: 1, error: 2 } as const;

/** `pitfall check`: lint, report, and say through the exit code what happened. */
export async function checkCommand(args: CheckArguments): Promise<number> {
  const cwd = process.cwd();
  if (args.config !== undefined && args.isolated) {
    process.stderr.write("pitfall: error: --config and --isolated contradict each other: one names a config file, the other ignores them all\n");
    return EXIT.error;
  }
  if (args.jobs !== undefined && !(Number.isInteger(args.jobs) && args.jobs >= 1)) {
    process.stderr.write(`pitfall: error: --jobs takes a whole number of worker threads, 1 or more (got ${args.jobs})\n`);
    return EXIT.error;
  }
  if (args.statistics && args.format !== 'text' && args.format !== 'json') {
    process.stderr.write(`pitfall: error: --statistics prints a count per rule as text or json, not as ${args.format}; drop one of the two options\n`);
    return EXIT.error;
  }
  const cli = cliSettings(args);
  assertKnownSelectors(ALL_RULES, [...(cli.select ?? []), ...(cli.ignore ?? []), ...(cli.extendSelect ?? []), ...(cli.extendIgnore ?? [])]);
  const mode: ConfigMode = args.isolated ? { kind: 'isolated' } : args.config !== undefined ? { kind: 'file', path: args.config } : { kind: 'nearest' };

  const warned = new Set<string>();
  const warnOnce = (message: string): void => {
    if (warned.has(message)) return;
    warned.add(message);
    process.stderr.write(`pitfall: warning: ${neutralise(message)}\n`);
  };
  let outcome: Awaited<ReturnType<typeof runCheck>>;
  let adoption: AdoptionPlan;
  try {
    const resolver = new SettingsResolver({ cwd, rules: ALL_RULES, cli, mode });
    if (args.showSettings !== undefined) {
      const first = args.paths[0] === '-' ? args.stdinFilename : args.paths[0];
      const shown = showSettings(resolver, cwd, args.showSettings || first || '.');
      await writeStdout(args.format === 'json' ? `${JSON.stringify(shown, null, 2)}\n` : formatShownSettings(shown, args.isolated));
      return EXIT.clean;
    }
    adoption = await planAdoption(args, cwd);
    collectGarbageSooner();
    outcome = await runCheck({
      paths: args.paths.length > 0 ? args.paths : ['.'],
      cwd,
      settings: resolver,
      stdin: readStdin,
      stdinFilename: args.stdinFilename,
      jobs: args.jobs,
      cache: args.cache ? openCache(resolve(cwd, args.cacheDir ?? join(findSourceRoot(cwd), DEFAULT_CACHE_DIR)), warnOnce) : undefined,
      onWarning: warnOnce,
    });
  } catch (error) {
    if (error instanceof AdoptionError) return adoptionFailed(error);
    if (!(error instanceof ConfigError)) throw error;
    for (const line of error.lines(cwd)) process.stderr.write(`pitfall: error: ${neutralise(line)}\n`);
    process.stderr.write('pitfall: fix the configuration above; nothing was linted\n');
    return EXIT.error;
  }
  const info = packageInfo();
  let adopted: AdoptedRun;
  try {
    adopted = await adopt(adoption, outcome);
  } catch (error) {
    if (error instanceof AdoptionError) return adoptionFailed(error);
    throw error;
  }
  const report: RunReport = {
    ...outcome,
    ...adopted,
    showSuppressed: args.showSuppressed,
    cwd,
    sourceRoot: findSourceRoot(cwd),
    toolVersion: info.version,
  };

  const toFile = args.output !== undefined;
  const color = !toFile && args.format === 'text' && shouldColor(args.color, process.stdout, process.env);
  const body = render(report, args, color, info.homepage, warnOnce);

  reportProblems(report.problems);
  reportWarnings(outcome.warnings);
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

  const failOn = (finding: Finding) => outcome.failOn.get(finding.path) ?? args.failOn ?? 'note';
  return exitCode(report.findings, report.problems, { exitZero: args.exitZero, failOn });
}

/** The cache in `dir`, or none (said once) when the folder cannot be made: a cache is never worth failing a run for. */
function openCache(dir: string, warn: (message: string) => void): { dir: string; buildId: string } | undefined {
  if (prepareCacheDir(dir)) return { dir, buildId: buildId() };
  warn(`cannot create the cache folder ${dir}; linting without a cache`);
  return undefined;
}

/** A baseline or --diff-base that cannot be used: said, with a hint when there is one, and the run stops. */
function adoptionFailed(error: AdoptionError): number {
  process.stderr.write(`pitfall: error: ${neutralise(error.message)}\n`);
  if (error.hint) process.stderr.write(`pitfall: ${error.hint}\n`);
  return EXIT.error;
}

/** The settings the command line gives; each overrides the config files. */
function cliSettings(args: CheckArguments): CliSettings {
  return {
    select: args.select,
    ignore: args.ignore,
    extendSelect: args.extendSelect,
    extendIgnore: args.extendIgnore,
    exclude: args.exclude,
    extendExclude: args.extendExclude,
    respectGitignore: args.respectGitignore,
    targetVersion: args.targetVersion,
    failOn: args.failOn,
  };
}

function render(report: RunReport, args: CheckArguments, color: boolean, homepage: string, warn: (message: string) => void): string {
  const quiet = args.quiet || args.output !== undefined;
  if (args.statistics) return args.format === 'json' ? formatStatisticsJson(report) : formatStatisticsText(report, { color, quiet });
  switch (args.format) {
    case 'json':
      return formatJson(report);
    case 'sarif':
      return formatSarif(report, {
        describe: (rule) => ruleDocs(rule, { docsBase: `${homepage}/blob/main/docs/` }),
        informationUri: homepage,
        category: args.sarifCategory,
        warn,
      });
    case 'github':
      return formatGithub(report);
    case 'gitlab':
      return formatGitlab(report);
    case 'junit':
      return formatJunit(report);
    case 'text':
      return formatText(report, { color, quiet });
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

/** Comments that look like `# noqa` / `# pitfall:` directives but do nothing: said on stderr, not counted as errors. */
function reportWarnings(warnings: readonly DirectiveWarningAt[]): void {
  for (const warning of warnings) {
    process.stderr.write(`pitfall: warning: ${neutralise(warning.path)}:${warning.line}: ${neutralise(warning.message)}\n`);
  }
}

export interface ExitOptions {
  readonly exitZero: boolean;
  /** The lowest failing level for a finding: `--fail-on`, else its file's `fail-on` setting. */
  readonly failOn: Level | ((finding: Finding) => Level);
}

/** 2 for anything that went wrong (it wins over findings), 1 for failing findings, else 0. */
export function exitCode(findings: readonly Finding[], problems: readonly Problem[], options: ExitOptions): number {
  if (problems.length > 0) return EXIT.error;
  if (options.exitZero) return EXIT.clean;
  const failOn = options.failOn;
  const threshold = (finding: Finding) => levelRank(typeof failOn === 'function' ? failOn(finding) : failOn);
  return findings.some((finding) => levelRank(finding.level) <= threshold(finding)) ? EXIT.findings : EXIT.clean;
}

export { LEVELS };
