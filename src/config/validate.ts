import { dirname, resolve } from 'node:path';
import { TomlDate, type TomlTable } from 'smol-toml';
import type { RuleDefinition } from '../core/rule.js';
import { LEVELS, type Level } from '../core/types.js';
import { closestMatch } from '../selection/closest-match.js';
import { findRule, unknownSelectorProblem } from '../selection/select-rules.js';
import type { ConfigFileSettings, LevelOverride, Located, PerFileIgnore } from './config-file.js';
import { ConfigError, type ConfigIssue } from './errors.js';
import { CONFIG_KEYS, TARGET_VERSIONS, type ConfigKey, type TargetVersion } from './keys.js';
import { KeyLocator } from './locate.js';
import type { TomlFile } from './toml-file.js';

/** Keys other linters use that a user may carry over, with what to write instead. */
const FOREIGN_KEY_HINTS: Readonly<Record<string, string>> = {
  lint: 'pitfall has no [lint] table; put select, ignore and the other settings directly in the pitfall table',
  'extend-per-file-ignores': "pitfall has one 'per-file-ignores' table; an extending file's table replaces the base's",
};

/**
 * Checks every key and value of a pitfall table and returns the settings, or
 * throws a ConfigError listing everything wrong at once: unknown keys (with the
 * closest valid key), wrong types, unknown rules (with the closest rule),
 * unknown levels and target versions. Nothing is skipped silently.
 */
export function validateConfig(
  file: TomlFile,
  section: TomlTable,
  sectionPath: readonly string[],
  rules: readonly RuleDefinition[],
): ConfigFileSettings {
  const checker = new Checker(file, sectionPath, rules);
  const settings = checker.check(section);
  if (checker.issues.length > 0) throw new ConfigError(checker.issues);
  return settings;
}

type Mutable<T> = { -readonly [K in keyof T]: T[K] };

class Checker {
  readonly issues: ConfigIssue[] = [];
  private readonly locator: KeyLocator;

  constructor(
    private readonly file: TomlFile,
    private readonly sectionPath: readonly string[],
    private readonly rules: readonly RuleDefinition[],
  ) {
    this.locator = new KeyLocator(file.text);
  }

  check(section: TomlTable): ConfigFileSettings {
    const settings: Mutable<ConfigFileSettings> = {
      file: this.file.path,
      dir: dirname(this.file.path),
      table: this.sectionPath.length > 0 ? `[${this.sectionPath.join('.')}]` : '',
    };
    for (const [key, value] of Object.entries(section)) {
      if (!(CONFIG_KEYS as readonly string[]).includes(key)) {
        this.unknownKey(key);
        continue;
      }
      switch (key as ConfigKey) {
        case 'extend': {
          const path = this.string(key, value);
          if (path !== undefined) settings.extend = this.located(key, resolve(settings.dir, path));
          break;
        }
        case 'select':
          settings.select = this.selectors(key, value);
          break;
        case 'extend-select':
          settings.extendSelect = this.selectors(key, value);
          break;
        case 'ignore':
          settings.ignore = this.selectors(key, value);
          break;
        case 'extend-ignore':
          settings.extendIgnore = this.selectors(key, value);
          break;
        case 'per-file-ignores':
          settings.perFileIgnores = this.perFileIgnores(key, value);
          break;
        case 'exclude':
          settings.exclude = this.globs(key, value);
          break;
        case 'extend-exclude':
          settings.extendExclude = this.globs(key, value);
          break;
        case 'respect-gitignore':
          if (typeof value === 'boolean') settings.respectGitignore = this.located(key, value);
          else this.wrongType([key], 'true or false', value);
          break;
        case 'target-version': {
          const version = this.choice(key, value, TARGET_VERSIONS);
          if (version !== undefined) settings.targetVersion = this.located(key, version as TargetVersion);
          break;
        }
        case 'fail-on': {
          const level = this.choice(key, value, LEVELS);
          if (level !== undefined) settings.failOn = this.located(key, level as Level);
          break;
        }
        case 'levels':
          settings.levels = this.levels(key, value);
          break;
      }
    }
    return settings;
  }

  private located<T>(key: string, value: T): Located<T> {
    return { value, line: this.lineOf([key]) };
  }

  private lineOf(path: readonly string[]): number | undefined {
    return this.locator.lineOf([...this.sectionPath, ...path]);
  }

  private issue(path: readonly string[], message: string, line = this.lineOf(path)): void {
    this.issues.push({ file: this.file.path, line, message });
  }

  private label(path: readonly string[]): string {
    return `'${path.join('.')}'${this.sectionPath.length > 0 ? ` in [${this.sectionPath.join('.')}]` : ''}`;
  }

  private unknownKey(key: string): void {
    const hint = FOREIGN_KEY_HINTS[key];
    const suggestion = closestMatch(key.replace(/_/g, '-'), CONFIG_KEYS);
    const advice = hint ? `: ${hint}` : suggestion ? ` (did you mean '${suggestion}'?)` : '';
    this.issue([key], `unknown key ${this.label([key])}${advice}; valid keys: ${CONFIG_KEYS.join(', ')}`);
  }

  private wrongType(path: readonly string[], expected: string, value: unknown): void {
    this.issue(path, `${this.label(path)} must be ${expected}, not ${describeValue(value)}`);
  }

  private string(key: string, value: unknown): string | undefined {
    if (typeof value === 'string' && value.trim() !== '') return value;
    this.wrongType([key], 'a non-empty string (a path to another config file)', value);
    return undefined;
  }

  private choice(key: string, value: unknown, choices: readonly string[]): string | undefined {
    const expected = `one of ${choices.map((choice) => `"${choice}"`).join(', ')}`;
    if (typeof value !== 'string') {
      this.wrongType([key], expected, value);
      return undefined;
    }
    if (choices.includes(value)) return value;
    const suggestion = closestChoice(value, choices);
    this.issue([key], `${this.label([key])} must be ${expected}, not "${value}"${suggestion ? ` (did you mean "${suggestion}"?)` : ''}`);
    return undefined;
  }

  /** An array of strings; each wrong item is its own issue. */
  private stringArray(path: readonly string[], value: unknown, what: string): string[] | undefined {
    if (!Array.isArray(value)) {
      this.wrongType(path, `an array of ${what}`, value);
      return undefined;
    }
    const items: string[] = [];
    value.forEach((item: unknown, index) => {
      if (typeof item === 'string' && item.trim() !== '') items.push(item.trim());
      else this.issue(path, `item ${index + 1} of ${this.label(path)} must be a non-empty string (${what}), not ${describeValue(item)}`);
    });
    return items;
  }

  private checkSelectors(path: readonly string[], selectors: readonly string[]): void {
    for (const selector of selectors) {
      const problem = unknownSelectorProblem(this.rules, selector);
      if (problem) {
        const line = this.locator.lineOfString([...this.sectionPath, ...path], selector);
        this.issue(path, `${problem} in ${this.label(path)}; run 'pitfall rules' for the list`, line);
      }
    }
  }

  private selectors(key: string, value: unknown): Located<readonly string[]> | undefined {
    const selectors = this.stringArray([key], value, 'rule ids, names, prefixes or concepts');
    if (selectors === undefined) return undefined;
    this.checkSelectors([key], selectors);
    return this.located(key, selectors);
  }

  private globs(key: string, value: unknown): Located<readonly string[]> | undefined {
    const globs = this.stringArray([key], value, 'gitignore-style globs');
    return globs === undefined ? undefined : this.located(key, globs);
  }

  private perFileIgnores(key: string, value: unknown): Located<readonly PerFileIgnore[]> | undefined {
    if (!isTable(value)) {
      this.wrongType([key], 'a table of glob = [rules], e.g. { "tests/**" = ["EXC001"] }', value);
      return undefined;
    }
    const entries: PerFileIgnore[] = [];
    for (const [pattern, selectors] of Object.entries(value)) {
      const path = [key, pattern];
      if (pattern.replace(/^!/, '').trim() === '') {
        this.issue(path, `${this.label([key])} has an empty glob`);
        continue;
      }
      const list = this.stringArray(path, selectors, 'rule ids, names, prefixes or concepts');
      if (list === undefined) continue;
      this.checkSelectors(path, list);
      entries.push({ pattern, selectors: list, line: this.lineOf(path) });
    }
    return this.located(key, entries);
  }

  private levels(key: string, value: unknown): Located<readonly LevelOverride[]> | undefined {
    if (!isTable(value)) {
      this.wrongType([key], `a table of rule = level, e.g. { EXC001 = "error" }`, value);
      return undefined;
    }
    const overrides: LevelOverride[] = [];
    const byRule = new Map<string, string>();
    for (const [name, level] of Object.entries(value)) {
      const path = [key, name];
      const rule = findRule(this.rules, name);
      if (!rule) {
        const suggestion = closestMatch(name, [...this.rules.map((r) => r.id), ...this.rules.map((r) => r.name)]);
        this.issue(path, `unknown rule '${name}' in ${this.label([key])}${suggestion ? ` (did you mean '${suggestion}'?)` : ''}; levels take one rule id or name per entry`);
        continue;
      }
      const earlier = byRule.get(rule.id);
      if (earlier !== undefined) {
        this.issue(path, `${this.label([key])} sets ${rule.id} twice, as '${earlier}' and as '${name}'`);
        continue;
      }
      byRule.set(rule.id, name);
      const expected = `one of ${LEVELS.map((choice) => `"${choice}"`).join(', ')}`;
      if (typeof level !== 'string' || !(LEVELS as readonly string[]).includes(level)) {
        const suggestion = typeof level === 'string' ? closestChoice(level, LEVELS) : undefined;
        this.issue(
          path,
          `${this.label(path)} must be ${expected}, not ${describeValue(level)}${suggestion ? ` (did you mean "${suggestion}"?)` : ''}`,
        );
        continue;
      }
      overrides.push({ ruleId: rule.id, level: level as Level, line: this.lineOf(path) });
    }
    return this.located(key, overrides);
  }
}

/** A typo's nearest choice, or the one choice it abbreviates ("warn" for "warning"). */
function closestChoice(value: string, choices: readonly string[]): string | undefined {
  const lower = value.toLowerCase();
  const abbreviated = lower === '' ? [] : choices.filter((choice) => choice.startsWith(lower));
  return abbreviated.length === 1 ? abbreviated[0] : closestMatch(value, choices);
}

export function isTable(value: unknown): value is TomlTable {
  return typeof value === 'object' && value !== null && !Array.isArray(value) && !(value instanceof TomlDate);
}

/** How a wrong value is named in a message: its type, and the value itself when short. */
export function describeValue(value: unknown): string {
  if (typeof value === 'string') return value.length <= 40 ? `the string ${JSON.stringify(value)}` : 'a string';
  if (typeof value === 'boolean') return `the boolean ${value}`;
  if (typeof value === 'number' || typeof value === 'bigint') return `the number ${String(value)}`;
  if (Array.isArray(value)) return 'an array';
  if (value instanceof TomlDate) return 'a date';
  if (isTable(value)) return 'a table';
  return String(value);
}
