import { dirname, relative } from 'node:path';
import type { TomlTable } from 'smol-toml';
import type { RuleDefinition } from '../core/rule.js';
import type { ConfigChain, ConfigFileSettings } from './config-file.js';
import { ConfigError } from './errors.js';
import { isPyproject } from './keys.js';
import { declaredPython, type DeclaredPython } from './requires-python.js';
import { isFile, readTomlFile, type TomlFile } from './toml-file.js';
import { isTable, validateConfig } from './validate.js';

/**
 * Reads config files, once each: the pitfall table of a pyproject.toml, or the
 * whole of any other file, validated, with the chain of files it `extend`s.
 */
export class ConfigLoader {
  private readonly files = new Map<string, TomlFile>();
  private readonly chains = new Map<string, ConfigChain | undefined>();
  private readonly declared = new Map<string, DeclaredPython | undefined>();

  constructor(private readonly rules: readonly RuleDefinition[]) {}

  /** Whether a pyproject.toml has pitfall settings; any other existing file always counts. */
  hasPitfallTable(path: string): boolean {
    return !isPyproject(path) || pitfallSection(this.read(path)) !== undefined;
  }

  /**
   * The file's settings with those of the files it extends. A pyproject.toml
   * without `[tool.pitfall]` gives undefined, unless the user named it
   * (`--config`, `extend`), where that is an error.
   */
  load(path: string, named: boolean): ConfigChain | undefined {
    if (!named && this.chains.has(path)) return this.chains.get(path);
    const chain = this.loadChain(path, named, []);
    this.chains.set(path, chain);
    return chain;
  }

  private loadChain(path: string, named: boolean, extending: readonly string[]): ConfigChain | undefined {
    const file = this.read(path);
    const section = pitfallSection(file);
    if (section === undefined) {
      if (!named) return undefined;
      throw new ConfigError([{ file: path, message: 'has no [tool.pitfall] table, so it holds no pitfall settings' }]);
    }
    const settings: ConfigFileSettings = validateConfig(file, section, isPyproject(path) ? ['tool', 'pitfall'] : [], this.rules);
    if (settings.extend === undefined) return { file: path, layers: [settings] };
    const chain = [...extending, path];
    const target = settings.extend.value;
    const written = relative(dirname(path), target);
    if (chain.includes(target)) {
      const loop = [...chain.slice(chain.indexOf(target)), target].map((link) => relative(dirname(chain[0]!), link));
      throw new ConfigError([{ file: path, line: settings.extend.line, message: `'extend' = "${written}" makes a cycle: ${loop.join(' -> ')}` }]);
    }
    let base: ConfigChain | undefined;
    try {
      base = this.loadChain(target, true, chain);
    } catch (error) {
      // A base that cannot be read, or holds no pitfall table, is reported where the `extend` is written.
      const only = error instanceof ConfigError && error.issues.length === 1 ? error.issues[0]! : undefined;
      if (only && only.file === target && only.line === undefined) {
        throw new ConfigError([{ file: path, line: settings.extend.line, message: `'extend' = "${written}": ${only.message}` }]);
      }
      throw error;
    }
    return { file: path, layers: [...base!.layers, settings] };
  }

  /**
   * What a pyproject.toml's `requires-python` says of the oldest Python;
   * undefined when the file does not exist or says nothing usable. Asked for
   * every linted file, so answered once per pyproject.toml.
   */
  declaredPython(pyproject: string): DeclaredPython | undefined {
    if (!this.declared.has(pyproject)) this.declared.set(pyproject, isFile(pyproject) ? declaredPython(this.read(pyproject)) : undefined);
    return this.declared.get(pyproject);
  }

  private read(path: string): TomlFile {
    let file = this.files.get(path);
    if (!file) this.files.set(path, (file = readTomlFile(path)));
    return file;
  }
}

/** `[tool.pitfall]` of a pyproject.toml (undefined when absent), or the whole of a pitfall.toml. */
function pitfallSection(file: TomlFile): TomlTable | undefined {
  if (!isPyproject(file.path)) return file.table;
  const tool = file.table.tool;
  if (!isTable(tool) || tool.pitfall === undefined) return undefined;
  if (!isTable(tool.pitfall)) throw new ConfigError([{ file: file.path, message: '[tool.pitfall] must be a table' }]);
  return tool.pitfall;
}
