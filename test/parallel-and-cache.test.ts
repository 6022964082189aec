import { appendFileSync, cpSync, existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { spawn } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { ALL_RULES } from '../rules/index.js';
import { computeBuildId } from '../src/cache/build-id.js';
import { ENTRY_MAX_AGE_MS, PRUNE_INTERVAL_MS, pruneCache } from '../src/cache/prune.js';
import { SettingsResolver } from '../src/config/index.js';
import { runCheck } from '../src/run/check.js';
import { runOnWorkers } from '../src/run/pool.js';
import { pathToFileURL } from 'node:url';
import { BIN, makeProject, runCli } from './cli-helpers.js';
import { ROOT } from './helpers.js';

/** Enough files, with findings of several rules, for `--jobs 2` to really start two workers. */
function manyFiles(count = 75): Record<string, string> {
  const files: Record<string, string> = {};
  for (let index = 0; index < count; index++) {
    files[`pkg${index % 4}/mod_${String(index).padStart(2, '0')}.py`] = [
      `def f${index}(items=[]):  # MUT001`,
      '    try:',
      '        return items[0]',
      '    except:',
      '        pass',
      index % 3 === 0 ? 'x = "é😀" ; y = [lambda: i for i in range(3)]' : 'import os',
      '',
    ].join('\n');
  }
  return files;
}

function entries(cacheDir: string): string[] {
  const root = join(cacheDir, 'v1');
  return (readdirSync(root, { recursive: true }) as string[]).filter((name) => name.endsWith('.json')).map((name) => join(root, name)).sort();
}

describe('--jobs: output does not depend on the number of workers', () => {
  it.each(['text', 'json', 'sarif'])('%s is byte-identical with --jobs 1, 2 and 3', (format) => {
    const root = makeProject({ ...manyFiles(), 'broken.py': 'def f(:\n', 'latin.py': Buffer.from([0x78, 0x20, 0x3d, 0x20, 0xe9, 0x0a]) });
    const runs = [1, 2, 3].map((jobs) => runCli(['check', '.', '--no-cache', '--jobs', String(jobs), '--format', format], { cwd: root }));
    expect(runs[0]!.code).toBe(2); // latin.py cannot be decoded; everything else is still reported
    expect(runs[0]!.stdout).toContain('MUT001');
    for (const run of runs.slice(1)) {
      expect(run.stdout).toBe(runs[0]!.stdout);
      expect(run.stderr).toBe(runs[0]!.stderr);
      expect(run.code).toBe(runs[0]!.code);
    }
  });

  it('rejects a --jobs that is not a whole number of at least 1', () => {
    for (const jobs of ['0', '-1', '1.5', 'many']) {
      const run = runCli(['check', 'fixtures', '--jobs', jobs]);
      expect(run.code, jobs).toBe(2);
      expect(run.stderr).toMatch(/--jobs/);
    }
  });
});

describe('the worker pool', () => {
  it('returns results by task index, and a worker that dies fails only the tasks it held', async () => {
    const folder = mkdtempSync(join(tmpdir(), 'pitfall-pool-'));
    try {
      const script = join(folder, 'worker.mjs');
      writeFileSync(
        script,
        `import { parentPort } from 'node:worker_threads';
        parentPort.on('message', ({ id, task }) => {
          if (task === 'exit') process.exit(3);
          if (task === 'throw') throw new Error('boom');
          setTimeout(() => parentPort.postMessage({ id, result: task.toUpperCase() }), (id * 7) % 5);
        });`,
      );
      const tasks = ['a', 'b', 'exit', 'c', 'd', 'throw', 'e', 'f', 'g', 'h'];
      const warnings: string[] = [];
      const results = await runOnWorkers<string, string>(pathToFileURL(script), 2, undefined, tasks, (warning) => warnings.push(warning));
      expect(results).toHaveLength(tasks.length);
      expect(results[2]).toBeInstanceOf(Error);
      expect(results[5]).toBeInstanceOf(Error);
      expect((results[5] as Error).message).toMatch(/boom/);
      // Tasks held by a dying worker fail with it; all others come back, in order.
      for (const [index, task] of tasks.entries()) {
        if (results[index] instanceof Error) continue;
        expect(results[index]).toBe(task.toUpperCase());
      }
      expect(results.filter((result) => !(result instanceof Error)).length).toBeGreaterThanOrEqual(4);
    } finally {
      rmSync(folder, { recursive: true, force: true });
    }
  });
});

describe('the result cache', () => {
  it('answers an unchanged tree from the cache with the same report, and keeps a .gitignore in its folder', () => {
    const root = makeProject(manyFiles(30));
    const cold = runCli(['check', '.', '--format', 'json'], { cwd: root });
    const cache = join(root, '.pitfall_cache');
    expect(readFileSync(join(cache, '.gitignore'), 'utf8')).toMatch(/^\*$/m);
    expect(entries(cache)).toHaveLength(30);
    const stamps = entries(cache).map((entry) => statSync(entry).mtimeMs);
    const warm = runCli(['check', '.', '--format', 'json'], { cwd: root });
    expect(warm.stdout).toBe(cold.stdout);
    expect(warm.code).toBe(cold.code);
    expect(entries(cache).map((entry) => statSync(entry).mtimeMs)).toEqual(stamps); // nothing rewritten
  });

  it('puts the cache at the repository root, or where --cache-dir says, and writes none with --no-cache', () => {
    const root = makeProject({ '.git/HEAD': 'ref: refs/heads/main\n', 'src/a.py': 'def f(x=[]): pass\n' });
    runCli(['check', 'a.py'], { cwd: join(root, 'src') });
    expect(entries(join(root, '.pitfall_cache'))).toHaveLength(1);
    runCli(['check', 'src', '--cache-dir', 'elsewhere'], { cwd: root });
    expect(entries(join(root, 'elsewhere'))).toHaveLength(1);
    const clean = makeProject({ 'a.py': 'def f(x=[]): pass\n' });
    runCli(['check', '.', '--no-cache'], { cwd: clean });
    expect(readdirSync(clean)).toEqual(['a.py']);
  });

  it('is invalidated by content, by settings and by the build, and a warm tree lints only the changed file', async () => {
    const root = makeProject(manyFiles(10));
    const cacheDir = join(root, 'cache');
    const check = (options: { buildId?: string; select?: string[] } = {}) =>
      runCheck({
        paths: ['.'],
        cwd: root,
        jobs: 1,
        cache: { dir: cacheDir, buildId: options.buildId ?? 'build-1' },
        settings: new SettingsResolver({ cwd: root, rules: ALL_RULES, cli: { select: options.select }, mode: { kind: 'nearest' } }),
      });
    const cold = await check();
    expect(cold.cacheHits).toBe(0);
    const warm = await check();
    expect(warm.cacheHits).toBe(10);
    expect(warm.findings).toEqual(cold.findings);

    appendFileSync(join(root, 'pkg1/mod_01.py'), 'def g(y={}): pass\n');
    const oneChanged = await check();
    expect(oneChanged.cacheHits).toBe(9);
    expect(oneChanged.findings.filter((finding) => finding.path === 'pkg1/mod_01.py' && finding.start.line === 7 && finding.ruleId === 'MUT001')).toHaveLength(1);

    const otherRules = await check({ select: ['MUT001'] });
    expect(otherRules.cacheHits).toBe(0);
    expect(new Set(otherRules.findings.map((finding) => finding.ruleId))).toEqual(new Set(['MUT001']));

    writeFileSync(join(root, 'pyproject.toml'), '[tool.pitfall]\nignore = ["EXC001"]\n');
    const configChanged = await check();
    expect(configChanged.cacheHits).toBe(0);
    expect(configChanged.findings.some((finding) => finding.ruleId === 'EXC001')).toBe(false);

    expect((await check({ buildId: 'build-2' })).cacheHits).toBe(0);
  });

  it('takes the build id from the compiled code, so a changed rule invalidates the cache at the same version', () => {
    const dist = mkdtempSync(join(tmpdir(), 'pitfall-dist-'));
    try {
      cpSync(join(ROOT, 'dist', 'src'), join(dist, 'src'), { recursive: true });
      cpSync(join(ROOT, 'dist', 'rules'), join(dist, 'rules'), { recursive: true });
      const before = computeBuildId(dist);
      expect(computeBuildId(dist)).toBe(before);
      appendFileSync(join(dist, 'rules', 'index.js'), '\n// changed\n');
      expect(computeBuildId(dist)).not.toBe(before);
    } finally {
      rmSync(dist, { recursive: true, force: true });
    }
  });

  it('ignores and rewrites corrupt entries', () => {
    const root = makeProject(manyFiles(5));
    const first = runCli(['check', '.', '--format', 'json'], { cwd: root });
    const cache = join(root, '.pitfall_cache');
    const damage = ['', '{"key": "x"', 'null', '{"key": "wrong", "findings": [], "suppressed": [], "problems": [], "warnings": []}', '\u0000\u0001'];
    entries(cache).forEach((entry, index) => writeFileSync(entry, damage[index % damage.length]!));
    const again = runCli(['check', '.', '--format', 'json'], { cwd: root });
    expect(again.stdout).toBe(first.stdout);
    expect(again.stderr).toBe(first.stderr);
    for (const entry of entries(cache)) expect(() => JSON.parse(readFileSync(entry, 'utf8'))).not.toThrow();
  });

  it('goes on without a cache it cannot create or write, saying so once', () => {
    const root = makeProject({ ...manyFiles(3), blocker: 'a file where the cache folder should be\n' });
    const reference = runCli(['check', '.', '--no-cache', '--format', 'json'], { cwd: root });
    const run = runCli(['check', '.', '--cache-dir', 'blocker/cache', '--format', 'json'], { cwd: root });
    expect(run.stdout).toBe(reference.stdout);
    expect(run.code).toBe(reference.code);
    expect(run.stderr.match(/pitfall: warning: cannot create the cache folder/g)).toHaveLength(1);
  });

  it('stays whole when two runs share it at the same time', async () => {
    const root = makeProject(manyFiles(60));
    const reference = runCli(['check', '.', '--no-cache', '--format', 'json'], { cwd: root });
    const runAsync = () =>
      new Promise<string>((resolve) => {
        const child = spawn(process.execPath, [BIN, 'check', '.', '--format', 'json'], { cwd: root });
        let stdout = '';
        child.stdout.on('data', (chunk) => (stdout += chunk));
        child.on('close', () => resolve(stdout));
      });
    const outputs = await Promise.all([runAsync(), runAsync()]);
    expect(outputs).toEqual([reference.stdout, reference.stdout]);
    expect(runCli(['check', '.', '--format', 'json'], { cwd: root }).stdout).toBe(reference.stdout);
    expect(entries(join(root, '.pitfall_cache'))).toHaveLength(60);
  });

  it('drops entries not written for 30 days, at most once a day, and keeps the rest', () => {
    const root = makeProject(manyFiles(4));
    runCli(['check', '.'], { cwd: root });
    const cache = join(root, '.pitfall_cache');
    const [old, ...fresh] = entries(cache);
    const now = Date.now();
    const marker = join(cache, 'v1', 'last-pruned');
    expect(existsSync(marker)).toBe(true); // the first run pruned, and started the clock
    const ago = (ms: number) => new Date(now - ms);
    utimesSync(old!, ago(ENTRY_MAX_AGE_MS + 1000), ago(ENTRY_MAX_AGE_MS + 1000));

    pruneCache(cache, now); // pruned less than a day ago: nothing happens
    expect(existsSync(old!)).toBe(true);

    utimesSync(marker, ago(PRUNE_INTERVAL_MS + 1000), ago(PRUNE_INTERVAL_MS + 1000));
    pruneCache(cache, now);
    expect(existsSync(old!)).toBe(false);
    for (const entry of fresh) expect(existsSync(entry)).toBe(true);
    expect(now - statSync(marker).mtimeMs).toBeLessThan(PRUNE_INTERVAL_MS);

    // The pruned file is linted again and cached again, with the same report.
    const again = runCli(['check', '.', '--format', 'json'], { cwd: root });
    expect(again.stdout).toBe(runCli(['check', '.', '--format', 'json', '--no-cache'], { cwd: root }).stdout);
    expect(entries(cache)).toHaveLength(4);
  });
});
