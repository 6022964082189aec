import { createHash } from 'node:crypto';
import { compareFindings, type Finding } from './types.js';

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

/**
 * Each finding's fingerprint, computed over reported and suppressed findings
 * alike so that a new `# noqa` or `--show-suppressed` changes no fingerprint.
 * Compute it over the whole run, before a baseline or `--diff-base` hides any
 * finding, or the occurrence indexes of what remains would shift.
 */
export function fingerprintRun(findings: readonly Finding[], suppressed: readonly Finding[]): Map<Finding, string> {
  const every = [...findings, ...suppressed].sort(compareFindings);
  const fingerprints = fingerprintFindings(every);
  return new Map(every.map((finding, index) => [finding, fingerprints[index]!]));
}
