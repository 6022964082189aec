import { resolve } from 'node:path';
import { setImmediate as yieldToEventLoop } from 'node:timers/promises';
import type { RuleDefinition } from '../core/rule.js';
import { compareFindings, type Finding, type Level, type Problem } from '../core/types.js';
import { toPythonVersion } from '../config/keys.js';
import type { FileSettings } from '../config/settings.js';
import { Linter } from '../engine/linter.js';
import { discoverFiles, type DiscoveryFilter } from '../io/discover.js';
import { displayPath } from '../io/paths.js';
import { decodeBytes, readSourceFile, type ReadResult } from '../io/read-source.js';
import { lintWithSuppressions } from '../suppressions/index.js';

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
  /** Every rule that ran on some file, sorted by id (the settings for `cwd` when no file was linted). */
  readonly rules: RuleDefinition[];
  /** Each linted file's `fail-on` level, by display path. */
  readonly failOn: ReadonlyMap<string, Level>;
}

/**
 * Lints every file the paths name, each with its own settings. Files are read
 * and linted one at a time in an async loop that lets the event loop turn
 * between files: node-tree-sitter frees a tree's native memory only then, so
 * this keeps memory flat on large trees. One Linter per distinct rule set,
 * levels and target version, since nested config files can differ.
 */
export async function runCheck(request: CheckRequest): Promise<CheckOutcome> {
  const linters = new Map<string, Linter>();
  const findings: Finding[] = [];
  const suppressed: Finding[] = [];
  const problems: Problem[] = [];
  const warnings: DirectiveWarningAt[] = [];
  const rulesUsed = new Set<RuleDefinition>();
  const failOn = new Map<string, Level>();
  let filesChecked = 0;

  const lint = (path: string, absolute: string, read: ReadResult): void => {
    filesChecked++;
    if (!read.ok) {
      problems.push({ path, kind: read.kind, message: read.message });
      return;
    }
    const settings = request.settings.forFile(absolute);
    let linter = linters.get(settings.linterKey);
    if (!linter) linters.set(settings.linterKey, (linter = new Linter({ rules: settings.rules, levels: settings.levels, targetVersion: toPythonVersion(settings.targetVersion) })));
    const result = lintWithSuppressions(linter, path, read.text, { rules: settings.rules, levels: settings.levels });
    // Not push(...spread): a generated file can hold hundreds of thousands of findings, more than a call's arguments.
    for (const finding of result.findings) findings.push(finding);
    for (const finding of result.suppressed) suppressed.push(finding);
    for (const problem of result.problems) problems.push(problem);
    for (const warning of result.warnings) warnings.push({ path, ...warning });
    for (const rule of settings.rules) rulesUsed.add(rule);
    failOn.set(path, settings.failOn);
  };

  const filePaths = request.paths.filter((path) => path !== '-');
  if (filePaths.length < request.paths.length && request.stdin) {
    const name = request.stdinFilename ?? '-';
    lint(name, resolve(request.cwd, name), decodeBytes(await request.stdin()));
  }
  if (filePaths.length > 0) {
    const filter: DiscoveryFilter = { skip: (absolute, isDirectory, walkRoot) => request.settings.exclusion(absolute, isDirectory, walkRoot) !== undefined };
    const discovery = await discoverFiles(filePaths, request.cwd, filter);
    problems.push(...discovery.problems);
    for (const absolute of discovery.files) {
      lint(displayPath(absolute, request.cwd), absolute, await readSourceFile(absolute));
      await yieldToEventLoop();
    }
  }

  const rules = rulesUsed.size > 0 ? [...rulesUsed] : [...request.settings.forFolder(request.cwd).rules];
  findings.sort(compareFindings);
  suppressed.sort(compareFindings);
  problems.sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : a.message < b.message ? -1 : 1));
  warnings.sort((a, b) => (a.path !== b.path ? (a.path < b.path ? -1 : 1) : a.line - b.line));
  return { findings, suppressed, problems, warnings, filesChecked, rules: rules.sort((a, b) => (a.id < b.id ? -1 : 1)), failOn };
}
