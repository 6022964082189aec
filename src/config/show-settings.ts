import { statSync } from 'node:fs';
import { basename, dirname, isAbsolute, relative, resolve } from 'node:path';
import { displayPath } from '../io/paths.js';
import type { Exclusion, SettingsResolver } from './resolve.js';
import { SELECTION_KEYS, type Origin, type SelectionKey } from './settings.js';

const KEY_NAMES: Readonly<Record<SelectionKey, string>> = {
  select: 'select',
  extendSelect: 'extend-select',
  ignore: 'ignore',
  extendIgnore: 'extend-ignore',
};

/** One row of `--show-settings`: a key, its value as TOML would write it, and where it came from. */
export interface SettingRow {
  readonly key: string;
  readonly value: string;
  readonly source: string;
}

export interface ShownSettings {
  /** The path asked about, relative to the working directory. */
  readonly path: string;
  readonly isFolder: boolean;
  readonly configFile: string | null;
  readonly extends: string[];
  readonly settings: SettingRow[];
  readonly rules: string[];
  /** Why walking a folder would leave this file out (it is still linted when named). */
  readonly excludedBy: string | null;
}

/** What `pitfall check --show-settings [path]` reports: every resolved setting for `path` and where it came from. */
export function showSettings(resolver: SettingsResolver, cwd: string, path: string): ShownSettings {
  const absolute = resolve(cwd, path);
  const isFolder = isDirectory(absolute);
  const file = isFolder ? undefined : resolver.forFile(absolute);
  const scope = file?.scope ?? resolver.forFolder(absolute);
  const where = (origin: Origin) => describeOrigin(origin, cwd);
  const rows: SettingRow[] = [];

  const selected = SELECTION_KEYS.flatMap((key) => scope.selection.flatMap((layer) => (layer[key] ? [{ key, setting: layer[key] }] : [])));
  if (!selected.some(({ key }) => key === 'select')) rows.push({ key: 'select', value: '(the rules on by default)', source: 'default' });
  for (const { key, setting } of selected) rows.push({ key: KEY_NAMES[key], value: toml(setting.value), source: where(setting.origin) });

  const perFile = scope.perFileIgnores.value;
  if (perFile.length === 0) rows.push({ key: 'per-file-ignores', value: '{}', source: where(scope.perFileIgnores.origin) });
  for (const entry of perFile) {
    const applies = file ? (file.perFileIgnores.includes(entry) ? '  (applies to this file)' : '  (does not apply)') : '';
    rows.push({ key: 'per-file-ignores', value: `${JSON.stringify(entry.pattern)} = ${toml(entry.selectors)}${applies}`, source: where(entry.origin) });
  }

  rows.push({ key: 'exclude', value: toml(scope.exclude.globs.patterns), source: where(scope.exclude.origin) });
  if (scope.extendExclude.length === 0) rows.push({ key: 'extend-exclude', value: '[]', source: 'default' });
  for (const extra of scope.extendExclude) rows.push({ key: 'extend-exclude', value: toml(extra.globs.patterns), source: where(extra.origin) });

  const gitNote = scope.respectGitignore.value && resolver.repositoryRoot(isFolder ? absolute : dirname(absolute)) === undefined ? '  (not in a git repository: no .gitignore is read)' : '';
  rows.push({ key: 'respect-gitignore', value: `${scope.respectGitignore.value}${gitNote}`, source: where(scope.respectGitignore.origin) });
  rows.push({ key: 'target-version', value: JSON.stringify(scope.targetVersion.value), source: where(scope.targetVersion.origin) });
  rows.push({ key: 'fail-on', value: JSON.stringify(scope.failOn.value), source: where(scope.failOn.origin) });
  if (scope.levels.size === 0) rows.push({ key: 'levels', value: '{}', source: 'default' });
  for (const [ruleId, level] of [...scope.levels].sort(([a], [b]) => (a < b ? -1 : 1))) {
    rows.push({ key: 'levels', value: `${ruleId} = ${JSON.stringify(level.value)}`, source: where(level.origin) });
  }

  const exclusion = walkExclusion(resolver, cwd, absolute, isFolder);
  return {
    path: displayPath(absolute, cwd),
    isFolder,
    configFile: scope.config ? displayPath(scope.config.file, cwd) : null,
    extends: (scope.config?.layers ?? []).slice(0, -1).map((layer) => displayPath(layer.file, cwd)),
    settings: rows,
    rules: (file?.rules ?? scope.rules).map((rule) => rule.id),
    excludedBy: exclusion ? describeExclusion(exclusion, cwd) : null,
  };
}

export function formatShownSettings(shown: ShownSettings, isolated: boolean): string {
  const lines = [`Settings for ${shown.isFolder ? `files in ${shown.path}/` : shown.path}`];
  const config = shown.configFile
    ? `${shown.configFile}${basename(shown.configFile) === 'pyproject.toml' ? ' [tool.pitfall]' : ''}${shown.extends.length > 0 ? `, extending ${[...shown.extends].reverse().join(', then ')}` : ''}`
    : isolated
      ? 'none (--isolated)'
      : 'none found; defaults and the command line only';
  lines.push(`config file: ${config}`, '');
  const keyWidth = Math.max(...shown.settings.map((row) => row.key.length));
  const valueWidth = Math.min(60, Math.max(...shown.settings.map((row) => row.value.length)));
  for (const row of shown.settings) lines.push(`${row.key.padEnd(keyWidth)}  ${row.value.padEnd(valueWidth)}  # ${row.source}`.trimEnd());
  lines.push('', `rules: ${shown.rules.join(', ') || '(none)'}`);
  if (shown.excludedBy) lines.push(`excluded: ${shown.excludedBy}; walking a folder skips ${shown.isFolder ? 'this folder' : 'this file'}, naming it lints it`);
  return `${lines.join('\n')}\n`;
}

/** Why `pitfall check` run in `cwd` would not reach the path: it, or a folder between it and `cwd`, is left out. */
function walkExclusion(resolver: SettingsResolver, cwd: string, absolute: string, isFolder: boolean): Exclusion | undefined {
  const inside = !relative(cwd, absolute).startsWith('..') && !isAbsolute(relative(cwd, absolute));
  const exclusion = resolver.exclusion(absolute, isFolder);
  if (exclusion || !inside) return exclusion;
  for (let folder = dirname(absolute); folder !== cwd && folder !== dirname(folder); folder = dirname(folder)) {
    const found = resolver.exclusion(folder, true);
    if (found) return found;
  }
  return undefined;
}

function describeOrigin(origin: Origin, cwd: string): string {
  switch (origin.kind) {
    case 'default':
      return 'default';
    case 'cli':
      return `command line (${origin.flag})`;
    case 'file':
      return `${displayPath(origin.file, cwd)}${origin.line !== undefined ? `:${origin.line}` : ''}`;
    case 'requires-python':
      return `requires-python = ${JSON.stringify(origin.specifier)} in ${displayPath(origin.file, cwd)}${origin.line !== undefined ? `:${origin.line}` : ''}`;
  }
}

function describeExclusion(exclusion: Exclusion, cwd: string): string {
  if (exclusion.kind === 'exclude') return `by the glob ${JSON.stringify(exclusion.pattern)} (${describeOrigin(exclusion.origin, cwd)})`;
  return `by ${JSON.stringify(exclusion.match.pattern)} in ${displayPath(exclusion.match.file, cwd)}`;
}

function toml(values: readonly string[]): string {
  return `[${values.map((value) => JSON.stringify(value)).join(', ')}]`;
}

function isDirectory(path: string): boolean {
  try {
    return statSync(path).isDirectory();
  } catch {
    return false;
  }
}
