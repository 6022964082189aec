import { createHash } from 'node:crypto';
import type { Finding } from './types.js';

/**
 * `pitfall/v1`: the rule, the flagged line with its white space folded, and the
 * occurrence index of that pair in the file. No line numbers, so a finding keeps
 * its fingerprint when unrelated lines are added above it. SARIF, GitLab reports
 * and baselines all identify a finding by it.
 *
 * `findings` must be sorted (compareFindings) and hold every finding of each file
 * they touch, or the occurrence indexes shift.
 */
export function fingerprintFindings(findings: readonly Finding[]): string[] {
  const seen = new Map<string, number>();
  return findings.map((finding) => {
    const normalised = finding.lineText.trim().replace(/\s+/g, ' ');
    const hash = createHash('sha256').update(`${finding.ruleId}\0${normalised}`).digest('hex').slice(0, 16);
    const key = `${finding.path}\0${hash}`;
    const occurrence = (seen.get(key) ?? 0) + 1;
    seen.set(key, occurrence);
    return `${hash}:${occurrence}`;
  });
}
