/**
 * `npm run bench -- [DIR] [--rounds N] [--jobs N] [--profile]`: what linting costs
 * above parsing, cold and warm, and how much memory it takes.
 *
 * On a directory (default: the standard library of the `python3` on PATH, or a
 * generated corpus when there is none), copied to a temporary folder so files can
 * be changed, it measures in fresh processes, each the best of several rounds:
 * - the floor: finding, reading and parsing every file with tree-sitter alone, on
 *   as many worker threads as the lint uses;
 * - the floor plus one bare cursor walk over every node (a type read per node):
 *   what any lint that looks at every node pays through these bindings before
 *   doing any work of its own;
 * - a cold lint: `pitfall check --select ALL` with an empty cache;
 * - a warm lint: the same again, nothing changed;
 * - one file changed in a warm tree;
 * and prints the ratios cold/floor and warm/cold with the peak memory of the cold
 * lint (worker threads included). `--profile` instead lints in this process with
 * every rule's visitors timed, so a slow rule is found in one run.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { appendFileSync, cpSync, mkdirSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { availableParallelism, tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { ALL_RULES } from '../rules/index.js';
import { discoverFiles } from '../src/io/discover.js';
import { profileRules } from './bench-profile.js';

const HERE = dirname(fileURLToPath(import.meta.url));
const BIN = join(HERE, '..', '..', 'bin', 'pitfall');
const TARGETS = { coldOverFloor: 1.3, warmOverCold: 0.1, peakBytes: 400e6 };

interface Measured {
  readonly ms: number;
  readonly peakBytes: number;
  readonly stdout: string;
}

async function main(): Promise<void> {
  const args = process.argv.slice(2);
  const flag = (name: string): string | undefined => {
    const at = args.indexOf(name);
    return at >= 0 ? args.splice(at, 2)[1] : undefined;
  };
  const profile = args.includes('--profile');
  if (profile) args.splice(args.indexOf('--profile'), 1);
  const rounds = Number(flag('--rounds') ?? 3);
  const jobs = Number(flag('--jobs') ?? availableParallelism());
  const target = args[0] ?? defaultCorpus();
  if (profile) return profileRules(target, rounds);

  const work = mkdtempSync(join(tmpdir(), 'pitfall-bench-'));
  try {
    const corpus = join(work, 'corpus');
    cpSync(target, corpus, { recursive: true, dereference: false });
    const { files } = await discoverFiles([corpus], work);
    const bytes = files.reduce((total, file) => total + statSync(file).size, 0);
    console.log(`corpus: ${target}`);
    console.log(`files: ${files.length}, ${(bytes / 1e6).toFixed(1)} MB; rules: ${ALL_RULES.length} (--select ALL); jobs: ${jobs}; best of ${rounds} rounds`);

    const cache = join(work, 'cache');
    const lint = () => measure(process.execPath, [BIN, 'check', corpus, '--select', 'ALL', '--jobs', String(jobs), '--cache-dir', cache, '--format', 'json', '-o', join(work, 'report.json'), '--exit-zero', '-q'], work);
    const floors: Measured[] = [];
    const walks: Measured[] = [];
    const colds: Measured[] = [];
    const warms: Measured[] = [];
    const changed: Measured[] = [];
    for (let round = 0; round < rounds; round++) {
      floors.push(measure(process.execPath, [join(HERE, 'bench-parse.js'), corpus, String(jobs)], work));
      walks.push(measure(process.execPath, [join(HERE, 'bench-parse.js'), corpus, String(jobs), 'walk'], work));
      rmSync(cache, { recursive: true, force: true });
      colds.push(lint());
      warms.push(lint());
      appendFileSync(files[round % files.length]!, `\n# edited by the benchmark, round ${round}\n`);
      changed.push(lint());
    }
    const best = (runs: readonly Measured[]) => Math.min(...runs.map((run) => run.ms));
    const floor = best(floors);
    const cold = best(colds);
    const warm = best(warms);
    const peak = Math.max(...colds.map((run) => run.peakBytes));
    const row = (label: string, runs: readonly Measured[]) =>
      console.log(`${label.padEnd(20)}${seconds(best(runs)).padStart(8)}  (${runs.map((run) => seconds(run.ms)).join(', ')}; peak ${megabytes(Math.max(...runs.map((run) => run.peakBytes)))})`);
    row('parse only (floor):', floors);
    row('parse + bare walk:', walks);
    row('cold lint:', colds);
    row('warm lint:', warms);
    row('one file changed:', changed);
    console.log(`peak memory, cold lint: ${megabytes(peak)} (target ≤ ${megabytes(TARGETS.peakBytes)})`);
    console.log(`cold/floor: ${(cold / floor).toFixed(2)}x (target ≤ ${TARGETS.coldOverFloor}x)`);
    // What visiting every node once costs through the bindings, before any rule or model work: no lint that reads every node can do better.
    console.log(`bare walk/floor: ${(best(walks) / floor).toFixed(2)}x (one cursor step and one type read per node)`);
    console.log(`warm/cold:  ${((warm / cold) * 100).toFixed(1)}% (target ≤ ${TARGETS.warmOverCold * 100}%)`);
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
}

/** Runs a command in a fresh Node process and measures its wall time and peak memory. */
function measure(command: string, args: readonly string[], cwd: string): Measured {
  const rssFile = join(cwd, 'rss');
  const start = performance.now();
  const run = spawnSync(command, ['--import', new URL('./bench-rss.js', import.meta.url).href, ...args], {
    cwd,
    encoding: 'utf8',
    env: { ...process.env, PITFALL_BENCH_RSS: rssFile },
    maxBuffer: 256 * 1024 * 1024,
  });
  const ms = performance.now() - start;
  // Exit 2 is expected where the corpus holds undecodable files (the standard library has two); a crash is not.
  if (run.status === null || run.status > 2 || run.stderr.includes('internal error')) throw new Error(`${args.join(' ')} failed (${run.status}):\n${run.stderr}`);
  return { ms, peakBytes: Number(readFileSync(rssFile, 'utf8')), stdout: run.stdout };
}

function seconds(milliseconds: number): string {
  return `${(milliseconds / 1000).toFixed(2)}s`;
}

function megabytes(bytes: number): string {
  return `${Math.round(bytes / 1e6)} MB`;
}

function defaultCorpus(): string {
  try {
    const stdlib = execFileSync('python3', ['-c', "import sysconfig; print(sysconfig.get_paths()['stdlib'])"], { encoding: 'utf8' }).trim();
    if (stdlib) return stdlib;
  } catch {
    // No python3: fall through to a generated corpus.
  }
  return generateCorpus();
}

/** About 2,000 files of varied, realistic Python when no standard library is at hand. */
function generateCorpus(): string {
  const root = mkdtempSync(join(tmpdir(), 'pitfall-bench-'));
  process.on('exit', () => rmSync(root, { recursive: true, force: true }));
  for (let pkg = 0; pkg < 40; pkg++) {
    const folder = join(root, `pkg${pkg}`);
    mkdirSync(folder);
    for (let module = 0; module < 50; module++) {
      const lines = [`"""Module ${module} of package ${pkg}."""`, 'import os', 'from collections import defaultdict', ''];
      for (let fn = 0; fn < 20; fn++) {
        lines.push(
          `class Item${fn}:`,
          `    def __init__(self, name, values=None):`,
          `        self.name = name`,
          `        self.values = values or []`,
          '',
          `    def total(self):`,
          `        return sum(value * ${fn} for value in self.values if value)`,
          '',
          `def process_${fn}(items, limit=${fn}):`,
          `    groups = defaultdict(list)`,
          `    for index, item in enumerate(items):`,
          `        try:`,
          `            groups[item.name].append(item.total() + index)`,
          `        except (ValueError, KeyError) as error:`,
          `            raise RuntimeError(f"bad item {item!r}") from error`,
          `    return {key: sorted(value)[:limit] for key, value in groups.items() if os.sep}`,
          '',
        );
      }
      writeFileSync(join(folder, `mod${module}.py`), lines.join('\n'));
    }
  }
  return root;
}

await main();
