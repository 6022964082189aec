import { lstat, readdir, stat } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import type { Problem } from '../core/types.js';
import { displayPath } from './paths.js';

/** Folders never walked into unless named on the command line: environments, caches, build output. */
export const DEFAULT_EXCLUDED_DIRECTORIES = [
  '.git', '.hg', '.svn', '.venv', 'venv', 'node_modules', '__pycache__', '.tox', '.nox',
  '.mypy_cache', '.ruff_cache', '.pytest_cache', '.pitfall_cache', 'build', 'dist', 'site-packages',
] as const;

const PYTHON_FILE = /\.pyi?$/;

export interface Discovery {
  /** Absolute paths, sorted, each once. */
  readonly files: string[];
  readonly problems: Problem[];
}

/** Decides which entries a walk leaves out. Paths named on the command line are never asked about. */
export interface DiscoveryFilter {
  /** `walkRoot` is the folder named on the command line that the walk started from. */
  skip(absolute: string, isDirectory: boolean, walkRoot: string): boolean;
}

/** Without settings: leave out the default folders, by name, at any depth. */
const DEFAULT_FILTER: DiscoveryFilter = {
  skip: (absolute, isDirectory) => isDirectory && (DEFAULT_EXCLUDED_DIRECTORIES as readonly string[]).some((name) => absolute.endsWith(`/${name}`) || absolute.endsWith(`\\${name}`)),
};

/**
 * Expands command-line paths into the Python files to lint. A named file is
 * always linted, whatever its name; a named directory is searched for `*.py`
 * and `*.pyi`, leaving out what `filter` says (excluded and git-ignored paths).
 * Symbolic links to files are followed, links to directories are not (so a
 * link loop cannot trap the walk), and dangling links, FIFOs and sockets met
 * while walking are skipped. Named explicitly, those are problems.
 */
export async function discoverFiles(paths: readonly string[], cwd: string, filter: DiscoveryFilter = DEFAULT_FILTER): Promise<Discovery> {
  const files = new Set<string>();
  const problems: Problem[] = [];
  for (const given of paths) {
    const absolute = resolve(cwd, given);
    const kind = await classify(absolute);
    if (kind === 'directory') {
      for (const file of await walkDirectory(absolute, filter)) files.add(file);
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

/** Walks with an explicit stack of folders, so depth costs no call stack; folders that cannot be read are skipped. */
async function walkDirectory(root: string, filter: DiscoveryFilter): Promise<string[]> {
  const files: string[] = [];
  const pending = [root];
  while (pending.length > 0) {
    const directory = pending.pop()!;
    const entries = await readdir(directory, { withFileTypes: true }).catch(() => []);
    for (const entry of entries) {
      const path = join(directory, entry.name);
      if (entry.isDirectory()) {
        if (!filter.skip(path, true, root)) pending.push(path);
      } else if (PYTHON_FILE.test(entry.name) && (entry.isFile() || (entry.isSymbolicLink() && (await isFileBehindLink(path))))) {
        if (!filter.skip(path, false, root)) files.push(path);
      }
    }
  }
  return files;
}

async function isFileBehindLink(path: string): Promise<boolean> {
  const target = await stat(path).catch(() => undefined);
  return target?.isFile() ?? false;
}
