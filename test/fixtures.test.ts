/**
 * Runs every annotated fixture under fixtures/. A line that must produce findings
 * carries `# expect: ID` (several ids comma-separated, an id repeated once per
 * finding); every other line must produce none. Each fixture is linted with
 * the rules on by default plus its own rule, so one rule's fixture also proves
 * the others stay quiet there.
 */
import { readdirSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ALL_RULES } from '../rules/index.js';
import { lintWithDefaultsPlus, readRepoFile, ROOT } from './helpers.js';

const EXPECT = /#\s*expect:\s*([A-Z]{3}\d{3}(?:\s*,\s*[A-Z]{3}\d{3})*)\s*$/;

function fixtureFiles(): string[] {
  const root = join(ROOT, 'fixtures');
  return readdirSync(root, { recursive: true, encoding: 'utf8' })
    .filter((file) => file.endsWith('.py'))
    .map((file) => relative(ROOT, join(root, file)).split('\\').join('/'))
    .sort();
}

function expectations(source: string): Map<number, string[]> {
  const byLine = new Map<number, string[]>();
  source.split(/\r\n|\r|\n/).forEach((text, index) => {
    const match = EXPECT.exec(text);
    if (match) byLine.set(index + 1, match[1]!.split(',').map((id) => id.trim()).sort());
  });
  return byLine;
}

describe('fixtures', () => {
  for (const file of fixtureFiles()) {
    it(file, () => {
      const source = readRepoFile(file);
      const ownRule = /([A-Z]{3}\d{3})\.py$/.exec(file)?.[1];
      const { findings, problems } = lintWithDefaultsPlus(ownRule ? [ownRule] : [], file, source);
      expect(problems).toEqual([]);
      const actual = new Map<number, string[]>();
      for (const finding of findings) {
        const ids = actual.get(finding.start.line) ?? [];
        ids.push(finding.ruleId);
        actual.set(finding.start.line, ids.sort());
      }
      const wanted = expectations(source);
      const mismatches: string[] = [];
      for (const line of new Set([...wanted.keys(), ...actual.keys()])) {
        const want = wanted.get(line) ?? [];
        const got = actual.get(line) ?? [];
        if (want.join() === got.join()) continue;
        const messages = findings
          .filter((finding) => finding.start.line === line)
          .map((finding) => `      ${finding.ruleId}: ${finding.message}`);
        mismatches.push(
          `${file}:${line}: expected [${want.join(', ')}], got [${got.join(', ')}]`,
          `    ${source.split(/\r\n|\r|\n/)[line - 1]!.trim()}`,
          ...messages,
        );
      }
      expect(mismatches.join('\n')).toBe('');
    });
  }

  it('every rule has a fixture with at least five true positives', () => {
    const files = new Set(fixtureFiles());
    for (const rule of ALL_RULES) {
      const file = `fixtures/${rule.concept}/${rule.id}.py`;
      expect(files.has(file), `${rule.id} has no ${file}`).toBe(true);
      const count = [...expectations(readRepoFile(file)).values()].flat().filter((id) => id === rule.id).length;
      expect(count, `${file} expects ${rule.id} only ${count} times`).toBeGreaterThanOrEqual(5);
    }
  });
});
