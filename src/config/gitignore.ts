import { existsSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { GlobSet } from './globs.js';

/** Which ignore file left a path out, and with which pattern. */
export interface GitIgnoreMatch {
  readonly file: string;
  readonly pattern: string;
}

/**
 * Git's ignore rules for paths met while walking: every `.gitignore` from the
 * repository root down to the path's folder (a deeper file overrides a
 * shallower one, `!` re-includes) and then `.git/info/exclude`. As in git
 * (and ruff), ignore files count only inside a repository, a folder with a
 * `.git` entry. The user's global excludes file is not read, so a run gives
 * the same result on every machine.
 */
export class GitIgnore {
  private readonly repositoryRoots = new Map<string, string | null>();
  private readonly ignoreFiles = new Map<string, GlobSet | null>();
  private readonly layersByFolder = new Map<string, { file: string; base: string }[]>();

  /** The pattern that ignores `absolute` (an entry of the folder being walked), if any. */
  ignoredBy(absolute: string, isDirectory: boolean, walkRoot?: string): GitIgnoreMatch | undefined {
    const folder = dirname(absolute);
    const root = this.repositoryRoot(folder);
    if (root === undefined) return undefined;
    for (const { file, base } of this.layers(root, folder)) {
      const verdict = this.load(file, base)?.test(absolute, isDirectory, walkRoot);
      if (verdict) return verdict.matched ? { file, pattern: verdict.pattern } : undefined;
    }
    return undefined;
  }

  /** The nearest folder at or above `folder` with a `.git` directory or file. */
  repositoryRoot(folder: string): string | undefined {
    const cached = this.repositoryRoots.get(folder);
    if (cached !== undefined) return cached ?? undefined;
    const parent = dirname(folder);
    const root = existsSync(join(folder, '.git')) ? folder : parent === folder ? undefined : this.repositoryRoot(parent);
    this.repositoryRoots.set(folder, root ?? null);
    return root;
  }

  /** Ignore files that apply in `folder`, the one that wins first. */
  private layers(root: string, folder: string): { file: string; base: string }[] {
    const cached = this.layersByFolder.get(folder);
    if (cached) return cached;
    const files: { file: string; base: string }[] = [];
    for (let current = folder; ; current = dirname(current)) {
      files.push({ file: join(current, '.gitignore'), base: current });
      if (current === root || dirname(current) === current) break;
    }
    // Its globs are relative to the repository root.
    const exclude = infoExclude(root);
    if (exclude) files.push({ file: exclude, base: root });
    this.layersByFolder.set(folder, files);
    return files;
  }

  private load(file: string, base: string): GlobSet | undefined {
    let set = this.ignoreFiles.get(file);
    if (set === undefined) {
      const text = readIfFile(file);
      set = text === undefined ? null : new GlobSet(base, text.split(/\r?\n/));
      this.ignoreFiles.set(file, set);
    }
    return set ?? undefined;
  }
}

/** `.git/info/exclude`; for a worktree or submodule, whose `.git` is a file, the one in the git directory it names. */
function infoExclude(root: string): string | undefined {
  const dotGit = join(root, '.git');
  let gitDir = dotGit;
  try {
    if (statSync(dotGit).isFile()) {
      const pointer = /^gitdir:\s*(.+?)\s*$/m.exec(readFileSync(dotGit, 'utf8'));
      if (!pointer) return undefined;
      gitDir = resolve(root, pointer[1]!);
      const common = readIfFile(join(gitDir, 'commondir'));
      if (common !== undefined) gitDir = resolve(gitDir, common.trim());
    }
  } catch {
    return undefined;
  }
  return join(gitDir, 'info', 'exclude');
}

function readIfFile(path: string): string | undefined {
  try {
    return readFileSync(path, 'utf8');
  } catch {
    return undefined;
  }
}
