import { join, sep } from 'node:path';
import { createColors } from 'picocolors';
import { packageInfo } from '../core/package-info.js';
import { ALL_RULES } from '../../rules/index.js';
import { findRule } from '../selection/select-rules.js';
import { renderForTerminal, ruleDocs } from '../lessons/index.js';
import { closestMatch } from '../selection/closest-match.js';
import { EXIT } from './check-command.js';

/** `pitfall rules`: every rule as an aligned table, or as JSON. */
export function rulesCommand(format: 'text' | 'json', color: boolean): { stdout: string; code: number } {
  if (format === 'json') {
    const rules = ALL_RULES.map((rule) => ({
      id: rule.id,
      name: rule.name,
      concept: rule.concept,
      level: rule.level,
      enabledByDefault: rule.enabledByDefault,
      category: rule.category,
      precision: rule.precision,
      summary: ruleDocs(rule).shortDescription,
    }));
    return { stdout: `${JSON.stringify(rules, null, 2)}\n`, code: EXIT.clean };
  }
  const colors = createColors(color);
  const header = ['ID', 'NAME', 'CONCEPT', 'LEVEL', 'DEFAULT', 'CATEGORY', 'PRECISION'];
  const rows = ALL_RULES.map((rule) => [rule.id, rule.name, rule.concept, rule.level, rule.enabledByDefault ? 'on' : 'off', rule.category, rule.precision]);
  const widths = header.map((title, column) => Math.max(title.length, ...rows.map((row) => row[column]!.length)));
  const line = (cells: string[]) => cells.map((cell, column) => cell.padEnd(widths[column]!)).join('  ').trimEnd();
  const table = [colors.bold(line(header)), ...rows.map((row) => line(row))];
  return { stdout: `${table.join('\n')}\n`, code: EXIT.clean };
}

/** `pitfall rule ID`: the rule's lesson, rendered for the terminal. */
export function ruleCommand(key: string, color: boolean): { stdout: string; stderr: string; code: number } {
  const rule = findRule(ALL_RULES, key);
  if (!rule) {
    const suggestion = closestMatch(key, [...ALL_RULES.map((r) => r.id), ...ALL_RULES.map((r) => r.name)]);
    const hint = suggestion ? ` (did you mean '${suggestion}'?)` : '';
    return { stdout: '', stderr: `pitfall: error: no rule '${key}'${hint}; run 'pitfall rules' for the list\n`, code: EXIT.error };
  }
  const docsBase = `${join(packageInfo().root, 'docs')}${sep}`;
  return { stdout: renderForTerminal(ruleDocs(rule, { docsBase }).helpMarkdown, color), stderr: '', code: EXIT.clean };
}
