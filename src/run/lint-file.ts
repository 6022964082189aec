import type { RuleDefinition } from '../core/rule.js';
import type { Level } from '../core/types.js';
import type { FileCache, LintedResult } from '../cache/file-cache.js';
import { toPythonVersion, type TargetVersion } from '../config/keys.js';
import { Linter } from '../engine/linter.js';
import { decodeBytes, readSourceBytes, type ReadFailure } from '../io/read-source.js';
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
    const looked = await this.lookUp(task);
    return 'hit' in looked ? looked.hit : undefined;
  }

  async lint(task: FileTask): Promise<FileOutcome> {
    const looked = await this.lookUp(task);
    if ('kind' in looked) return failed(task.path, looked.kind, looked.message);
    if (looked.hit) return { ...looked.hit, cached: true };

    const decoded = decodeBytes(looked.bytes);
    if (!decoded.ok) return failed(task.path, decoded.kind, decoded.message);
    const result = this.lintText(task, decoded.text);
    // Internal errors are not cached: the next run should try again.
    if (looked.key !== undefined && !result.problems.some((problem) => problem.kind === 'internal')) this.cache!.write(looked.key, result);
    return { ...result, cached: false };
  }

  /** Reads the file and, with a cache, its key and any entry under it. */
  private async lookUp(task: FileTask): Promise<ReadFailure | { bytes: Uint8Array; key?: string; hit?: LintedResult }> {
    const bytes = await readSourceBytes(task.absolute);
    if (!(bytes instanceof Uint8Array)) return bytes;
    if (!this.cache) return { bytes };
    const key = this.cache.key(task.path, task.settings.linterKey, bytes);
    return { bytes, key, hit: this.cache.read(key) };
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

/** A file that yielded a problem instead of findings. */
export function failed(path: string, kind: 'unreadable' | 'undecodable' | 'internal', message: string): FileOutcome {
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
