import { basename, dirname, join } from 'node:path';
import { ConfigError } from './errors.js';
import { CONFIG_FILE_NAMES } from './keys.js';
import type { ConfigLoader } from './load.js';
import { isFile } from './toml-file.js';

/**
 * Finds the config file nearest above a folder: in each folder from there up
 * to the file system root, a `.pitfall.toml`, a `pitfall.toml`, or a
 * `pyproject.toml` with a `[tool.pitfall]` table (one without it does not
 * count, and the search goes on upward). Two that count in one folder are an
 * error: using one would silently ignore the other.
 */
export class ConfigFinder {
  private readonly nearest = new Map<string, string | null>();
  private readonly pyprojects = new Map<string, string | null>();

  constructor(private readonly loader: ConfigLoader) {}

  /** Absolute path of the config file governing files in `folder`, if any. */
  find(folder: string): string | undefined {
    const cached = this.nearest.get(folder);
    if (cached !== undefined) return cached ?? undefined;
    const here = this.inFolder(folder);
    const parent = dirname(folder);
    const found = here ?? (parent === folder ? undefined : this.find(parent));
    this.nearest.set(folder, found ?? null);
    return found;
  }

  /** The nearest pyproject.toml at or above `folder`, with or without pitfall settings. */
  nearestPyproject(folder: string): string | undefined {
    const cached = this.pyprojects.get(folder);
    if (cached !== undefined) return cached ?? undefined;
    const here = join(folder, 'pyproject.toml');
    const parent = dirname(folder);
    const found = isFile(here) ? here : parent === folder ? undefined : this.nearestPyproject(parent);
    this.pyprojects.set(folder, found ?? null);
    return found;
  }

  private inFolder(folder: string): string | undefined {
    const present = CONFIG_FILE_NAMES.map((name) => join(folder, name)).filter(isFile);
    const counted = present.filter((path) => this.loader.hasPitfallTable(path));
    if (counted.length > 1) {
      const names = counted.map((path) => (basename(path) === 'pyproject.toml' ? 'pyproject.toml ([tool.pitfall])' : basename(path)));
      throw new ConfigError([
        { file: counted[0]!, message: `${names.join(' and ')} are both pitfall config files in the same folder; keep the settings in one of them` },
      ]);
    }
    return counted[0];
  }
}
