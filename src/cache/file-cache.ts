import { createHash, randomBytes } from 'node:crypto';
import { mkdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Finding, Problem } from '../core/types.js';
import type { DirectiveWarning } from '../suppressions/index.js';

/** What linting one file produced, as stored in the cache and sent back by workers. */
export interface LintedResult {
  readonly findings: Finding[];
  readonly suppressed: Finding[];
  readonly problems: Problem[];
  readonly warnings: DirectiveWarning[];
}

/** Bumped when the entry layout changes; old entries then simply stop matching. */
export const LAYOUT = 'v1';

export const DEFAULT_CACHE_DIR = '.pitfall_cache';

/**
 * A content-addressed cache of lint results, one small JSON file per entry under
 * `<dir>/v1/<2 hex>/<key>.json`. The key hashes everything the result depends
 * on — pitfall's build, the file's settings, its display path (rules read it,
 * e.g. `.pyi` files) and its bytes — so an entry is never stale, only unused.
 *
 * Writes go to a temporary file and are renamed into place, so a reader (or a
 * concurrent run) sees a whole entry or none. An entry that cannot be read or
 * parsed is a miss and is rewritten. Nothing here throws: a cache that cannot be
 * written is reported once through `onWriteError`, and the run goes on without it.
 */
export class FileCache {
  private writable = true;

  constructor(
    private readonly dir: string,
    private readonly buildId: string,
    private readonly onWriteError: (message: string) => void = () => {},
  ) {}

  key(path: string, settingsKey: string, bytes: Uint8Array): string {
    return createHash('sha256').update(`${this.buildId}\0${settingsKey}\0${path}\0`).update(bytes).digest('hex');
  }

  read(key: string): LintedResult | undefined {
    let text: string;
    try {
      text = readFileSync(this.entryPath(key), 'utf8');
    } catch {
      return undefined;
    }
    try {
      const entry = JSON.parse(text) as { key?: unknown } & Partial<LintedResult>;
      if (entry.key !== key || !isResult(entry)) return undefined;
      return { findings: entry.findings, suppressed: entry.suppressed, problems: entry.problems, warnings: entry.warnings };
    } catch {
      return undefined;
    }
  }

  write(key: string, result: LintedResult): void {
    if (!this.writable) return;
    const path = this.entryPath(key);
    const temporary = `${path}.${process.pid}.${randomBytes(4).toString('hex')}.tmp`;
    try {
      mkdirSync(join(this.dir, LAYOUT, key.slice(0, 2)), { recursive: true });
      writeFileSync(temporary, JSON.stringify({ key, ...result }));
      renameSync(temporary, path);
    } catch (error) {
      rmSync(temporary, { force: true });
      this.writable = false;
      this.onWriteError(`cannot write the cache in ${this.dir}: ${(error as Error).message}; going on without it`);
    }
  }

  private entryPath(key: string): string {
    return join(this.dir, LAYOUT, key.slice(0, 2), `${key}.json`);
  }
}

function isResult(entry: Partial<LintedResult>): entry is LintedResult {
  return Array.isArray(entry.findings) && Array.isArray(entry.suppressed) && Array.isArray(entry.problems) && Array.isArray(entry.warnings);
}

/**
 * Creates the cache folder with a `.gitignore` that ignores it whole and a
 * `CACHEDIR.TAG` that backup tools honour. False when it cannot be created.
 */
export function prepareCacheDir(dir: string): boolean {
  try {
    mkdirSync(dir, { recursive: true });
    writeIfAbsent(join(dir, '.gitignore'), '# Created by pitfall: the result cache, safe to delete.\n*\n');
    writeIfAbsent(join(dir, 'CACHEDIR.TAG'), 'Signature: 8a477f597d28d172789f06886806bc55\n# This file marks pitfall\'s result cache; see https://bford.info/cachedir/\n');
    return true;
  } catch {
    return false;
  }
}

function writeIfAbsent(path: string, content: string): void {
  try {
    writeFileSync(path, content, { flag: 'wx' });
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
  }
}
