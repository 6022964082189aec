/**
 * A worker thread that lints the files the main thread sends it, one at a time,
 * with its own parsers, and posts each result back (see pool.ts).
 */
import { setImmediate as yieldToEventLoop } from 'node:timers/promises';
import { parentPort, workerData } from 'node:worker_threads';
import { ALL_RULES } from '../../rules/index.js';
import { FileCache } from '../cache/file-cache.js';
import { FileLinter, type LintSettings, type LintWorkerData, type WireSettings, type WireTask } from './lint-file.js';
import type { WorkerMessage } from './pool.js';

// Only when started as a lint worker (test runners run their own code in worker threads too).
const data = workerData as LintWorkerData | undefined;
if (parentPort && data?.role === 'pitfall-lint') serve(parentPort, data);

function serve(port: NonNullable<typeof parentPort>, data: LintWorkerData): void {
  const post = (message: WorkerMessage<unknown>) => port.postMessage(message);
  const cache = data.cache && new FileCache(data.cache.dir, data.cache.buildId, (warning) => post({ warning }));
  const linter = new FileLinter(cache);
  const rulesById = new Map(ALL_RULES.map((rule) => [rule.id, rule]));
  const settingsByKey = new Map<string, LintSettings>();
  const fromWire = (wire: WireSettings): LintSettings => {
    let settings = settingsByKey.get(wire.linterKey);
    if (!settings) {
      const rules = wire.ruleIds.map((id) => rulesById.get(id)!);
      settings = { rules, levels: new Map(wire.levels), targetVersion: wire.targetVersion, linterKey: wire.linterKey };
      settingsByKey.set(wire.linterKey, settings);
    }
    return settings;
  };

  const queue: { id: number; task: WireTask }[] = [];
  let draining = false;
  const drain = async (): Promise<void> => {
    draining = true;
    while (queue.length > 0) {
      const { id, task } = queue.shift()!;
      try {
        post({ id, result: await linter.lint({ path: task.path, absolute: task.absolute, settings: fromWire(task.settings) }) });
      } catch (error) {
        post({ id, error: (error as Error).message });
      }
      // node-tree-sitter frees a tree's native memory only when the event loop turns.
      await yieldToEventLoop();
    }
    draining = false;
  };
  port.on('message', (message: { id: number; task: WireTask }) => {
    queue.push(message);
    if (!draining) void drain();
  });
}
