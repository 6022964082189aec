import { spawn } from 'node:child_process';
import { StringDecoder } from 'node:string_decoder';
import { ChangedLines } from './changed-lines.js';
import { UnifiedDiffParser } from './unified-diff.js';

/** Why `--diff-base` cannot work here; the message is ready for `pitfall: error: `. */
export class DiffBaseError extends Error {
  constructor(
    message: string,
    /** A further line of advice, when there is one. */
    readonly hint?: string,
  ) {
    super(message);
  }
}

/**
 * The lines added or changed in the work tree holding `cwd` (committed, staged
 * or not) since the revision `ref` forked from HEAD, as `git diff ref...` and a
 * pull request's diff see them; untracked files count as new in full. Git runs
 * without a shell, with the user's diff settings (external tools, text
 * conversion, colour, prefixes, relative paths) turned off.
 */
export async function changedLinesSince(ref: string, cwd: string): Promise<ChangedLines> {
  const root = (await runGit(['rev-parse', '--show-toplevel'], cwd, (stderr) => `--diff-base: ${cwd} is not inside a git work tree${stderr ? ` (git: ${stderr})` : ''}`)).trim();
  const commit = await resolveCommit(ref, root);
  const base = await forkPoint(commit, root);
  const parser = new UnifiedDiffParser();
  await runGit(
    ['-c', 'core.quotepath=false', '-c', 'diff.relative=false', 'diff', '--no-color', '--no-ext-diff', '--no-textconv', '--unified=0', '--find-renames', '--src-prefix=a/', '--dst-prefix=b/', base, '--'],
    root,
    (stderr) => `--diff-base: git diff failed: ${stderr}`,
    (line) => parser.line(line),
  );
  const files = parser.finish();
  const untracked = await runGit(['ls-files', '--others', '--exclude-standard', '-z'], root, (stderr) => `--diff-base: git ls-files failed: ${stderr}`);
  for (const path of untracked.split('\0')) if (path !== '') files.set(path, 'whole-file');
  return new ChangedLines(root, files);
}

async function resolveCommit(ref: string, root: string): Promise<string> {
  // A revision never starts with '-'; git would read it as an option.
  const output = ref === '' || ref.startsWith('-') ? undefined : await runGit(['rev-parse', '--verify', '--quiet', `${ref}^{commit}`], root, () => '').catch(unlessGitFailed(undefined));
  if (output !== undefined) return output.trim();
  const shallow = (await runGit(['rev-parse', '--is-shallow-repository'], root, () => '').catch(unlessGitFailed(''))).trim() === 'true';
  throw new DiffBaseError(`--diff-base: unknown git revision '${ref}'`, shallow ? 'this clone is shallow: fetch the base revision first (with actions/checkout, set fetch-depth: 0)' : undefined);
}

/** Where HEAD left `commit` (their merge base), so changes made on `commit`'s side since then are not taken for ours. */
async function forkPoint(commit: string, root: string): Promise<string> {
  // No HEAD yet, unrelated histories or a shallow clone: compare with the revision itself.
  return (await runGit(['merge-base', commit, 'HEAD'], root, () => '').catch(unlessGitFailed(commit))).trim();
}

/** For `.catch`: `fallback` when git ran and failed, any other error (git missing) passed on. */
function unlessGitFailed<T>(fallback: T): (error: unknown) => T {
  return (error) => {
    if (error instanceof GitFailed) return fallback;
    throw error;
  };
}

/** git exited non-zero; the message says what failed. */
class GitFailed extends DiffBaseError {}

/**
 * Runs git and resolves with its stdout, or passes each line of it (without the
 * line break) to `onLine` as it arrives, so a large diff is never held whole.
 */
function runGit(args: readonly string[], cwd: string, failure: (stderr: string) => string, onLine?: (line: string) => void): Promise<string> {
  return new Promise((resolve, reject) => {
    // No optional locks: pitfall only reads, and must not hold the index lock while an editor runs git.
    const child = spawn('git', args, { cwd, env: { ...process.env, GIT_OPTIONAL_LOCKS: '0' }, stdio: ['ignore', 'pipe', 'pipe'] });
    const decoder = new StringDecoder('utf8');
    let pending = '';
    let stderr = '';
    const take = (text: string) => {
      if (!onLine) return void (pending += text);
      const lines = (pending + text).split('\n');
      pending = lines.pop()!;
      for (const line of lines) onLine(line);
    };
    child.stdout.on('data', (chunk: Buffer) => take(decoder.write(chunk)));
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString('utf8')));
    child.on('error', (error: NodeJS.ErrnoException) => {
      reject(error.code === 'ENOENT' ? new DiffBaseError('--diff-base needs git, which was not found on PATH') : error);
    });
    child.on('close', (code) => {
      take(decoder.end());
      if (code !== 0) return reject(new GitFailed(failure(stderr.trim().split('\n')[0] ?? '')));
      if (onLine && pending !== '') onLine(pending);
      resolve(onLine ? '' : pending);
    });
  });
}
