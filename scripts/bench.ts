/**
 * `npm run bench -- [path] [--rounds N]`: how much linting costs above parsing.
 *
 * Lints a directory (default: the standard library of the `python3` on PATH, or a
 * generated corpus when there is none) and prints the number of files and MB,
 * the parse-only time (the floor: tree-sitter alone), the full-lint time with
 * every rule on, and their ratio. Sources are read once up front so disk speed
 * does not blur the figures; each measurement is the best of several rounds,
 * alternating parse and lint so neither gets a warmer machine.
 */
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setImmediate as yieldToEventLoop } from 'node:timers/promises';
import Parser from 'tree-sitter';
import Python from 'tree-sitter-python';
import { ALL_RULES } from '../rules/index.js';
import { Linter } from '../src/engine/linter.js';
import { discoverFiles } from '../src/io/discover.js';
import { readSourceFile } from '../src/io/read-source.js';

interface Source {
  readonly path: string;
  readonly text: string;
}

async function main(): Promise<void> {
  const args = process.argv.slice(2);
  const roundsFlag = args.indexOf('--rounds');
  const rounds = roundsFlag >= 0 ? Number(args.splice(roundsFlag, 2)[1]) : 3;
  const target = args[0] ?? defaultCorpus();
  const sources = await loadSources(target);
  const bytes = sources.reduce((total, source) => total + Buffer.byteLength(source.text), 0);
  console.log(`corpus: ${target}`);
  console.log(`files: ${sources.length}, ${(bytes / 1e6).toFixed(1)} MB, rules: ${ALL_RULES.length} (all on)`);

  const parser = new Parser();
  parser.setLanguage(Python as unknown as Parser.Language);
  const linter = new Linter({ rules: ALL_RULES });
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
