import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { expect } from 'vitest';
import { ROOT } from './helpers.js';

/**
 * Compares output with `test/golden/<name>` byte for byte. `UPDATE_GOLDEN=1`
 * rewrites the file instead (review the diff before committing it); without it
 * a missing golden file fails too.
 */
export function expectGolden(name: string, actual: string): void {
  const path = join(ROOT, 'test', 'golden', name);
  if (process.env.UPDATE_GOLDEN === '1') {
    mkdirSync(dirname(path), { recursive: true });
    writeFileSync(path, actual);
    return;
  }
  expect(existsSync(path), `test/golden/${name} is missing; run the test with UPDATE_GOLDEN=1 to write it`).toBe(true);
  const expected = readFileSync(path);
  expect(actual, `test/golden/${name}`).toBe(expected.toString('utf8'));
  expect(Buffer.from(actual, 'utf8').equals(expected), `test/golden/${name}: same text, different bytes`).toBe(true);
}
