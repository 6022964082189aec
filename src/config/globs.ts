import ignore, { type Ignore } from 'ignore';
import { isAbsolute, parse, relative, sep } from 'node:path';

/**
 * Gitignore-style globs written in one folder (`base`), matched against
 * absolute paths with the `ignore` package: a glob without a slash matches at
 * any depth, one with a slash is anchored to `base`, a trailing `/` matches
 * only folders, `**` spans folders, `!` re-includes. Case-sensitive on every
 * platform, so a config means the same everywhere.
 */
export class GlobSet {
  private readonly matcher: Ignore;
  private readonly rootsMatched = new Map<string, boolean>();

  constructor(
    readonly base: string,
    readonly patterns: readonly string[],
  ) {
    this.matcher = ignore({ ignorecase: false }).add([...patterns]);
  }

  /**
   * The glob that matches `absolute` (the last one, as git decides), or
   * undefined. `walkRoot` is a folder named on the command line: it is walked
   * even when it matches, so when it (or a folder above it) matches, the paths
   * inside it are matched relative to it instead of being swept up with it.
   */
  match(absolute: string, isDirectory: boolean, walkRoot?: string): string | undefined {
    const verdict = this.test(absolute, isDirectory, walkRoot);
    return verdict?.matched ? verdict.pattern : undefined;
  }

  /**
   * What the globs say about a path: matched by `pattern`, re-included by a
   * `!` glob (`matched: false`), or undefined when no glob mentions it; nested
   * .gitignore files need the difference between the last two.
   */
  test(absolute: string, isDirectory: boolean, walkRoot?: string): { matched: boolean; pattern: string } | undefined {
    let base = this.base;
    if (walkRoot !== undefined && walkRoot !== absolute && this.rootIsMatched(walkRoot)) base = walkRoot;
    const path = matchPath(base, absolute, isDirectory);
    if (path === undefined) return undefined;
    const result = this.matcher.test(path);
    if (result.ignored) return { matched: true, pattern: result.rule?.pattern ?? '' };
    return result.unignored ? { matched: false, pattern: '' } : undefined;
  }

  private rootIsMatched(walkRoot: string): boolean {
    let matched = this.rootsMatched.get(walkRoot);
    if (matched === undefined) {
      matched = this.match(walkRoot, true) !== undefined;
      this.rootsMatched.set(walkRoot, matched);
    }
    return matched;
  }
}

/**
 * The `/`-separated path the globs see. Outside `base`, the path from the file
 * system root: only globs without a slash (which match at any depth) can match
 * it there, so `.venv/` still applies but `src/legacy/` does not.
 */
function matchPath(base: string, absolute: string, isDirectory: boolean): string | undefined {
  let path = relative(base, absolute);
  if (path === '') return undefined;
  if (path === '..' || path.startsWith(`..${sep}`) || isAbsolute(path)) path = absolute.slice(parse(absolute).root.length);
  if (path === '') return undefined;
  path = path.split(sep).join('/');
  return isDirectory ? `${path}/` : path;
}
