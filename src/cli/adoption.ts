import { dirname, resolve } from 'node:path';
import { BaselineError, readBaseline, writeBaseline } from '../baseline/file.js';
import type { BaselineEntry } from '../baseline/format.js';
import { baselineEntryOf, baselinePathOf, matchBaseline, type BaselineMatch } from '../baseline/match.js';
import { fingerprintRun } from '../core/fingerprints.js';
import type { Finding } from '../core/types.js';
import type { ChangedLines } from '../diff/changed-lines.js';
import { changedLinesSince, DiffBaseError } from '../diff/git.js';
import { plural, type HiddenCounts } from '../reporters/report.js';
import { neutralise } from '../reporters/terminal-safe.js';
import type { CheckOutcome } from '../run/check.js';

/**
 * Adopting pitfall on an existing codebase: `--baseline` hides the findings a
 * baseline file accepts, `--write-baseline` records them, `--diff-base` keeps
 * only findings on lines changed since a git revision. Both filters act on the
 * run's outcome before any report is rendered, so every format, the summary
 * and the exit code agree.
 */
export interface AdoptionArguments {
  readonly baseline?: string;
  readonly writeBaseline?: string;
  readonly diffBase?: string;
  readonly paths: readonly string[];
  readonly stdinFilename?: string;
}

/** A reason not to lint at all, or not to trust the run; the message is ready for `pitfall: error: `. */
export class AdoptionError extends Error {
  constructor(
    message: string,
    readonly hint?: string,
  ) {
    super(message);
  }
}

interface BaselineFile {
  readonly absolute: string;
  /** As the user wrote it, for messages. */
  readonly shownAs: string;
}

/** What the run will do with its findings, settled before linting so a bad baseline or revision stops it early. */
export interface AdoptionPlan {
  readonly cwd: string;
  readonly baseline?: BaselineFile & { readonly entries: readonly BaselineEntry[] };
  readonly writeTo?: BaselineFile;
  readonly changedLines?: ChangedLines;
}

export async function planAdoption(args: AdoptionArguments, cwd: string): Promise<AdoptionPlan> {
  if (args.writeBaseline !== undefined && args.diffBase !== undefined) {
    throw new AdoptionError('--write-baseline records every finding of the run and cannot be combined with --diff-base, which hides some');
  }
  if (args.diffBase !== undefined && args.paths.includes('-') && args.stdinFilename === undefined) {
    throw new AdoptionError('--diff-base needs --stdin-filename to know which file standard input holds');
  }
  const file = (path: string): BaselineFile => ({ absolute: resolve(cwd, path), shownAs: path });
  try {
    const baseline = args.baseline === undefined ? undefined : { ...file(args.baseline), entries: await readBaseline(resolve(cwd, args.baseline), args.baseline) };
    const changedLines = args.diffBase === undefined ? undefined : await changedLinesSince(args.diffBase, cwd);
    return { cwd, baseline, writeTo: args.writeBaseline === undefined ? undefined : file(args.writeBaseline), changedLines };
  } catch (error) {
    if (error instanceof BaselineError || error instanceof DiffBaseError) throw new AdoptionError(error.message, error instanceof DiffBaseError ? error.hint : undefined);
    throw error;
  }
}

/** The run as it will be reported. */
export interface AdoptedRun {
  readonly findings: Finding[];
  readonly suppressed: Finding[];
  /** Of the whole run, so a finding keeps its fingerprint whatever was hidden; left out when nothing can be hidden. */
  readonly fingerprints?: ReadonlyMap<Finding, string>;
  readonly hidden: HiddenCounts;
}

/**
 * Applies the plan: matches the baseline over the whole run (so findings hidden
 * by `--diff-base` do not look stale), writes the new baseline when asked, then
 * keeps only findings on changed lines. Throws AdoptionError when the baseline
 * cannot be written.
 */
export async function adopt(plan: AdoptionPlan, outcome: CheckOutcome): Promise<AdoptedRun> {
  if (!plan.baseline && !plan.writeTo && !plan.changedLines) {
    return { findings: outcome.findings, suppressed: outcome.suppressed, hidden: { inBaseline: 0, staleBaselineEntries: 0, onUnchangedLines: 0 } };
  }
  const fingerprints = fingerprintRun(outcome.findings, outcome.suppressed);
  let match = plan.baseline ? matchOver(plan.baseline, outcome, fingerprints, plan.cwd) : undefined;
  let staleBaselineEntries = match?.stale.length ?? 0;

  if (plan.writeTo && (await recordBaseline(plan, plan.writeTo, outcome, match, fingerprints))) {
    // What was just recorded is accepted: report the run as the new baseline will see it.
    match ??= { unmatched: [], matched: outcome.findings, stale: [], untouched: [] };
    staleBaselineEntries = 0;
  }

  const shown = match?.unmatched ?? outcome.findings;
  const changed = plan.changedLines;
  const onChangedLine = (finding: Finding) => !changed || changed.touches(resolve(plan.cwd, finding.path), finding.start.line, lastLine(finding));
  const findings = shown.filter(onChangedLine);
  return {
    findings,
    suppressed: outcome.suppressed.filter(onChangedLine),
    fingerprints,
    hidden: { inBaseline: match?.matched.length ?? 0, staleBaselineEntries, onUnchangedLines: shown.length - findings.length },
  };
}

function matchOver(baseline: NonNullable<AdoptionPlan['baseline']>, outcome: CheckOutcome, fingerprints: ReadonlyMap<Finding, string>, cwd: string): BaselineMatch {
  const folder = dirname(baseline.absolute);
  const pathOf = (path: string) => baselinePathOf(path, cwd, folder);
  return matchBaseline(baseline.entries, outcome.findings, {
    fingerprints,
    pathOf: (finding) => pathOf(finding.path),
    // `failOn` has an entry for every file that was read and linted.
    lintedPaths: new Set([...outcome.failOn.keys()].map(pathOf)),
    rulesRun: new Set(outcome.rules.map((rule) => rule.id)),
  });
}

/** Writes the new baseline and says so; false, with an error on stderr, when the run was incomplete. */
async function recordBaseline(plan: AdoptionPlan, target: BaselineFile, outcome: CheckOutcome, match: BaselineMatch | undefined, fingerprints: ReadonlyMap<Finding, string>): Promise<boolean> {
  const shownAs = neutralise(target.shownAs);
  if (outcome.problems.length > 0) {
    process.stderr.write(`pitfall: error: not writing the baseline ${shownAs}: it would miss the findings of files that could not be fully linted\n`);
    return false;
  }
  const entries = recordedEntries(plan, target, outcome, match, fingerprints);
  try {
    await writeBaseline(target.absolute, target.shownAs, entries);
  } catch (error) {
    if (error instanceof BaselineError) throw new AdoptionError(error.message);
    throw error;
  }
  const stale = match?.stale.length ?? 0;
  const dropped = stale > 0 ? `, dropping ${plural(stale, 'entry', 'entries')} that no longer ${stale === 1 ? 'occurs' : 'occur'}` : '';
  process.stderr.write(`pitfall: wrote ${plural(entries.length, 'finding')} to ${shownAs}${dropped}\n`);
  return true;
}

/**
 * Every finding of the run; or, updating a baseline (`--baseline` too), only
 * the findings it already accepts plus its entries this run did not check, so
 * an update drops what was fixed but never accepts a new finding.
 */
function recordedEntries(plan: AdoptionPlan, target: BaselineFile, outcome: CheckOutcome, match: BaselineMatch | undefined, fingerprints: ReadonlyMap<Finding, string>): BaselineEntry[] {
  const folder = dirname(target.absolute);
  const entryOf = (finding: Finding) => baselineEntryOf(finding, fingerprints.get(finding)!, baselinePathOf(finding.path, plan.cwd, folder));
  if (!plan.baseline || !match) return outcome.findings.map(entryOf);
  const oldFolder = dirname(plan.baseline.absolute);
  const untouched = match.untouched.map((entry) => ({ ...entry, path: baselinePathOf(entry.path, oldFolder, folder) }));
  return [...match.matched.map(entryOf), ...untouched];
}

/** The last line a finding covers: a span that ends at the start of a line does not reach into it. */
function lastLine(finding: Finding): number {
  return finding.end.line > finding.start.line && finding.end.column === 1 ? finding.end.line - 1 : finding.end.line;
}
