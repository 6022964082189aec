import { setFlagsFromString } from 'node:v8';

/**
 * How far V8 lets the JavaScript heap grow past what survived the last full
 * collection before starting the next one: 20% instead of V8's adaptive
 * factor (up to 4x).
 *
 * Why: a tree-sitter tree's native memory, many times its source, is freed only
 * when V8 collects the tree's small JavaScript wrapper, and V8 cannot see that
 * memory. With the default factor a thread went 3-4 s between full collections,
 * holding every tree parsed meanwhile: 680 MB peak on the standard library in
 * one thread, 460 MB on two workers. At 20%: about 340 MB either way, for about
 * 5% more time (`npm run bench`). Full collections here are incremental and
 * short (5-25 ms); a forced `gc()` per few megabytes of source, tried first,
 * cost 15-20%.
 *
 * The flag is process-wide, so worker threads started after this get it too.
 */
export function collectGarbageSooner(): void {
  setFlagsFromString('--heap-growing-percent=20');
}
