import { DEFAULT_TARGET_VERSION as ENGINE_DEFAULT_VERSION, type PythonVersion } from '../core/rule.js';
import { DEFAULT_EXCLUDED_DIRECTORIES } from '../io/discover.js';

/** The settings a config file may hold, and the values some of them take. */

export const TARGET_VERSIONS = ['py38', 'py39', 'py310', 'py311', 'py312', 'py313', 'py314'] as const;
export type TargetVersion = (typeof TARGET_VERSIONS)[number];
/** The engine's default, spelled as configuration spells it. */
export const DEFAULT_TARGET_VERSION = `py${ENGINE_DEFAULT_VERSION[0]}${ENGINE_DEFAULT_VERSION[1]}` as TargetVersion;

/** `py310` → [3, 10], the form rules read from `context.targetVersion`. */
export function toPythonVersion(version: TargetVersion): PythonVersion {
  return [3, Number(version.slice(3))];
}

/** Every key of `[tool.pitfall]` / `pitfall.toml`, in the order `--show-settings` prints them. */
export const CONFIG_KEYS = [
  'extend',
  'select',
  'extend-select',
  'ignore',
  'extend-ignore',
  'per-file-ignores',
  'exclude',
  'extend-exclude',
  'respect-gitignore',
  'target-version',
  'fail-on',
  'levels',
] as const;
export type ConfigKey = (typeof CONFIG_KEYS)[number];

/** The config files pitfall looks for in each folder. A `pyproject.toml` counts only with a `[tool.pitfall]` table; two config files in one folder are an error, not a silent choice. */
export const CONFIG_FILE_NAMES = ['.pitfall.toml', 'pitfall.toml', 'pyproject.toml'] as const;

export function isPyproject(path: string): boolean {
  return /(^|[\\/])pyproject\.toml$/.test(path);
}

/** Folders never walked into unless named on the command line; `exclude` replaces this list, `extend-exclude` adds to it. */
export const DEFAULT_EXCLUDE: readonly string[] = DEFAULT_EXCLUDED_DIRECTORIES.map((name) => `${name}/`);
