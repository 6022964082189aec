import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';

/**
 * A tree's native memory is many times its source, and V8 cannot see it: the
 * small JavaScript wrappers of finished trees wait for a major collection that
 * the JavaScript heap alone rarely triggers, so resident memory climbs with the
 * corpus (430 MB on CPython's Lib/test in one thread, about 200 MB when
 * collected). So once the process is past a soft limit, each thread collects
 * every few megabytes of source; the trees' memory is freed when the event loop
 * next turns, which the callers let it do between files. Freed memory is reused
 * rather than returned, so resident size plateaus instead of falling: the
 * source-size spacing is what keeps collections rare.
 */
const SOFT_LIMIT_BYTES = Number(process.env.XL ?? 256 * 2 ** 20);
const CHARACTERS_BETWEEN_COLLECTIONS = Number(process.env.XC ?? 2_000_000);

let collect: (() => void) | undefined;
let sinceLastCollection = 0;

/** Called after each file is linted, with its length, before the event loop turns. */
export function releaseFinishedTrees(characters: number): void {
  sinceLastCollection += characters;
  if (sinceLastCollection < CHARACTERS_BETWEEN_COLLECTIONS || process.memoryUsage.rss() < SOFT_LIMIT_BYTES) return;
  sinceLastCollection = 0;
  collect ??= exposeGc();
  collect();
}

/** `global.gc` without asking users to start Node with --expose-gc. */
function exposeGc(): () => void {
  setFlagsFromString('--expose-gc');
  return runInNewContext('gc') as () => void;
}
