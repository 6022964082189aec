/** `pitfall rules` and `pitfall rule ID` show each rule's category and precision, as run by a user. */
import { describe, expect, it } from 'vitest';
import { ALL_RULES } from '../rules/index.js';
import { runCli } from './cli-helpers.js';

describe('rule metadata on the command line', () => {
  it('pitfall rules --format json gives every rule its category and precision', () => {
    const run = runCli(['rules', '--format', 'json']);
    expect(run.code).toBe(0);
    const listed = JSON.parse(run.stdout) as { id: string; category: string; precision: string }[];
    expect(listed.map(({ id, category, precision }) => ({ id, category, precision }))).toEqual(
      ALL_RULES.map(({ id, category, precision }) => ({ id, category, precision })),
    );
  });

  it('pitfall rules shows them as the last two columns of the table', () => {
    const lines = runCli(['rules']).stdout.split('\n');
    expect(lines[0]).toMatch(/^ID +NAME +CONCEPT +LEVEL +DEFAULT +CATEGORY +PRECISION$/);
    expect(lines.find((line) => line.startsWith('EXC001 '))).toMatch(/ bare-except +exceptions +warning +on +correctness +very-high$/);
    expect(lines.find((line) => line.startsWith('SCO004 '))).toMatch(/ maintainability +medium$/);
  });

  it('pitfall rule ID names them in the page header', () => {
    const run = runCli(['rule', 'COL003']);
    expect(run.code).toBe(0);
    expect(run.stdout.replace(/\s+/g, ' ')).toContain('Category: performance · Precision: high');
  });
});
