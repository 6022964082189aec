import yargs from 'yargs';
import { packageInfo } from '../core/package-info.js';
import { LEVELS, type Level } from '../core/types.js';
import { TARGET_VERSIONS, type TargetVersion } from '../config/keys.js';
import { UnknownSelectorError } from '../selection/select-rules.js';
import { checkCommand, EXIT, FORMATS, type Format } from './check-command.js';
import { shouldColor } from './color.js';
import { writeStdout } from './output.js';
import { ruleCommand, rulesCommand } from './rules-command.js';

class UsageError extends Error {}

/** yargs drops a lone `-` argument, so it travels through the parser as a token no path can contain. */
const STDIN_TOKEN = '\u0000stdin';

/** Splits `--select A,B --select C` into [A, B, C]. */
function commaList(values: unknown): string[] | undefined {
  if (values === undefined) return undefined;
  const list = (Array.isArray(values) ? values : [values]).flatMap((value) => String(value).split(','));
  return list.map((value) => value.trim()).filter((value) => value !== '');
}

/** `--sarif-category`: one non-empty name, printable, as GitHub shows it in its analyses list. */
function sarifCategory(value: unknown): string {
  if (Array.isArray(value)) throw new UsageError('--sarif-category was given more than once');
  const name = String(value);
  if (name.trim() === '' || name.trim() === '/') throw new UsageError('--sarif-category needs a name, e.g. --sarif-category backend');
  if (/\p{Cc}/u.test(name)) throw new UsageError('--sarif-category must not contain control characters');
  return name;
}

/** The options of `check` that take a list; every other one is said once. */
const LIST_OPTIONS = new Set(['paths', 'select', 'ignore', 'extend-select', 'extend-ignore', 'exclude', 'extend-exclude']);

/**
 * yargs turns a repeated single-valued option (`--format github --format sarif`)
 * into an array that the command cannot use; say so instead of guessing which one was meant.
 */
function rejectRepeatedOptions(argv: Record<string, unknown>): true {
  for (const [key, value] of Object.entries(argv)) {
    // Skip yargs' own keys, one-letter aliases and camelCase copies: each is reported under its --dash-name.
    if (key === '_' || key === '$0' || key.length === 1 || /[A-Z]/.test(key) || LIST_OPTIONS.has(key)) continue;
    if (Array.isArray(value)) throw new UsageError(`--${key} was given more than once (${value.join(', ')}); give it once`);
  }
  return true;
}

/** Runs the command line and returns the exit code; never calls process.exit, so output is never cut short. */
export async function main(argv: readonly string[]): Promise<number> {
  ignoreClosedStdout();
  let code: number = EXIT.clean;
  const parser = yargs(argv.map((arg) => (arg === '-' ? STDIN_TOKEN : arg)))
    .scriptName('pitfall')
    .usage('$0 <command> [options]\n\nFind Python pitfalls rooted in the core ideas of the language, and learn why they bite.')
    .command(
      'check [paths..]',
      'Lint Python files and directories (default: the current directory)',
      (command) =>
        command
          .positional('paths', { describe: 'Files or directories to lint; - reads standard input', type: 'string', array: true })
          .option('format', { choices: FORMATS, default: 'text' as Format, describe: 'Report format' })
          .option('output', { alias: 'o', type: 'string', describe: 'Write the report to this file instead of stdout' })
          .option('sarif-category', { type: 'string', describe: 'GitHub code scanning category of the SARIF run (with --format sarif)', coerce: sarifCategory })
          .option('select', { type: 'string', array: true, describe: 'Only these rules: ids, names, prefixes (MUT) or concepts, comma-separated', coerce: commaList })
          .option('ignore', { type: 'string', array: true, describe: 'Leave out these rules (same forms as --select)', coerce: commaList })
          .option('extend-select', { type: 'string', array: true, describe: 'Add these rules to those selected', coerce: commaList })
          .option('extend-ignore', { type: 'string', array: true, describe: 'Leave out these rules too', coerce: commaList })
          .option('exclude', { type: 'string', array: true, describe: 'Gitignore-style globs (relative to the working directory) to skip while walking, replacing the defaults', coerce: commaList })
          .option('extend-exclude', { type: 'string', array: true, describe: 'Globs to skip as well as the excluded ones', coerce: commaList })
          .option('respect-gitignore', { type: 'boolean', describe: 'Skip what .gitignore files and .git/info/exclude ignore (default: true; --no-respect-gitignore to walk everything)' })
          .option('target-version', { choices: TARGET_VERSIONS, describe: 'The oldest Python the code must run on (default: py39)' })
          .option('fail-on', { choices: LEVELS, describe: 'Lowest level of finding that makes the run fail (default: note)' })
          .option('config', { type: 'string', describe: 'Use this config file for every file, instead of the nearest one' })
          .option('isolated', { type: 'boolean', default: false, describe: 'Ignore every config file' })
          .option('show-settings', { type: 'string', describe: 'Print the settings for a file or folder (default: the first path, or .) and where each came from, then exit' })
          .option('show-suppressed', { type: 'boolean', default: false, describe: 'Also report findings suppressed by # noqa or # pitfall: comments, marked as such' })
          .option('statistics', { type: 'boolean', default: false, describe: 'Print how many findings each rule reported instead of the findings (with --format text or json)' })
          .option('exit-zero', { type: 'boolean', default: false, describe: 'Exit 0 even when findings are reported (errors still exit 2)' })
          .option('color', { type: 'boolean', describe: 'Colour the text report (default: when stdout is a terminal; honours NO_COLOR and FORCE_COLOR)' })
          .option('quiet', { alias: 'q', type: 'boolean', default: false, describe: 'Print findings only, no summary' })
          .option('jobs', { alias: 'j', type: 'number', describe: 'Worker threads to lint on (default: one per core)' })
          .option('cache', { type: 'boolean', default: true, describe: 'Reuse results for files unchanged since the last run (--no-cache to lint everything afresh)' })
          .option('cache-dir', { type: 'string', describe: 'Where the result cache lives (default: .pitfall_cache at the repository root, else the working directory)' })
          .option('stdin-filename', { type: 'string', describe: 'The path to report for source read from standard input' })
          .check((args) => {
            if (args['sarif-category'] !== undefined && args.format !== 'sarif') throw new UsageError('--sarif-category needs --format sarif');
            return true;
          })
          .option('baseline', { type: 'string', requiresArg: true, describe: 'Report only findings not in this baseline file' })
          .option('write-baseline', { type: 'string', requiresArg: true, describe: "Record the run's findings in this baseline file" })
          .option('diff-base', { type: 'string', requiresArg: true, describe: 'Report only findings on lines changed since this git revision' })
          .check(rejectRepeatedOptions)
          .example('$0 check', 'Lint every Python file under the current directory')
          .example('$0 check src tests --select MUT,SCO001', 'Only the mutability rules and SCO001')
          .example('$0 check --format sarif -o pitfall.sarif', 'Write SARIF for GitHub code scanning')
          .example('$0 check --show-settings src/app.py', 'Which settings apply to src/app.py, and from where')
          .example('cat app.py | $0 check - --stdin-filename app.py', 'Lint source from standard input')
          .example('$0 check --baseline pitfall-baseline.json', 'Fail only on findings not in the baseline')
          .example('$0 check --diff-base origin/main', 'Only findings on lines this branch changed'),
      async (args) => {
        code = await checkCommand({
          paths: ((args.paths as string[] | undefined) ?? []).map((path) => (path === STDIN_TOKEN ? '-' : path)),
          format: args.format,
          output: args.output,
          sarifCategory: args['sarif-category'],
          select: args.select,
          ignore: args.ignore,
          extendSelect: args['extend-select'],
          extendIgnore: args['extend-ignore'],
          exclude: args.exclude,
          extendExclude: args['extend-exclude'],
          respectGitignore: args['respect-gitignore'],
          targetVersion: args['target-version'] as TargetVersion | undefined,
          failOn: args['fail-on'] as Level | undefined,
          exitZero: args['exit-zero'],
          color: args.color,
          quiet: args.quiet,
          stdinFilename: args['stdin-filename'],
          config: args.config,
          isolated: args.isolated,
          showSettings: args['show-settings'],
          showSuppressed: args['show-suppressed'],
          jobs: args.jobs,
          cache: args.cache,
          cacheDir: args['cache-dir'],
          statistics: args.statistics,
          baseline: args.baseline,
          writeBaseline: args['write-baseline'],
          diffBase: args['diff-base'],
        });
      },
    )
    .command(
      'rules',
      'List every rule: id, name, concept, level, on or off by default, category, precision',
      (command) =>
        command
          .option('format', { choices: ['text', 'json'] as const, default: 'text' as const, describe: 'Table or JSON' })
          .option('color', { type: 'boolean', describe: 'Colour the table' }),
      async (args) => {
        const result = rulesCommand(args.format, shouldColor(args.color, process.stdout, process.env));
        await writeStdout(result.stdout);
        code = result.code;
      },
    )
    .command(
      'rule <rule>',
      "Explain a rule: the idea behind it, why it bites, a bad and a good example",
      (command) =>
        command
          .positional('rule', { describe: 'Rule id or name, e.g. MUT001 or mutable-default-argument', type: 'string', demandOption: true })
          .option('color', { type: 'boolean', describe: 'Colour the page' }),
      async (args) => {
        const result = ruleCommand(args.rule, shouldColor(args.color, process.stdout, process.env));
        process.stderr.write(result.stderr);
        await writeStdout(result.stdout);
        code = result.code;
      },
    )
    .demandCommand(1, 'Name a command: check, rules or rule')
    .strict()
    .version(packageInfo().version)
    .alias('version', 'V')
    .help()
    .alias('help', 'h')
    .epilogue('Exit codes: 0 no failing findings, 1 failing findings, 2 usage, configuration, unreadable input or internal error.')
    .wrap(Math.min(100, process.stdout.columns ?? 100))
    .exitProcess(false)
    .fail((message, error) => {
      throw error instanceof UnknownSelectorError ? error : new UsageError(message ?? error?.message ?? 'invalid usage');
    });

  try {
    await parser.parseAsync();
  } catch (error) {
    if (error instanceof UsageError || error instanceof UnknownSelectorError) {
      process.stderr.write(`pitfall: error: ${error.message}\nRun 'pitfall --help' for usage.\n`);
      return EXIT.error;
    }
    process.stderr.write(`pitfall: internal error: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
    return EXIT.error;
  }
  return code;
}

/** `pitfall check | head` closes the pipe early; that is not an error worth a stack trace. */
function ignoreClosedStdout(): void {
  process.stdout.on('error', (error: NodeJS.ErrnoException) => {
    if (error.code !== 'EPIPE') throw error;
  });
}
