/**
 * Preloaded into each benchmark child (`node --import`): writes the process's
 * peak resident memory, worker threads included, to $PITFALL_BENCH_RSS at exit.
 */
import { writeFileSync } from 'node:fs';

const target = process.env.PITFALL_BENCH_RSS;
if (target) process.on('exit', () => writeFileSync(target, String(process.resourceUsage().maxRSS * 1024)));
