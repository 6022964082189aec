/**
 * The benchmark's floor, run as a child process by bench.ts: find the files as
 * `pitfall check` does, then read, decode and parse each one with tree-sitter
 * alone, spread over worker threads like the real run. Prints the file count.
 * `node dist/scripts/bench-parse.js DIR JOBS [walk]`
 *
 * With `walk`, each tree is also walked once with a cursor that reads every
 * node's type id and nothing else: the least that any linter built on these
 * bindings pays to see each node once (every step is a call into native code).
 */
import { setImmediate as yieldToEventLoop } from 'node:timers/promises';
import { parentPort } from 'node:worker_threads';
import Parser from 'tree-sitter';
import Python from 'tree-sitter-python';
import { discoverFiles } from '../src/io/discover.js';
import { readSourceFile } from '../src/io/read-source.js';
import { runOnWorkers, type WorkerMessage } from '../src/run/pool.js';

const parser = new Parser();
parser.setLanguage(Python as unknown as Parser.Language);

async function parseFile(absolute: string): Promise<number> {
  const read = await readSourceFile(absolute);
  if (read.ok) {
    const tree = parser.parse(read.text.includes('\r') ? read.text.replace(/\r(?!\n)/g, '\n') : read.text);
    if (process.env.PITFALL_BENCH_WALK === '1') visitEveryNode(tree);
  }
  await yieldToEventLoop(); // as the linter does: trees are freed when the event loop turns
  return read.ok ? 1 : 0;
}

/** Pre-order over every node, named or not, reading its type id. Returns the count so the work cannot be optimised away. */
function visitEveryNode(tree: Parser.Tree): number {
  const cursor = tree.walk();
  let count = 0;
  for (;;) {
    count += cursor.nodeTypeId >= 0 ? 1 : 0;
    if (cursor.gotoFirstChild()) continue;
    while (!cursor.gotoNextSibling()) if (!cursor.gotoParent()) return count;
  }
}

if (parentPort) {
  const port = parentPort;
  port.on('message', ({ id, task }: { id: number; task: string }) => {
    void parseFile(task).then((result) => port.postMessage({ id, result } satisfies WorkerMessage<number>));
  });
} else {
  const [target, jobsText, mode] = process.argv.slice(2);
  if (mode === 'walk') process.env.PITFALL_BENCH_WALK = '1'; // read by this module in each worker too
  const jobs = Number(jobsText);
  const { files } = await discoverFiles([target!], process.cwd());
  let parsed = 0;
  if (jobs < 2) {
    for (const file of files) parsed += await parseFile(file);
  } else {
    const results = await runOnWorkers<string, number>(new URL(import.meta.url), jobs, undefined, files, (warning) => console.error(warning));
    for (const result of results) if (typeof result === 'number') parsed += result;
  }
  console.log(JSON.stringify({ files: files.length, parsed }));
}
