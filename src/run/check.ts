import { setImmediate as yieldToEventLoop } from 'node:timers/promises';
import type { RuleDefinition } from '../core/rule.js';
import { compareFindings, type Finding, type Problem } from '../core/types.js';
import { Linter } from '../engine/linter.js';
import { discoverFiles } from '../io/discover.js';
import { displayPath } from '../io/paths.js';
import { decodeBytes, readSourceFile, type ReadResult } from '../io/read-source.js';

export interface CheckRequest {
  readonly paths: readonly string[];
  readonly cwd: string;
  readonly rules: readonly RuleDefinition[];
  /** Source read from standard input, linted under `stdinFilename`, when `-` is among the paths. */
  readonly stdin?: () => Promise<Uint8Array>;
  readonly stdinFilename?: string;
}

export interface CheckOutcome {
  readonly findings: Finding[];
  readonly problems: Problem[];
  readonly filesChecked: number;
}

/**
 * Lints every file the paths name. Files are read and linted one at a time in an
 * async loop that lets the event loop turn between files: node-tree-sitter frees
 * a tree's native memory only then, so this keeps memory flat on large trees.
 */
export async function runCheck(request: CheckRequest): Promise<CheckOutcome> {
  const linter = new Linter({ rules: request.rules });
  const findings: Finding[] = [];
  const problems: Problem[] = [];
  let filesChecked = 0;

  const lint = (path: string, read: ReadResult): void => {
    filesChecked++;
    if (!read.ok) {
      problems.push({ path, kind: read.kind, message: read.message });
      return;
    }
    const result = linter.lintText(path, read.text);
    // Not push(...spread): a generated file can hold hundreds of thousands of findings, more than a call's arguments.
    for (const finding of result.findings) findings.push(finding);
    for (const problem of result.problems) problems.push(problem);
  };

  const filePaths = request.paths.filter((path) => path !== '-');
  if (filePaths.length < request.paths.length && request.stdin) {
    lint(request.stdinFilename ?? '-', decodeBytes(await request.stdin()));
  }
  if (filePaths.length > 0) {
    const discovery = await discoverFiles(filePaths, request.cwd);
    problems.push(...discovery.problems);
    for (const absolute of discovery.files) {
      lint(displayPath(absolute, request.cwd), await readSourceFile(absolute));
      await yieldToEventLoop();
    }
  }

  findings.sort(compareFindings);
  problems.sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : a.message < b.message ? -1 : 1));
  return { findings, problems, filesChecked };
}
