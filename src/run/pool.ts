import { Worker } from 'node:worker_threads';

/** Tasks sent ahead to each worker, so it never waits for the main thread between files. */
const IN_FLIGHT_PER_WORKER = 2;

/** Messages a pool worker posts back. */
export type WorkerMessage<Result> =
  | { readonly id: number; readonly result: Result }
  | { readonly id: number; readonly error: string }
  | { readonly warning: string };

interface Slot {
  readonly worker: Worker;
  readonly inFlight: Set<number>;
  dead: boolean;
}

/**
 * Runs tasks on `size` worker threads and returns their results by task index,
 * whatever order they finish in, so the caller's output does not depend on
 * scheduling. A worker that dies (a native crash, running out of memory) fails
 * only the tasks it held, as Errors, and a new worker takes over the rest.
 */
export async function runOnWorkers<Task, Result>(
  script: URL,
  size: number,
  workerData: unknown,
  tasks: readonly Task[],
  onWarning: (message: string) => void,
): Promise<(Result | Error)[]> {
  const results: (Result | Error)[] = new Array(tasks.length);
  let next = 0;
  let settled = 0;
  const slots = new Set<Slot>();

  return new Promise((resolve) => {
    const finish = (): void => {
      if (settled < tasks.length) return;
      for (const slot of slots) void slot.worker.terminate();
      resolve(results);
    };
    const feed = (slot: Slot): void => {
      while (!slot.dead && slot.inFlight.size < IN_FLIGHT_PER_WORKER && next < tasks.length) {
        const id = next++;
        slot.inFlight.add(id);
        slot.worker.postMessage({ id, task: tasks[id] });
      }
    };
    const settle = (slot: Slot, id: number, result: Result | Error): void => {
      if (!slot.inFlight.delete(id)) return;
      results[id] = result;
      settled++;
    };
    const start = (): void => {
      const slot: Slot = { worker: new Worker(script, { workerData }), inFlight: new Set(), dead: false };
      slots.add(slot);
      slot.worker.on('message', (message: WorkerMessage<Result>) => {
        if ('warning' in message) return onWarning(message.warning);
        settle(slot, message.id, 'error' in message ? new Error(message.error) : message.result);
        feed(slot);
        finish();
      });
      const die = (reason: string): void => {
        if (slot.dead) return;
        slot.dead = true;
        slots.delete(slot);
        for (const id of [...slot.inFlight]) settle(slot, id, new Error(reason));
        // Every death fails at least the tasks it held, so replacing it always makes progress.
        if (next < tasks.length) start();
        finish();
      };
      slot.worker.on('error', (error) => die(`the worker linting it crashed: ${error.message}`));
      slot.worker.on('exit', (code) => die(`the worker linting it exited with code ${code}`));
      feed(slot);
    };
    if (tasks.length === 0) return resolve(results);
    for (let i = 0; i < Math.min(size, tasks.length); i++) start();
  });
}
