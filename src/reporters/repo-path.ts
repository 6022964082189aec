import { isAbsolute, relative, resolve, sep } from 'node:path';
import type { RunReport } from './report.js';

/**
 * A finding's path relative to the repository root, `/`-separated and without
 * `./`, as CI services resolve paths from the checkout: undefined for a file
 * outside the repository, and for standard input without `--stdin-filename`.
 */
export function repoRelativePath(path: string, report: Pick<RunReport, 'cwd' | 'sourceRoot'>): string | undefined {
  if (path === '-') return undefined;
  const fromRoot = relative(report.sourceRoot, resolve(report.cwd, path));
  // `..` alone or as the first segment: outside (a file named `..x.py` at the root is inside).
  if (fromRoot === '..' || fromRoot.startsWith(`..${sep}`) || isAbsolute(fromRoot)) return undefined;
  return fromRoot.split(sep).join('/');
}

/**
 * How the CI formats (github, gitlab, junit) name a file: relative to the
 * repository root, else its absolute path with `/` separators (a CI service
 * cannot place it, but the reader can find it), and `-` for standard input.
 */
export function ciPath(path: string, report: Pick<RunReport, 'cwd' | 'sourceRoot'>): string {
  if (path === '-') return '-';
  return repoRelativePath(path, report) ?? resolve(report.cwd, path).split(sep).join('/');
}
