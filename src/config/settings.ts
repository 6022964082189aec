import type { RuleDefinition } from '../core/rule.js';
import type { Level } from '../core/types.js';
import type { ConfigChain } from './config-file.js';
import type { GlobSet } from './globs.js';
import type { TargetVersion } from './keys.js';

/** Where a setting's value came from. */
export type Origin =
  | { readonly kind: 'default' }
  | { readonly kind: 'file'; readonly file: string; readonly line?: number }
  | { readonly kind: 'cli'; readonly flag: string }
  /** Inferred from `[project] requires-python` of a pyproject.toml. */
  | { readonly kind: 'requires-python'; readonly file: string; readonly line?: number; readonly specifier: string };

export interface Sourced<T> {
  readonly value: T;
  readonly origin: Origin;
}

/** What the command line sets; each one overrides the config files. */
export interface CliSettings {
  readonly select?: readonly string[];
  readonly ignore?: readonly string[];
  readonly extendSelect?: readonly string[];
  readonly extendIgnore?: readonly string[];
  readonly exclude?: readonly string[];
  readonly extendExclude?: readonly string[];
  readonly respectGitignore?: boolean;
  readonly targetVersion?: TargetVersion;
  readonly failOn?: Level;
}

export const SELECTION_KEYS = ['select', 'extendSelect', 'ignore', 'extendIgnore'] as const;
export type SelectionKey = (typeof SELECTION_KEYS)[number];

/** One place that chose rules (a config file or the command line), in the order they apply. */
export type SourcedSelection = { readonly [Key in SelectionKey]?: Sourced<readonly string[]> };

/** A `per-file-ignores` entry ready to match files. */
export interface ResolvedPerFileIgnore {
  readonly pattern: string;
  readonly selectors: readonly string[];
  readonly origin: Origin;
  /** The glob without a leading `!`, relative to its config file's folder. */
  readonly glob: GlobSet;
  /** A leading `!`: the entry applies to the files the glob does not match. */
  readonly negated: boolean;
}

/** Globs that leave files out of discovery, with where they were set. */
export interface SourcedGlobs {
  readonly globs: GlobSet;
  readonly origin: Origin;
}

/** The settings shared by every file one config file governs (or every file, with no config file). */
export interface ScopeSettings {
  /** The config file in force, with the files it extends; undefined for defaults only. */
  readonly config?: ConfigChain;
  readonly selection: readonly SourcedSelection[];
  /** The rules selected, before per-file-ignores. */
  readonly rules: readonly RuleDefinition[];
  readonly perFileIgnores: Sourced<readonly ResolvedPerFileIgnore[]>;
  readonly exclude: SourcedGlobs;
  readonly extendExclude: readonly SourcedGlobs[];
  readonly respectGitignore: Sourced<boolean>;
  readonly targetVersion: Sourced<TargetVersion>;
  readonly failOn: Sourced<Level>;
  /** Level overrides by rule id. */
  readonly levels: ReadonlyMap<string, Sourced<Level>>;
}

/**
 * What linting one file needs. This is the object passed from the resolver to
 * the linting loop, which hands `targetVersion` to the rules.
 */
export interface FileSettings {
  readonly scope: ScopeSettings;
  /** The rules that run on this file: the scope's, less the per-file-ignores that match it (and, in a stub, less those that skip stubs). */
  readonly rules: readonly RuleDefinition[];
  readonly perFileIgnores: readonly ResolvedPerFileIgnore[];
  readonly levels: ReadonlyMap<string, Level>;
  readonly targetVersion: TargetVersion;
  readonly failOn: Level;
  /** Files with the same key can share one Linter. */
  readonly linterKey: string;
}

export const DEFAULT_ORIGIN: Origin = { kind: 'default' };
