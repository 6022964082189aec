import { readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { LAYOUT } from './file-cache.js';

const DAY_MS = 24 * 60 * 60 * 1000;
/** Entries not written for this long are removed; an unchanged file's entry costs one re-lint a month. */
export const ENTRY_MAX_AGE_MS = 30 * DAY_MS;
/** How often a run looks for old entries: listing every entry is not free. */
export const PRUNE_INTERVAL_MS = DAY_MS;
const MARKER = 'last-pruned';

/**
 * Keeps the cache from growing without bound: each edit of a file, each change
 * of settings and each new pitfall build adds entries that nothing reads again.
 * At most once a day, entries (and stray temporary files) not written for 30
 * days are deleted. Every error is ignored: another run may be pruning or
 * writing at the same moment, and a missing entry is only a cache miss.
 */
export function pruneCache(dir: string, now: number = Date.now()): void {
  const root = join(dir, LAYOUT);
  const marker = join(root, MARKER);
  try {
    if (now - statSync(marker).mtimeMs < PRUNE_INTERVAL_MS) return;
  } catch {
    // No marker yet: prune now, then start the clock.
  }
  try {
    writeFileSync(marker, '');
    for (const shard of readdirSync(root)) {
      if (shard === MARKER) continue;
      const folder = join(root, shard);
      for (const entry of readdirSync(folder)) removeIfOld(join(folder, entry), now);
    }
  } catch {
    // Best effort: what is left is pruned next time.
  }
}

function removeIfOld(path: string, now: number): void {
  try {
    if (now - statSync(path).mtimeMs > ENTRY_MAX_AGE_MS) rmSync(path, { force: true });
  } catch {
    // Gone already, or replaced by a concurrent run: nothing to do.
  }
}
