import { relative, sep } from 'node:path';
import type { FileChanges } from './unified-diff.js';

/** The lines added or changed since a revision, per file of one git work tree. */
export class ChangedLines {
  /**
   * @param root absolute path of the work tree
   * @param files changes by `/`-separated path relative to `root`
   */
  constructor(
    private readonly root: string,
    private readonly files: ReadonlyMap<string, FileChanges>,
  ) {}

  /** Whether any of the lines `first`..`last` of the file at `absolute` was added or changed. */
  touches(absolute: string, first: number, last: number): boolean {
    const changes = this.files.get(relative(this.root, absolute).split(sep).join('/'));
    if (changes === undefined) return false;
    if (changes === 'whole-file') return true;
    // Ranges come in ascending order: find the first one ending at or after `first`.
    let low = 0;
    let high = changes.length;
    while (low < high) {
      const middle = (low + high) >>> 1;
      if (changes[middle]!.last < first) low = middle + 1;
      else high = middle;
    }
    return low < changes.length && changes[low]!.first <= last;
  }
}
