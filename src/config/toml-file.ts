import { readFileSync, statSync } from 'node:fs';
import { parse, TomlError, type TomlTable } from 'smol-toml';
import { ConfigError } from './errors.js';

export interface TomlFile {
  /** Absolute path. */
  readonly path: string;
  readonly text: string;
  readonly table: TomlTable;
}

/** Reads and parses a TOML file; a missing file or invalid TOML is a ConfigError naming the line and column. */
export function readTomlFile(path: string): TomlFile {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    const reason =
      code === 'ENOENT' ? 'no such file' : code === 'EACCES' || code === 'EPERM' ? 'permission denied' : code === 'EISDIR' ? 'is a directory, not a file' : (error as Error).message;
    throw new ConfigError([{ file: path, message: `cannot read the config file: ${reason}` }]);
  }
  try {
    return { path, text, table: parse(text) };
  } catch (error) {
    if (error instanceof TomlError) {
      // smol-toml's message is "Invalid TOML document: <reason>" followed by a code excerpt; keep the reason.
      const reason = error.message.split('\n', 1)[0]!.replace(/^Invalid TOML document:\s*/, '');
      throw new ConfigError([{ file: path, line: error.line, message: `invalid TOML at column ${error.column}: ${reason}` }]);
    }
    throw error;
  }
}

/** Whether a path names an existing regular file (a config file candidate). */
export function isFile(path: string): boolean {
  try {
    return statSync(path).isFile();
  } catch {
    return false;
  }
}
