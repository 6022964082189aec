import { createHash } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { packageInfo } from '../core/package-info.js';

/** `dist/`: this module is dist/src/cache/build-id.js. */
const DIST = join(dirname(fileURLToPath(import.meta.url)), '..', '..');

let memo: string | undefined;

/**
 * What produced a cached result, beyond the file and its settings: pitfall's
 * version, the compiled engine and rules (their bytes, so a local change to a rule invalidates the
 * cache even when the version number stays the same) and the parser's versions.
 * Hashing ~200 small files costs a few milliseconds, once per run.
 */
export function buildId(): string {
  memo ??= computeBuildId(DIST);
  return memo;
}

/** The build id of the compiled tree under `dist` (its `src/` and `rules/` folders). */
export function computeBuildId(dist: string): string {
  const hash = createHash('sha256').update(`pitfall\0${packageInfo().version}\0`);
  const require = createRequire(import.meta.url);
  for (const name of ['tree-sitter/package.json', 'tree-sitter-python/package.json']) {
    hash.update(`${name}\0${(require(name) as { version: string }).version}\0`);
  }
  for (const folder of ['src', 'rules']) {
    const root = join(dist, folder);
    const files = (readdirSync(root, { recursive: true }) as string[]).filter((file) => file.endsWith('.js')).sort();
    for (const file of files) hash.update(`${folder}/${file}\0`).update(readFileSync(join(root, file)));
  }
  return hash.digest('hex').slice(0, 32);
}
