import type { RuleDefinition } from '../core/rule.js';
import { LineIndex } from '../core/positions.js';
import { compareFindings, type Finding, type Level, type Problem } from '../core/types.js';
import type { Linter } from '../engine/linter.js';
import { ALL_RULES } from '../../rules/index.js';
import { applySuppressions } from './apply.js';
import { parseDirectives, type DirectiveWarning } from './directives.js';

export type { Directive, DirectiveWarning, NamedRule } from './directives.js';

export interface SuppressionOptions {
  /** The rules the linter runs: PIT001 among them turns on reports of unused suppressions. */
  readonly rules: readonly RuleDefinition[];
  readonly levels?: ReadonlyMap<string, Level>;
}

/** One file linted, with its suppression comments applied. */
export interface LintedFile {
  /** Sorted; suppressed findings left out, PIT001 findings added. */
  readonly findings: Finding[];
  /** Findings a comment suppressed, sorted. */
  readonly suppressed: Finding[];
  readonly problems: Problem[];
  /** Comments that look like directives but that pitfall cannot act on. */
  readonly warnings: DirectiveWarning[];
}

/**
 * Lints one file's text and applies its `# noqa` / `# pitfall:` comments: the
 * one path from source to reported findings, shared by `pitfall check` and the
 * fixture and lesson tests. Directive comments come from the engine's tree
 * walk, so text inside strings is never mistaken for one.
 */
export function lintWithSuppressions(linter: Linter, path: string, text: string, options: SuppressionOptions): LintedFile {
  const result = linter.lintText(path, text);
  if (result.directives.length === 0) {
    return { findings: result.findings.sort(compareFindings), suppressed: [], problems: result.problems, warnings: [] };
  }
  const lines = new LineIndex(text);
  const lineText = (line: number) => lines.lineText(line);
  const { directives, warnings } = parseDirectives(result.directives, lineText);
  const known = options.rules.filter((rule) => !ALL_RULES.includes(rule)).concat(ALL_RULES);
  const applied = applySuppressions(result.findings, directives, { path, enabled: options.rules, known, levels: options.levels, lineText });
  return {
    findings: applied.findings.sort(compareFindings),
    suppressed: applied.suppressed.sort(compareFindings),
    problems: result.problems,
    warnings,
  };
}
