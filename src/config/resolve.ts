import { basename, dirname, join, resolve } from 'node:path';
import { isStubFile, runsOn, type RuleDefinition } from '../core/rule.js';
import type { Level } from '../core/types.js';
import { selectorMatches, selectRulesInLayers } from '../selection/select-rules.js';
import type { ConfigChain, ConfigFileSettings, Located } from './config-file.js';
import { ConfigFinder } from './find.js';
import { GitIgnore, type GitIgnoreMatch } from './gitignore.js';
import { GlobSet } from './globs.js';
import { DEFAULT_EXCLUDE, DEFAULT_TARGET_VERSION } from './keys.js';
import { ConfigLoader } from './load.js';
import type { DeclaredPython } from './requires-python.js';
import {
  DEFAULT_ORIGIN,
  type CliSettings,
  type FileSettings,
  type Origin,
  type ResolvedPerFileIgnore,
  SELECTION_KEYS,
  type ScopeSettings,
  type SelectionKey,
  type Sourced,
  type SourcedGlobs,
  type SourcedSelection,
} from './settings.js';

/** Which config files count: the nearest one per folder, one named file for all, or none. */
export type ConfigMode = { readonly kind: 'nearest' } | { readonly kind: 'file'; readonly path: string } | { readonly kind: 'isolated' };

export interface ResolverOptions {
  readonly cwd: string;
  readonly rules: readonly RuleDefinition[];
  readonly cli: CliSettings;
  readonly mode: ConfigMode;
}

/** Why discovery leaves a path out. */
export type Exclusion =
  | { readonly kind: 'exclude'; readonly pattern: string; readonly origin: Origin }
  | { readonly kind: 'gitignore'; readonly match: GitIgnoreMatch };

/**
 * Turns config files and the command line into settings for each file:
 * defaults, then the config file's chain (an extended file first, then the
 * file itself), then the command line. Config files are read lazily, once,
 * and any error in them is a ConfigError.
 */
export class SettingsResolver {
  private readonly loader: ConfigLoader;
  private readonly finder: ConfigFinder;
  private readonly gitignore = new GitIgnore();
  private readonly scopes = new Map<string, ScopeSettings>();
  /** Settings of files, by scope, then by stub-or-not and the per-file-ignores that match. */
  private readonly files = new Map<ScopeSettings, Map<string, FileSettings>>();
  private readonly forced?: ConfigChain;

  constructor(private readonly options: ResolverOptions) {
    this.loader = new ConfigLoader(options.rules);
    this.finder = new ConfigFinder(this.loader);
    if (options.mode.kind === 'file') this.forced = this.loader.load(resolve(options.cwd, options.mode.path), true);
  }

  /** The config chain in force for files in `folder`. */
  configFor(folder: string): ConfigChain | undefined {
    switch (this.options.mode.kind) {
      case 'isolated':
        return undefined;
      case 'file':
        return this.forced;
      case 'nearest': {
        const file = this.finder.find(folder);
        return file === undefined ? undefined : this.loader.load(file, false);
      }
    }
  }

  /** Settings for the files directly in `folder`. */
  forFolder(folder: string): ScopeSettings {
    const config = this.configFor(folder);
    const declared = this.declaredPythonFor(folder, config);
    const key = `${config?.file ?? ''}\0${declared?.file ?? ''}`;
    let scope = this.scopes.get(key);
    if (!scope) this.scopes.set(key, (scope = this.buildScope(config, declared)));
    return scope;
  }

  /**
   * The `requires-python` that sets the target version when nothing else does,
   * found as ruff finds it: in the pyproject.toml that is the config file, or
   * beside the pitfall.toml in force, or, with no config file, in the nearest
   * pyproject.toml above. `--isolated` reads none.
   */
  private declaredPythonFor(folder: string, config: ConfigChain | undefined): DeclaredPython | undefined {
    if (this.options.mode.kind === 'isolated') return undefined;
    if (config) {
      const pyproject = basename(config.file) === 'pyproject.toml' ? config.file : join(dirname(config.file), 'pyproject.toml');
      return this.loader.declaredPython(pyproject);
    }
    const nearest = this.finder.nearestPyproject(folder);
    return nearest === undefined ? undefined : this.loader.declaredPython(nearest);
  }

  /** Settings for one file (which need not exist: standard input is linted under a name). */
  forFile(absolute: string): FileSettings {
    const scope = this.forFolder(dirname(absolute));
    const matched = scope.perFileIgnores.value.filter((entry) => (entry.glob.match(absolute, false) !== undefined) !== entry.negated);
    const stub = isStubFile(absolute);
    const key = `${stub ? 'stub' : ''}\0${matched.map((entry) => entry.pattern).join('\0')}`;
    let ofScope = this.files.get(scope);
    if (!ofScope) this.files.set(scope, (ofScope = new Map()));
    let settings = ofScope.get(key);
    if (!settings) {
      const selectors = matched.flatMap((entry) => entry.selectors);
      const rules = scope.rules.filter(
        (rule) => runsOn(rule, absolute) && !selectors.some((selector) => selectorMatches(selector, rule)),
      );
      const levels = new Map([...scope.levels].map(([id, level]) => [id, level.value]));
      const levelKey = [...levels].sort(([a], [b]) => (a < b ? -1 : 1)).map(([id, level]) => `${id}=${level}`);
      settings = {
        scope,
        rules,
        perFileIgnores: matched,
        levels,
        targetVersion: scope.targetVersion.value,
        failOn: scope.failOn.value,
        linterKey: [rules.map((rule) => rule.id).join(','), levelKey.join(','), scope.targetVersion.value].join('|'),
      };
      ofScope.set(key, settings);
    }
    return settings;
  }

  /**
   * Why a path met while walking is left out: an `exclude`/`extend-exclude`
   * glob of the settings governing its folder, or (with `respect-gitignore`)
   * git's ignore files. `walkRoot` is the folder named on the command line.
   */
  exclusion(absolute: string, isDirectory: boolean, walkRoot?: string): Exclusion | undefined {
    const scope = this.forFolder(dirname(absolute));
    for (const { globs, origin } of [scope.exclude, ...scope.extendExclude]) {
      const pattern = globs.match(absolute, isDirectory, walkRoot);
      if (pattern !== undefined) return { kind: 'exclude', pattern, origin };
    }
    if (scope.respectGitignore.value) {
      const match = this.gitignore.ignoredBy(absolute, isDirectory, walkRoot);
      if (match) return { kind: 'gitignore', match };
    }
    return undefined;
  }

  /** The git repository `folder` is in, if any: .gitignore files count only there. */
  repositoryRoot(folder: string): string | undefined {
    return this.gitignore.repositoryRoot(folder);
  }

  private buildScope(config: ConfigChain | undefined, declared: DeclaredPython | undefined): ScopeSettings {
    const { cli, cwd, rules } = this.options;
    const layers = config?.layers ?? [];
    /** The command line wins, then the config file, then the file it extends, then the default. */
    const pick = <T>(
      read: (file: ConfigFileSettings) => Located<T> | undefined,
      cliValue: T | undefined,
      flag: string,
      fallback: T,
      inferred?: Sourced<T>,
    ): Sourced<T> => {
      if (cliValue !== undefined) return { value: cliValue, origin: { kind: 'cli', flag } };
      for (let index = layers.length - 1; index >= 0; index--) {
        const file = layers[index]!;
        const located = read(file);
        if (located !== undefined) return { value: located.value, origin: fileOrigin(file, located) };
      }
      return inferred ?? { value: fallback, origin: DEFAULT_ORIGIN };
    };

    const selection = [...layers.map(fileSelection), cliSelection(cli)].filter((layer) => Object.keys(layer).length > 0);
    const plainLayers = selection.map((layer) => Object.fromEntries(SELECTION_KEYS.flatMap((key) => (layer[key] ? [[key, layer[key].value]] : []))));

    const exclude = pick(
      (file) => file.exclude && { value: new GlobSet(file.dir, file.exclude.value), line: file.exclude.line },
      cli.exclude && new GlobSet(cwd, cli.exclude),
      '--exclude',
      new GlobSet(config ? dirname(config.file) : cwd, DEFAULT_EXCLUDE),
    );
    const extendExclude: SourcedGlobs[] = layers.flatMap((file) =>
      file.extendExclude ? [{ globs: new GlobSet(file.dir, file.extendExclude.value), origin: fileOrigin(file, file.extendExclude) }] : [],
    );
    if (cli.extendExclude) extendExclude.push({ globs: new GlobSet(cwd, cli.extendExclude), origin: { kind: 'cli', flag: '--extend-exclude' } });

    const levels = new Map<string, Sourced<Level>>();
    for (const file of layers) {
      for (const override of file.levels?.value ?? []) levels.set(override.ruleId, { value: override.level, origin: fileOrigin(file, override) });
    }

    return {
      config,
      selection,
      rules: selectRulesInLayers(rules, plainLayers),
      perFileIgnores: pick((file) => file.perFileIgnores && { value: perFileIgnores(file), line: file.perFileIgnores.line }, undefined, '', []),
      exclude: { globs: exclude.value, origin: exclude.origin },
      extendExclude,
      respectGitignore: pick((file) => file.respectGitignore, cli.respectGitignore, cli.respectGitignore ? '--respect-gitignore' : '--no-respect-gitignore', true),
      targetVersion: pick((file) => file.targetVersion, cli.targetVersion, '--target-version', DEFAULT_TARGET_VERSION, declared && {
        value: declared.target,
        origin: { kind: 'requires-python', file: declared.file, line: declared.line, specifier: declared.specifier },
      }),
      failOn: pick((file) => file.failOn, cli.failOn, '--fail-on', 'note'),
      levels,
    };
  }
}

function fileOrigin(file: ConfigFileSettings, located: { readonly line?: number }): Origin {
  return { kind: 'file', file: file.file, line: located.line };
}

function fileSelection(file: ConfigFileSettings): SourcedSelection {
  const layer: { [Key in SelectionKey]?: Sourced<readonly string[]> } = {};
  for (const key of SELECTION_KEYS) {
    const located = file[key];
    if (located) layer[key] = { value: located.value, origin: fileOrigin(file, located) };
  }
  return layer;
}

const SELECTION_FLAGS: Readonly<Record<SelectionKey, string>> = {
  select: '--select',
  extendSelect: '--extend-select',
  ignore: '--ignore',
  extendIgnore: '--extend-ignore',
};

function cliSelection(cli: CliSettings): SourcedSelection {
  const layer: { [Key in SelectionKey]?: Sourced<readonly string[]> } = {};
  for (const key of SELECTION_KEYS) {
    const value = cli[key];
    if (value) layer[key] = { value, origin: { kind: 'cli', flag: SELECTION_FLAGS[key] } };
  }
  return layer;
}

/** A config file's per-file-ignores, each glob relative to that file's folder; `!glob` applies where the glob does not match. */
function perFileIgnores(file: ConfigFileSettings): ResolvedPerFileIgnore[] {
  return (file.perFileIgnores?.value ?? []).map((entry) => {
    const negated = entry.pattern.startsWith('!');
    return {
      pattern: entry.pattern,
      selectors: entry.selectors,
      origin: fileOrigin(file, entry),
      negated,
      glob: new GlobSet(file.dir, [negated ? entry.pattern.slice(1) : entry.pattern]),
    };
  });
}
