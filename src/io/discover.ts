import fg from 'fast-glob';
import { lstat, stat } from 'node:fs/promises';
import { resolve } from 'node:path';
import type { Problem } from '../core/types.js';
import { displayPath } from './paths.js';

/** Folders never walked into unless named on the command line: environments, caches, build output. */
export const DEFAULT_EXCLUDED_DIRECTORIES = [
  '.git', '.hg', '.svn', '.venv', 'venv', 'node_modules', '__pycache__', '.tox', '.nox',
  '.mypy_cache', '.ruff_cache', '.pytest_cache', '.pitfall_cache', 'build', 'dist', 'site-packages',
] as const;

const PYTHON_FILES = '**/*.{py,pyi}';

export interface Discovery {
  /** Absolute paths, sorted, each once. */
  readonly files: string[];
  readonly problems: Problem[];
}

/**
 * Expands command-line paths into the Python files to lint. A named file is
 * always linted, whatever its name; a named directory is searched for `*.py`
 * and `*.pyi`. Symbolic links to files are followed, links to directories are
 * not (so a link loop cannot trap the walk), and dangling links, FIFOs and
 * sockets met while walking are skipped. Named explicitly, those are problems.
 */
export async function discoverFiles(paths: readonly string[], cwd: string): Promise<Discovery> {
  const files = new Set<string>();
  const problems: Problem[] = [];
  for (const given of paths) {
    const absolute = resolve(cwd, given);
    const kind = await classify(absolute);
    if (kind === 'directory') {
      for (const file of await walkDirectory(absolute)) files.add(file);
    } else if (kind === 'file') {
      files.add(absolute);
    } else {
      problems.push({ path: displayPath(absolute, cwd), kind: 'unreadable', message: kind.problem });
    }
  }
  return { files: [...files].sort(), problems };
}

type Kind = 'file' | 'directory' | { problem: string };

async function classify(absolute: string): Promise<Kind> {
  try {
    const info = await stat(absolute);
    if (info.isDirectory()) return 'directory';
    if (info.isFile()) return 'file';
    return { problem: 'is not a regular file (a FIFO, socket or device); skipped' };
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ENOENT') {
      const isDanglingLink = await lstat(absolute).then((info) => info.isSymbolicLink(), () => false);
      return { problem: isDanglingLink ? 'is a symbolic link to a file that does not exist' : 'no such file or directory' };
    }
    if (code === 'EACCES' || code === 'EPERM') return { problem: 'permission denied' };
    if (code === 'ELOOP') return { problem: 'is a symbolic link loop' };
    return { problem: (error as Error).message };
  }
}

async function walkDirectory(directory: string): Promise<string[]> {
  const entries = await fg(PYTHON_FILES, {
    cwd: directory,
    absolute: true,
    dot: true,
    onlyFiles: false,
    followSymbolicLinks: false,
    objectMode: true,
    suppressErrors: true,
    ignore: DEFAULT_EXCLUDED_DIRECTORIES.map((name) => `**/${name}/**`),
  });
  const files: string[] = [];
  for (const entry of entries) {
    if (entry.dirent.isFile()) {
      files.push(entry.path);
    } else if (entry.dirent.isSymbolicLink()) {
      const target = await stat(entry.path).catch(() => undefined);
      if (target?.isFile()) files.push(entry.path);
    }
  }
  return files;
}
