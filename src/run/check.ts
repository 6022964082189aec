import { availableParallelism } from 'node:os';
import { resolve } from 'node:path';
import { setImmediate as yieldToEventLoop } from 'node:timers/promises';
import { ALL_RULES } from '../../rules/index.js';
import { FileCache, type LintedResult } from '../cache/file-cache.js';
import { pruneCache } from '../cache/prune.js';
import type { RuleDefinition } from '../core/rule.js';
import { compareFindings, type Finding, type Level, type Problem } from '../core/types.js';
import type { FileSettings } from '../config/settings.js';
import { discoverFiles, type DiscoveryFilter } from '../io/discover.js';
import { displayPath } from '../io/paths.js';
import { decodeBytes } from '../io/read-source.js';
import { failed, FileLinter, toWire, type FileOutcome, type FileTask, type LintWorkerData } from './lint-file.js';
import { runOnWorkers } from './pool.js';

/** Where each file's settings come from; a SettingsResolver in the CLI. */
export interface SettingsSource {
  forFile(absolute: string): FileSettings;
  forFolder(folder: string): { readonly rules: readonly RuleDefinition[] };
  exclusion(absolute: string, isDirectory: boolean, walkRoot?: string): unknown;
}

export interface CheckRequest {
  readonly paths: readonly string[];
  readonly cwd: string;
  readonly settings: SettingsSource;
  /** Source read from standard input, linted under `stdinFilename`, when `-` is among the paths. */
  readonly stdin?: () => Promise<Uint8Array>;
  readonly stdinFilename?: string;
  /** Worker threads to lint on (default: one per core); 1 lints in this thread. */
  readonly jobs?: number;
  /** The result cache; none when undefined. */
  readonly cache?: { readonly dir: string; readonly buildId: string };
  /** Non-fatal trouble (a cache that cannot be written): said once, the run goes on. */
  readonly onWarning?: (message: string) => void;
}

/** A comment that looks like a directive but that pitfall cannot act on. */
export interface DirectiveWarningAt {
  readonly path: string;
  readonly line: number;
  readonly message: string;
}

export interface CheckOutcome {
  readonly findings: Finding[];
  /** Findings a `# noqa` or `# pitfall:` comment suppressed. */
  readonly suppressed: Finding[];
  readonly problems: Problem[];
  readonly warnings: DirectiveWarningAt[];
  readonly filesChecked: number;
  /** Files answered from the cache, without parsing. */
  readonly cacheHits: number;
  /** Every rule that ran on some file, sorted by id (the settings for `cwd` when no file was linted). */
  readonly rules: RuleDefinition[];
  /** Each linted file's `fail-on` level, by display path. */
  readonly failOn: ReadonlyMap<string, Level>;
}

/**
 * Lints every file the paths name, each with its own settings, and returns the
 * results in a fixed order whatever the number of workers. Settings and
 * exclusions are resolved here (so configuration errors stop the run before any
 * linting); the cache answers what it can; the rest is linted on worker threads,
 * or in this thread when there are too few files to pay for starting workers.
 */
export async function runCheck(request: CheckRequest): Promise<CheckOutcome> {
  const collected = new Collector();
  const warn = request.onWarning ?? (() => {});
  const cache = request.cache && new FileCache(request.cache.dir, request.cache.buildId, warn);
  const here = new FileLinter(cache);

  const filePaths = request.paths.filter((path) => path !== '-');
  if (filePaths.length < request.paths.length && request.stdin) {
    const path = request.stdinFilename ?? '-';
    const task = { path, absolute: resolve(request.cwd, path), settings: request.settings.forFile(resolve(request.cwd, path)) };
    const read = decodeBytes(await request.stdin());
    collected.add(task, read.ok ? here.lintText(task, read.text) : failed(path, read.kind, read.message));
  }
  if (filePaths.length > 0) {
    const filter: DiscoveryFilter = { skip: (absolute, isDirectory, walkRoot) => request.settings.exclusion(absolute, isDirectory, walkRoot) !== undefined };
    const discovery = await discoverFiles(filePaths, request.cwd, filter);
    collected.problems.push(...discovery.problems);
    const tasks: Task[] = discovery.files.map((absolute) => ({ path: displayPath(absolute, request.cwd), absolute, settings: request.settings.forFile(absolute) }));
    const results = await lintAll(tasks, here, request.jobs ?? availableParallelism(), request.cache, warn);
    tasks.forEach((task, index) => collected.add(task, results[index]!));
  }

  if (request.cache) pruneCache(request.cache.dir);
  const rules = collected.rulesUsed.size > 0 ? [...collected.rulesUsed] : [...request.settings.forFolder(request.cwd).rules];
  return collected.outcome(rules);
}

type Task = FileTask & { readonly settings: FileSettings };

/** Below this many files per worker, starting workers costs more than it saves. */
const FILES_PER_WORKER = 24;

/** Each task's result, by index: cached ones first, then the rest on workers or here. */
async function lintAll(tasks: readonly Task[], here: FileLinter, jobs: number, cache: LintWorkerData['cache'], warn: (message: string) => void): Promise<FileOutcome[]> {
  const results: FileOutcome[] = new Array(tasks.length);
  const pending: number[] = [];
  for (let index = 0; index < tasks.length; index++) {
    const hit = await here.cached(tasks[index]!);
    if (hit) results[index] = { ...hit, cached: true };
    else pending.push(index);
  }

  const workers = Math.min(jobs, Math.floor(pending.length / FILES_PER_WORKER));
  const registered = new Set(ALL_RULES);
  if (workers < 2 || !pending.every((index) => tasks[index]!.settings.rules.every((rule) => registered.has(rule)))) {
    for (const index of pending) {
      results[index] = await here.lint(tasks[index]!);
      await yieldToEventLoop(); // node-tree-sitter frees a tree's native memory only when the event loop turns
    }
    return results;
  }
  const wireTasks = pending.map((index) => ({ path: tasks[index]!.path, absolute: tasks[index]!.absolute, settings: toWire(tasks[index]!.settings) }));
  const data: LintWorkerData = { role: 'pitfall-lint', ...(cache ? { cache } : {}) };
  const outcomes = await runOnWorkers<typeof wireTasks[number], FileOutcome>(new URL('./lint-worker.js', import.meta.url), workers, data, wireTasks, warn);
  pending.forEach((index, position) => {
    const outcome = outcomes[position]!;
    results[index] = outcome instanceof Error ? failed(tasks[index]!.path, 'internal', `internal error: ${outcome.message}`) : outcome;
  });
  return results;
}

/** Gathers per-file results into one outcome, sorted so that it never depends on the order files finished in. */
class Collector {
  readonly findings: Finding[] = [];
  readonly suppressed: Finding[] = [];
  readonly problems: Problem[] = [];
  readonly warnings: DirectiveWarningAt[] = [];
  readonly rulesUsed = new Set<RuleDefinition>();
  readonly failOn = new Map<string, Level>();
  filesChecked = 0;
  cacheHits = 0;

  add(task: Task, result: LintedResult & { readonly cached?: boolean }): void {
    this.filesChecked++;
    if (result.cached) this.cacheHits++;
    // Not push(...spread): a generated file can hold hundreds of thousands of findings, more than a call's arguments.
    for (const finding of result.findings) this.findings.push(finding);
    for (const finding of result.suppressed) this.suppressed.push(finding);
    for (const problem of result.problems) this.problems.push(problem);
    for (const warning of result.warnings) this.warnings.push({ path: task.path, ...warning });
    if (result.problems.some((problem) => problem.kind !== 'internal')) return; // unread: no rules ran
    for (const rule of task.settings.rules) this.rulesUsed.add(rule);
    this.failOn.set(task.path, task.settings.failOn);
  }

  outcome(rules: RuleDefinition[]): CheckOutcome {
    this.findings.sort(compareFindings);
    this.suppressed.sort(compareFindings);
    this.problems.sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : a.message < b.message ? -1 : 1));
    this.warnings.sort((a, b) => (a.path !== b.path ? (a.path < b.path ? -1 : 1) : a.line - b.line));
    const { findings, suppressed, problems, warnings, filesChecked, failOn, cacheHits } = this;
    return { findings, suppressed, problems, warnings, filesChecked, cacheHits, rules: rules.sort((a, b) => (a.id < b.id ? -1 : 1)), failOn };
  }
}
