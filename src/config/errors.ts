import { displayPath } from '../io/paths.js';

/** One thing wrong with a config file: where, and what was expected. */
export interface ConfigIssue {
  /** Absolute path of the config file. */
  readonly file: string;
  /** 1-based line, when pitfall could tell. */
  readonly line?: number;
  readonly message: string;
}

/** Everything wrong with the configuration; the run stops with exit code 2 before linting anything. */
export class ConfigError extends Error {
  constructor(readonly issues: readonly ConfigIssue[]) {
    super(issues.map((issue) => formatIssue(issue, process.cwd())).join('\n'));
  }

  /** One line per issue, `path:line: message`, with paths relative to `cwd`. */
  lines(cwd: string): string[] {
    return this.issues.map((issue) => formatIssue(issue, cwd));
  }
}

export function formatIssue(issue: ConfigIssue, cwd: string): string {
  return `${displayPath(issue.file, cwd)}${issue.line !== undefined ? `:${issue.line}` : ''}: ${issue.message}`;
}
