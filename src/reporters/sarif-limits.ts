/**
 * GitHub code scanning rejects a whole SARIF upload that breaks its limits, so
 * a run that would break them is cut down to its most severe results instead.
 */
import { gzipSync } from 'node:zlib';
import { levelRank } from '../core/types.js';
import type { ListedFinding } from './report.js';

export interface SarifLimits {
  /** Results in one run. */
  readonly maxResults: number;
  /** The gzip-compressed file. */
  readonly maxGzipBytes: number;
}

/**
 * From GitHub's "SARIF support for code scanning" limits table. "10 MB" is read
 * as 10,000,000 bytes, the smaller of its two possible meanings.
 */
export const GITHUB_SARIF_LIMITS: SarifLimits = { maxResults: 25_000, maxGzipBytes: 10_000_000 };

/** What was left out, for the log's notification and the warning on stderr. */
export interface Omission {
  readonly kept: number;
  readonly total: number;
  /** Which limit forced it, as a clause: "GitHub code scanning accepts at most …". */
  readonly reason: string;
}

/** Builds the whole log around the results kept, saying what was left out when something was. */
export type RenderSarif = (kept: readonly ListedFinding[], omission: Omission | undefined) => string;

/**
 * The log with as many results as the limits allow: the most severe first
 * (reported before suppressed, then error, warning, note, then the usual
 * path/line order), kept in the usual order. The same input always keeps the
 * same results.
 */
export function fitWithinLimits(
  listed: readonly ListedFinding[],
  render: RenderSarif,
  limits: SarifLimits,
): { text: string; omission?: Omission } {
  const ranked = rankBySeverity(listed);
  const attempt = (count: number, reason: string | undefined) => {
    const omission = reason === undefined ? undefined : { kept: count, total: listed.length, reason };
    const kept = ranked.slice(0, count).sort((a, b) => a - b).map((index) => listed[index]!);
    return { text: render(kept, omission), omission };
  };

  let count = Math.min(listed.length, limits.maxResults);
  let fitted = attempt(count, count < listed.length ? `GitHub code scanning accepts at most ${limits.maxResults} results per run` : undefined);
  if (fitsGzipped(fitted.text, limits.maxGzipBytes)) return fitted;

  // Too big even so: estimate how many results fit from the size of a log
  // without any, shrink, and measure again until it fits.
  const reason = `GitHub code scanning accepts at most ${byteSize(limits.maxGzipBytes)} of gzipped SARIF`;
  const base = gzippedBytes(render([], { kept: 0, total: listed.length, reason }));
  let size = gzippedBytes(fitted.text);
  while (size > limits.maxGzipBytes && count > 0) {
    const perResult = (size - base) / count;
    count = Math.max(0, Math.min(count - 1, Math.floor(((limits.maxGzipBytes - base) / perResult) * 0.98)));
    fitted = attempt(count, reason);
    size = gzippedBytes(fitted.text);
  }
  return fitted;
}

/** Indexes into `listed`, most severe first; ties keep their order. */
function rankBySeverity(listed: readonly ListedFinding[]): number[] {
  const rank = (item: ListedFinding) => (item.suppressed ? 10 : 0) + levelRank(item.finding.level);
  return listed.map((_, index) => index).sort((a, b) => rank(listed[a]!) - rank(listed[b]!) || a - b);
}

/**
 * Whether gzip leaves the text within `limit` bytes. Deflate grows even
 * incompressible data by only 5 bytes per stored block (up to 64 KB) plus an
 * 18-byte gzip frame, so a text that far under the limit needs no compressing.
 */
function fitsGzipped(text: string, limit: number): boolean {
  const bytes = Buffer.byteLength(text);
  if (bytes + Math.ceil(bytes / 16_000) * 5 + 18 <= limit) return true;
  return gzippedBytes(text) <= limit;
}

function gzippedBytes(text: string): number {
  return gzipSync(text).length;
}

function byteSize(bytes: number): string {
  return bytes % 1_000_000 === 0 ? `${bytes / 1_000_000} MB` : `${bytes} bytes`;
}
