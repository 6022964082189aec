import { existsSync } from 'node:fs';
import { dirname, join, relative, sep } from 'node:path';

/** How a file is named in reports: relative to the working directory, with forward slashes. */
export function displayPath(absolute: string, cwd: string): string {
  const relativePath = relative(cwd, absolute);
  return (relativePath === '' ? '.' : relativePath).split(sep).join('/');
}

/** The nearest folder at or above `start` holding a `.git` entry, or `start` itself outside a repository. */
export function findSourceRoot(start: string): string {
  let current = start;
  for (;;) {
    if (existsSync(join(current, '.git'))) return current;
    const parent = dirname(current);
    if (parent === current) return start;
    current = parent;
  }
}
