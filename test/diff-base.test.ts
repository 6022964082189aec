import { execFileSync, spawnSync } from 'node:child_process';
import { mkdirSync, renameSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ChangedLines } from '../src/diff/changed-lines.js';
import type { FileChanges } from '../src/diff/unified-diff.js';
import { parseUnifiedDiff, readQuoted } from '../src/diff/unified-diff.js';
import { makeProject, runCli } from './cli-helpers.js';

describe('unified diff parsing', () => {
  it('takes added and changed lines from hunk headers; pure deletions add none; counts default to 1', () => {
    const diff = [
      'diff --git a/app.py b/app.py',
      'index 1111111..2222222 100644',
      '--- a/app.py',
      '+++ b/app.py',
      '@@ -3 +3 @@ def run():',
      '-    old()',
      '+    new()',
      '@@ -10,2 +9,0 @@',
      '-gone',
      '-gone too',
      '@@ -20,0 +19,3 @@',
      '+a',
      '+b',
      '+c',
      '\\ No newline at end of file',
    ].join('\n');
    expect(parseUnifiedDiff(diff)).toEqual(new Map([['app.py', [{ first: 3, last: 3 }, { first: 19, last: 21 }]]]));
  });

  it('never takes a body line for a header, even one that reads like `+++ b/x` or `diff --git`', () => {
    const diff = [
      'diff --git a/a.py b/a.py',
      '--- a/a.py',
      '+++ b/a.py',
      '@@ -1,2 +1,3 @@',
      '--- a/evil.py',
      '-diff --git a/evil.py b/evil.py',
      '+++ b/evil.py',
      '+diff --git a/evil.py b/evil.py',
      '+@@ -1 +1,400 @@',
      'diff --git a/b.py b/b.py',
      '--- a/b.py',
      '+++ b/b.py',
      '@@ -5 +5 @@',
      '-x',
      '+y',
    ].join('\n');
    expect([...parseUnifiedDiff(diff)]).toEqual([
      ['a.py', [{ first: 1, last: 3 }]],
      ['b.py', [{ first: 5, last: 5 }]],
    ]);
  });

  it('reads new names: tab-terminated with spaces, C-quoted, renamed, new, deleted, binary', () => {
    const diff = [
      'diff --git a/with space.py b/with space.py',
      '--- a/with space.py\t',
      '+++ b/with space.py\t',
      '@@ -1 +1 @@',
      '-a',
      '+b',
      'diff --git "a/caf\\303\\251 \\"q\\".py" "b/caf\\303\\251 \\"q\\".py"',
      '--- "a/caf\\303\\251 \\"q\\".py"',
      '+++ "b/caf\\303\\251 \\"q\\".py"',
      '@@ -2 +2 @@',
      '-a',
      '+b',
      'diff --git a/old.py b/new name.py',
      'similarity index 90%',
      'rename from old.py',
      'rename to new name.py',
      '--- a/old.py',
      '+++ b/new name.py\t',
      '@@ -7 +7 @@',
      '-a',
      '+b',
      'diff --git a/moved.py b/elsewhere.py',
      'similarity index 100%',
      'rename from moved.py',
      'rename to elsewhere.py',
      'diff --git a/fresh.py b/fresh.py',
      'new file mode 100644',
      '--- /dev/null',
      '+++ b/fresh.py',
      '@@ -0,0 +1,2 @@',
      '+one',
      '+two',
      'diff --git a/dead.py b/dead.py',
      'deleted file mode 100644',
      '--- a/dead.py',
      '+++ /dev/null',
      '@@ -1,2 +0,0 @@',
      '-one',
      '-two',
      'diff --git a/blob b.py b/blob b.py',
      'index 1111111..2222222 100644',
      'Binary files a/blob b.py and b/blob b.py differ',
      'diff --git "a/\\tbin.py" "b/\\tbin.py"',
      'new file mode 100644',
      'Binary files /dev/null and "b/\\tbin.py" differ',
      'diff --git a/mode.py b/mode.py',
      'old mode 100644',
      'new mode 100755',
    ].join('\n');
    expect(parseUnifiedDiff(diff)).toEqual(
      new Map<string, unknown>([
        ['with space.py', [{ first: 1, last: 1 }]],
        ['café "q".py', [{ first: 2, last: 2 }]],
        ['new name.py', [{ first: 7, last: 7 }]],
        ['fresh.py', [{ first: 1, last: 2 }]],
        ['blob b.py', 'whole-file'],
        ['\tbin.py', 'whole-file'],
      ]),
    );
  });

  it('undoes every C escape git writes, and octal bytes as UTF-8', () => {
    expect(readQuoted('"a\\tb\\nc\\\\d\\"e\\001\\177\\342\\202\\254"', 0)).toEqual({ value: 'a\tb\nc\\d"e\u0001\u007f€', end: 34 });
    expect(readQuoted('"ünï"', 0).value).toBe('ünï');
    expect(readQuoted('"unterminated\\', 0).value).toBe('unterminated');
  });

  it('a finding is kept when any line of its range was changed', () => {
    const changed = new ChangedLines('/repo', new Map<string, FileChanges>([['pkg/a.py', [{ first: 3, last: 4 }, { first: 10, last: 10 }, { first: 20, last: 25 }]], ['b.py', 'whole-file']]));
    expect(changed.touches('/repo/pkg/a.py', 4, 4)).toBe(true);
    expect(changed.touches('/repo/pkg/a.py', 5, 9)).toBe(false);
    expect(changed.touches('/repo/pkg/a.py', 1, 3)).toBe(true);
    expect(changed.touches('/repo/pkg/a.py', 11, 19)).toBe(false);
    expect(changed.touches('/repo/pkg/a.py', 12, 40)).toBe(true);
    expect(changed.touches('/repo/pkg/a.py', 26, 26)).toBe(false);
    expect(changed.touches('/repo/b.py', 999, 999)).toBe(true);
    expect(changed.touches('/repo/c.py', 1, 1)).toBe(false);
    expect(changed.touches('/elsewhere/pkg/a.py', 3, 3)).toBe(false);
  });
});

const HAS_GIT = spawnSync('git', ['--version']).status === 0;
if (!HAS_GIT) console.warn('diff-base.test.ts: git is not on PATH, so the --diff-base runs against a real repository are skipped');
const gitSuite = HAS_GIT ? describe : describe.skip;

/** git without the machine's config, so CI needs no user name, default branch or signing set up. */
function git(cwd: string, ...args: string[]): string {
  return execFileSync('git', ['-c', 'user.name=Test', '-c', 'user.email=test@example.com', '-c', 'commit.gpgsign=false', '-c', 'init.defaultBranch=main', ...args], {
    cwd,
    encoding: 'utf8',
    env: { ...process.env, GIT_CONFIG_NOSYSTEM: '1' },
  });
}

const BARE_EXCEPT = 'try:\n    run()\nexcept:\n    log()\n';
/** Long enough for git to see a rename with a one-line edit as a rename. */
const MODULE = Array.from({ length: 20 }, (_, index) => `value_${index} = ${index}\n`).join('');

/** A temporary project whose files are committed as the first commit of a new repository. */
function committedProject(files: Record<string, string>): string {
  const project = makeProject(files);
  git(project, 'init', '-q');
  git(project, 'add', '.');
  git(project, 'commit', '-q', '-m', 'start');
  return project;
}

function findingsOf(stdout: string): string[] {
  return (JSON.parse(stdout) as { path: string; line: number; rule: string }[]).map((finding) => `${finding.path}:${finding.line}:${finding.rule}`);
}

gitSuite(HAS_GIT ? '--diff-base on a git repository' : '--diff-base on a git repository (skipped: git not found on PATH)', () => {
  it('reports only findings on lines added or changed since the revision: edits, staged, untracked, renamed, unusual names', () => {
    const project = committedProject({
      'app.py': `${BARE_EXCEPT}\n${BARE_EXCEPT}`,
      'untouched.py': BARE_EXCEPT,
      'shrunk.py': `${BARE_EXCEPT}x = 1\ny = 2\n`,
      'old name.py': `${MODULE}${BARE_EXCEPT}`,
      'spaced ü "q".py': BARE_EXCEPT,
    });

    // A new bug added below the old ones, unstaged.
    writeFileSync(join(project, 'app.py'), `${BARE_EXCEPT}\n${BARE_EXCEPT}\ndef add(item, into=[]):\n    return into\n`);
    // Lines deleted only: nothing new to report there.
    writeFileSync(join(project, 'shrunk.py'), BARE_EXCEPT);
    // Renamed with one changed line, staged.
    mkdirSync(join(project, 'pkg dir'));
    renameSync(join(project, 'old name.py'), join(project, 'pkg dir', 'nouveau é.py'));
    writeFileSync(join(project, 'pkg dir', 'nouveau é.py'), `${MODULE.replace('value_3 = 3', 'def value_3(seen={}): return seen')}${BARE_EXCEPT}`);
    git(project, 'add', '-A');
    // The name with a space, a non-ASCII letter and quotes: an edit on line 3.
    writeFileSync(join(project, 'spaced ü "q".py'), 'try:\n    run()\nexcept:  # still bare\n    log()\n');
    // Untracked: new in full. Ignored: not part of the change.
    writeFileSync(join(project, 'brand new.py'), BARE_EXCEPT);
    writeFileSync(join(project, '.gitignore'), 'ignored.py\n');
    writeFileSync(join(project, 'ignored.py'), BARE_EXCEPT);

    const run = runCli(['check', '--diff-base', 'HEAD', '--no-respect-gitignore', '--format', 'json'], { cwd: project });
    expect(run.code).toBe(1);
    expect(findingsOf(run.stdout)).toEqual(['app.py:11:MUT001', 'brand new.py:3:EXC001', 'pkg dir/nouveau é.py:4:MUT001', 'spaced ü "q".py:3:EXC001']);
    expect(run.stderr).toBe('Found 4 problems (4 warnings) in 4 of 7 files; 6 on unchanged lines not shown.\n');

    // From a subfolder, paths stay right; and a finding keeps its full-run fingerprint.
    const inside = runCli(['check', '.', '--diff-base', 'HEAD', '--format', 'json'], { cwd: join(project, 'pkg dir') });
    expect(findingsOf(inside.stdout)).toEqual(['nouveau é.py:4:MUT001']);
    const sarif = (args: string[]) => JSON.parse(runCli(['check', 'app.py', '--format', 'sarif', ...args], { cwd: project }).stdout).runs[0].results.map((result: any) => [result.locations[0].physicalLocation.region.startLine, result.partialFingerprints['pitfall/v1']]);
    const full = sarif([]);
    expect(full).toHaveLength(3);
    expect(sarif(['--diff-base', 'HEAD'])).toEqual([full[2]]);

    // Nothing changed since the revision: nothing reported, and the summary says why.
    git(project, 'add', '-A');
    git(project, 'commit', '-q', '-m', 'more');
    const clean = runCli(['check', '--diff-base', 'HEAD'], { cwd: project });
    expect(clean.code).toBe(0);
    expect(clean.stdout).toBe('No problems found in 6 files; 9 on unchanged lines not shown.\n');
  });

  it('compares with the merge base, so what the base branch changed since is not blamed on this branch', () => {
    const project = committedProject({ 'app.py': `${BARE_EXCEPT}x = 1\n` });
    git(project, 'checkout', '-q', '-b', 'feature');
    writeFileSync(join(project, 'app.py'), `${BARE_EXCEPT}x = 1\ndef add(item, into=[]):\n    return into\n`);
    git(project, 'commit', '-q', '-am', 'feature work');
    git(project, 'checkout', '-q', 'main');
    // main fixes the old bug after the feature branched off.
    writeFileSync(join(project, 'app.py'), 'try:\n    run()\nexcept Exception:\n    log()\nx = 1\n');
    git(project, 'commit', '-q', '-am', 'fix on main');
    git(project, 'checkout', '-q', 'feature');
    const run = runCli(['check', '--diff-base', 'main', '--format', 'json'], { cwd: project });
    expect(findingsOf(run.stdout)).toEqual(['app.py:6:MUT001']);
  });

  it('applies with --baseline: both filters, each counted', () => {
    const project = committedProject({ 'app.py': BARE_EXCEPT, 'other.py': BARE_EXCEPT });
    // The old bug moves down by an edited line above it, in the changed region.
    writeFileSync(join(project, 'app.py'), `import os\n${BARE_EXCEPT}def add(item, into=[]):\n    return into\n`);
    writeFileSync(join(project, 'baseline.json'), `{"version": 1, "tool": "pitfall", "findings": [{"path": "app.py", "rule": "EXC001", "fingerprint": "43b4376720072c7e:1", "message": "", "line": 3}]}`);
    const run = runCli(['check', 'app.py', 'other.py', '--diff-base', 'HEAD', '--baseline', 'baseline.json'], { cwd: project });
    expect(run.code).toBe(1);
    expect(run.stdout).toContain('app.py:6:20: MUT001');
    expect(run.stdout).toContain('Found 1 problem (1 warning) in 1 of 2 files; 1 in the baseline; 1 on unchanged lines not shown.\n');
  });

  it('filters standard input by the --stdin-filename path, and needs that name', () => {
    const project = committedProject({ 'app.py': BARE_EXCEPT });
    const source = `${BARE_EXCEPT}def add(item, into=[]):\n    return into\n`;
    writeFileSync(join(project, 'app.py'), source);
    const run = runCli(['check', '-', '--stdin-filename', 'app.py', '--diff-base', 'HEAD', '--format', 'json'], { cwd: project, input: source });
    expect(findingsOf(run.stdout)).toEqual(['app.py:5:MUT001']);
    const unnamed = runCli(['check', '-', '--diff-base', 'HEAD'], { cwd: project, input: source });
    expect(unnamed.code).toBe(2);
    expect(unnamed.stderr).toBe('pitfall: error: --diff-base needs --stdin-filename to know which file standard input holds\n');
  });

  it('is a clear error, exit 2, for an unknown revision, an option-like one, outside a repository, and without git', () => {
    const project = committedProject({ 'app.py': BARE_EXCEPT });
    for (const ref of ['no-such-branch', '--output=x', 'HEAD~5']) {
      const run = runCli(['check', `--diff-base=${ref}`], { cwd: project });
      expect([run.code, run.stdout, run.stderr]).toEqual([2, '', `pitfall: error: --diff-base: unknown git revision '${ref}'\n`]);
    }

    const shallow = join(makeProject({}), 'clone');
    git(project, 'commit', '-q', '--allow-empty', '-m', 'second');
    git(project, 'clone', '-q', '--depth', '1', `file://${project}`, shallow);
    const inShallow = runCli(['check', '--diff-base', 'HEAD~1'], { cwd: shallow });
    expect(inShallow.code).toBe(2);
    expect(inShallow.stderr).toBe("pitfall: error: --diff-base: unknown git revision 'HEAD~1'\npitfall: this clone is shallow: fetch the base revision first (with actions/checkout, set fetch-depth: 0)\n");

    const outside = makeProject({ 'app.py': BARE_EXCEPT });
    const notRepo = runCli(['check', '--diff-base', 'main'], { cwd: outside, env: { GIT_CEILING_DIRECTORIES: join(outside, '..') } });
    expect(notRepo.code).toBe(2);
    expect(notRepo.stdout).toBe('');
    expect(notRepo.stderr).toMatch(/^pitfall: error: --diff-base: .+ is not inside a git work tree \(git: fatal: not a git repository.*\)\n$/);

    const noGit = runCli(['check', '--diff-base', 'main'], { cwd: project, env: { PATH: join(outside, 'no-bin') } });
    expect([noGit.code, noGit.stdout, noGit.stderr]).toEqual([2, '', 'pitfall: error: --diff-base needs git, which was not found on PATH\n']);
  });

  it('neutralises a revision with control characters before printing it', () => {
    const project = makeProject({ 'app.py': BARE_EXCEPT });
    git(project, 'init', '-q');
    const run = runCli(['check', '--diff-base', 'x\u001b[2Jy'], { cwd: project });
    expect(run.code).toBe(2);
    expect(run.stderr).not.toContain('\u001b');
  });
});
