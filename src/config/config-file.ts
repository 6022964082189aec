import type { Level } from '../core/types.js';
import type { TargetVersion } from './keys.js';

/** A setting's value and the line it was written on, when known. */
export interface Located<T> {
  readonly value: T;
  readonly line?: number;
}

/** One `per-file-ignores` entry: a gitignore-style glob (a leading `!` inverts it) and the rules it turns off. */
export interface PerFileIgnore {
  readonly pattern: string;
  readonly selectors: readonly string[];
  readonly line?: number;
}

/** One `[levels]` entry, by rule id whatever the config file called the rule. */
export interface LevelOverride {
  readonly ruleId: string;
  readonly level: Level;
  readonly line?: number;
}

/** One config file's settings, validated. Globs are relative to `dir`, the file's folder. */
export interface ConfigFileSettings {
  /** Absolute path of the file. */
  readonly file: string;
  readonly dir: string;
  /** `[tool.pitfall]` for a pyproject.toml, empty for a pitfall.toml. */
  readonly table: string;
  readonly extend?: Located<string>;
  readonly select?: Located<readonly string[]>;
  readonly extendSelect?: Located<readonly string[]>;
  readonly ignore?: Located<readonly string[]>;
  readonly extendIgnore?: Located<readonly string[]>;
  readonly perFileIgnores?: Located<readonly PerFileIgnore[]>;
  readonly exclude?: Located<readonly string[]>;
  readonly extendExclude?: Located<readonly string[]>;
  readonly respectGitignore?: Located<boolean>;
  readonly targetVersion?: Located<TargetVersion>;
  readonly failOn?: Located<Level>;
  readonly levels?: Located<readonly LevelOverride[]>;
}

/** A config file with the files it extends: `layers[0]` is the deepest base, the last layer the file itself. */
export interface ConfigChain {
  readonly file: string;
  readonly layers: readonly ConfigFileSettings[];
}
