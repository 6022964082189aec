import type { RuleDefinition } from '../core/rule.js';
import type { Level } from '../core/types.js';
import type { FileCache, LintedResult } from '../cache/file-cache.js';
import { toPythonVersion, type TargetVersion } from '../config/keys.js';
import { Linter } from '../engine/linter.js';
import { decodeBytes, readSourceBytes } from '../io/read-source.js';
import { lintWithSuppressions } from '../suppressions/index.js';

/** What linting a file depends on besides its content; files with the same `linterKey` share it all. */
export interface LintSettings {
  readonly rules: readonly RuleDefinition[];
  readonly levels: ReadonlyMap<string, Level>;
  readonly targetVersion: TargetVersion;
  readonly linterKey: string;
}

export interface FileTask {
  /** As reported: relative to the working directory. */
  readonly path: string;
  readonly absolute: string;
  readonly settings: LintSettings;
}

export interface FileOutcome extends LintedResult {
  /** True when the result came from the cache, without parsing. */
  readonly cached: boolean;
}

/**
 * Lints files one at a time for one thread: reads the bytes, answers from the
 * cache when it can, else decodes, lints, applies suppressions and stores the
 * result. Keeps one Linter (one parser) per distinct settings key. The same code
 * runs in the main thread and in every worker, so `--jobs` cannot change results.
 */
export class FileLinter {
  private readonly linters = new Map<string, Linter>();

  constructor(private readonly cache?: FileCache) {}

  /** The cached result, if the file's current bytes have one; never lints. */
  async cached(task: FileTask): Promise<LintedResult | undefined> {
    if (!this.cache) return undefined;
    const bytes = await readSourceBytes(task.absolute);
    return bytes instanceof Uint8Array ? this.cache.read(this.cache.key(task.path, task.settings.linterKey, bytes)) : undefined;
  }

  async lint(task: FileTask): Promise<FileOutcome> {
    const bytes = await readSourceBytes(task.absolute);
    if (!(bytes instanceof Uint8Array)) return failed(task.path, bytes.kind, bytes.message);
    const key = this.cache?.key(task.path, task.settings.linterKey, bytes);
    const hit = key !== undefined ? this.cache!.read(key) : undefined;
    if (hit) return { ...hit, cached: true };

    const decoded = decodeBytes(bytes);
    if (!decoded.ok) return failed(task.path, decoded.kind, decoded.message);
    const result = this.lintText(task, decoded.text);
    // Internal errors are not cached: the next run should try again.
    if (key !== undefined && !result.problems.some((problem) => problem.kind === 'internal')) this.cache!.write(key, result);
    return { ...result, cached: false };
  }

  /** Lints decoded text (also standard input, which is never cached). */
  lintText(task: FileTask, text: string): LintedResult {
    const { settings } = task;
    let linter = this.linters.get(settings.linterKey);
    if (!linter) {
      linter = new Linter({ rules: settings.rules, levels: settings.levels, targetVersion: toPythonVersion(settings.targetVersion) });
      this.linters.set(settings.linterKey, linter);
    }
    try {
      return lintWithSuppressions(linter, task.path, text, { rules: settings.rules, levels: settings.levels });
    } catch (error) {
      // Rule crashes are contained by the Linter; this is the parser or the engine itself.
      return failed(task.path, 'internal', `internal error while linting: ${(error as Error).message}`);
    }
  }
}

function failed(path: string, kind: 'unreadable' | 'undecodable' | 'internal', message: string): FileOutcome {
  return { findings: [], suppressed: [], problems: [{ path, kind, message }], warnings: [], cached: false };
}

/** Settings as they cross the thread boundary: rules by id (functions cannot be posted). */
export interface WireSettings {
  readonly ruleIds: readonly string[];
  readonly levels: readonly (readonly [string, Level])[];
  readonly targetVersion: TargetVersion;
  readonly linterKey: string;
}

export interface WireTask {
  readonly path: string;
  readonly absolute: string;
  readonly settings: WireSettings;
}

export interface LintWorkerData {
  readonly role: 'pitfall-lint';
  readonly cache?: { readonly dir: string; readonly buildId: string };
}

export function toWire(settings: LintSettings): WireSettings {
  return { ruleIds: settings.rules.map((rule) => rule.id), levels: [...settings.levels], targetVersion: settings.targetVersion, linterKey: settings.linterKey };
}
