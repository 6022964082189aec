/**
 * `npm run bench -- [path] [--rounds N] [--profile]`: how much linting costs above parsing.
 *
 * Lints a directory (default: the standard library of the `python3` on PATH, or a
 * generated corpus when there is none) and prints the number of files and MB,
 * the parse-only time (the floor: tree-sitter alone), the full-lint time with
 * every rule on, and their ratio. Sources are read once up front so disk speed
 * does not blur the figures; each measurement is the best of several rounds,
 * alternating parse and lint so neither gets a warmer machine. `--profile` adds the
 * time spent in each rule's visitors, so a slow rule is found in one run.
 */
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setImmediate as yieldToEventLoop } from 'node:timers/promises';
import Parser from 'tree-sitter';
import Python from 'tree-sitter-python';
import { ALL_RULES } from '../rules/index.js';
import type { RuleDefinition, SyntaxNode } from '../src/core/rule.js';
import { Linter } from '../src/engine/linter.js';
import { discoverFiles } from '../src/io/discover.js';
import { readSourceFile } from '../src/io/read-source.js';

interface Source {
  readonly path: string;
  readonly text: string;
}

async function main(): Promise<void> {
  const args = process.argv.slice(2);
  const profileFlag = args.indexOf('--profile');
  const profile = profileFlag >= 0;
  if (profile) args.splice(profileFlag, 1);
  const roundsFlag = args.indexOf('--rounds');
  const rounds = roundsFlag >= 0 ? Number(args.splice(roundsFlag, 2)[1]) : 3;
  const target = args[0] ?? defaultCorpus();
  const sources = await loadSources(target);
  const bytes = sources.reduce((total, source) => total + Buffer.byteLength(source.text), 0);
  console.log(`corpus: ${target}`);
  console.log(`files: ${sources.length}, ${(bytes / 1e6).toFixed(1)} MB, rules: ${ALL_RULES.length} (all on)`);

  const parser = new Parser();
  parser.setLanguage(Python as unknown as Parser.Language);
  const ruleTimes = new Map<string, number>();
  const linter = new Linter({ rules: profile ? ALL_RULES.map((rule) => timedRule(rule, ruleTimes)) : ALL_RULES });
  let findings = 0;

  const parseOnly = async () => {
    for (const source of sources) {
      parser.parse(source.text);
      await yieldToEventLoop();
    }
  };
  const fullLint = async () => {
    findings = 0;
    for (const source of sources) {
      findings += linter.lintText(source.path, source.text).findings.length;
      await yieldToEventLoop();
    }
  };

  await parseOnly(); // warm-up: JIT, page cache, allocator
  const parseTimes: number[] = [];
  const lintTimes: number[] = [];
  for (let round = 0; round < rounds; round++) {
    parseTimes.push(await timed(parseOnly));
    lintTimes.push(await timed(fullLint));
  }
  const parse = Math.min(...parseTimes);
  const lint = Math.min(...lintTimes);
  console.log(`parse only: ${seconds(parse)}  (best of ${rounds}: ${parseTimes.map(seconds).join(', ')})`);
  console.log(`full lint:  ${seconds(lint)}  (best of ${rounds}: ${lintTimes.map(seconds).join(', ')}), ${findings} findings`);
  console.log(`ratio full/parse: ${(lint / parse).toFixed(2)}x`);
  if (profile) printProfile(ruleTimes, rounds + 0, lint);
}

/**
 * The same rule with every visitor timed. Time spent building the semantic model
 * in the shared walk is not a rule's: it shows as the difference between the
 * full-lint time and the sum of the rules.
 */
function timedRule(rule: RuleDefinition, times: Map<string, number>): RuleDefinition {
  return {
    ...rule,
    create(context) {
      const visitors = rule.create(context);
      const timed: Record<string, (node: SyntaxNode) => void> = {};
      for (const [key, visit] of Object.entries(visitors)) {
        timed[key] = (node) => {
          const start = performance.now();
          try {
            visit(node);
          } finally {
            times.set(rule.id, (times.get(rule.id) ?? 0) + performance.now() - start);
          }
        };
      }
      return timed;
    },
  };
}

function printProfile(times: ReadonlyMap<string, number>, rounds: number, bestLint: number): void {
  const perRound = [...times].map(([id, total]) => [id, total / rounds] as const).sort((a, b) => b[1] - a[1]);
  const inRules = perRound.reduce((sum, [, time]) => sum + time, 0);
  console.log(`\nprofile: time in rule visitors per round (${seconds(inRules)} of a ${seconds(bestLint)} lint; the rest is parsing, the walk and the model)`);
  for (const [id, time] of perRound.slice(0, 20)) console.log(`  ${id}  ${seconds(time)}  ${((time / inRules) * 100).toFixed(1)}%`);
}

async function timed(work: () => Promise<void>): Promise<number> {
  const start = performance.now();
  await work();
  return performance.now() - start;
}

function seconds(milliseconds: number): string {
  return `${(milliseconds / 1000).toFixed(2)}s`;
}

async function loadSources(target: string): Promise<Source[]> {
  const { files } = await discoverFiles([target], process.cwd());
  const sources: Source[] = [];
  for (const path of files) {
    const read = await readSourceFile(path);
    if (read.ok) sources.push({ path, text: read.text });
  }
  return sources;
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
