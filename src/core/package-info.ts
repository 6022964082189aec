import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

export interface PackageInfo {
  /** Absolute folder holding pitfall's package.json, `rules/` and `docs/`. */
  readonly root: string;
  readonly version: string;
  readonly homepage: string;
}

let cached: PackageInfo | undefined;

/**
 * Finds pitfall's own package folder by walking up from this module, which runs
 * from `dist/src/core/` when built and from `src/core/` under the test runner.
 */
export function packageInfo(): PackageInfo {
  if (cached) return cached;
  let folder = dirname(fileURLToPath(import.meta.url));
  for (;;) {
    const manifest = join(folder, 'package.json');
    if (existsSync(manifest)) {
      const parsed = JSON.parse(readFileSync(manifest, 'utf8')) as { name?: string; version?: string; homepage?: string };
      if (parsed.name === 'pitfall') {
        cached = { root: folder, version: parsed.version ?? '0.0.0', homepage: parsed.homepage ?? '' };
        return cached;
      }
    }
    const parent = dirname(folder);
    if (parent === folder) throw new Error('cannot find the pitfall package folder');
    folder = parent;
  }
}
