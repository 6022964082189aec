/**
 * `npm run bench -- --profile`: where a lint spends its time, rule by rule. Lints
 * the corpus in this thread with every visitor of every rule timed, so a slow
 * rule is found in one run.
 */
import { setImmediate as yieldToEventLoop } from 'node:timers/promises';
import { ALL_RULES } from '../rules/index.js';
import type { RuleDefinition, SyntaxNode } from '../src/core/rule.js';
import { Linter } from '../src/engine/linter.js';
import { discoverFiles } from '../src/io/discover.js';
import { readSourceFile } from '../src/io/read-source.js';

interface Source {
  readonly path: string;
  readonly text: string;
}

export async function profileRules(target: string, rounds: number): Promise<void> {
  const sources = await loadSources(target);
  const times = new Map<string, number>();
  const linter = new Linter({ rules: ALL_RULES.map((rule) => timedRule(rule, times)) });
  let best = Infinity;
  for (let round = 0; round < rounds; round++) {
    const start = performance.now();
    for (const source of sources) {
      linter.lintText(source.path, source.text);
      await yieldToEventLoop();
    }
    best = Math.min(best, performance.now() - start);
  }
  printProfile(times, rounds, best);
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

