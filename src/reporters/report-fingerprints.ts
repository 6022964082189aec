import { fingerprintFindings } from '../core/fingerprints.js';
import { compareFindings, type Finding } from '../core/types.js';
import type { RunReport } from './report.js';

/**
 * The `pitfall/v1` fingerprint of each finding of a run. Computed over reported
 * and suppressed findings alike, so a fingerprint does not change with
 * `--show-suppressed` or when a `# noqa` is added for another finding.
 */
export function reportFingerprints(report: Pick<RunReport, 'findings' | 'suppressed'>): ReadonlyMap<Finding, string> {
  const everyFinding = [...report.findings, ...(report.suppressed ?? [])].sort(compareFindings);
  const fingerprints = fingerprintFindings(everyFinding);
  return new Map(everyFinding.map((finding, index) => [finding, fingerprints[index]!]));
}
