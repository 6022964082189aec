import { createHash } from 'node:crypto';
import type { Finding, Level, Problem } from '../core/types.js';
import { listedFindings, reportFingerprints, type RunReport } from './report.js';
import { ciPath } from './repo-path.js';

/**
 * A GitLab Code Quality report (`artifacts:reports:codequality`): a JSON array,
 * `[]` when clean, of the fields GitLab reads (it ignores the rest of the Code
 * Climate format, `lines.end` included).
 *
 * - `description` starts with the rule id, since the merge request widget does not show `check_name`.
 * - `fingerprint` hashes the repo-relative path with the `pitfall/v1` fingerprint: unique per finding
 *   (GitLab merges equal ones into one entry) and free of line numbers (an edit above a finding does not
 *   make it look fixed and new).
 * - `severity`: note → info, warning → minor, error → major; `critical` for SYN001 at level error, since
 *   no other rule sees inside a region that does not parse; `blocker` for a file that could not be linted.
 */
export interface GitlabIssue {
  description: string;
  check_name: string;
  fingerprint: string;
  severity: 'info' | 'minor' | 'major' | 'critical' | 'blocker';
  location: { path: string; lines: { begin: number } };
}

const SEVERITY: Record<Level, GitlabIssue['severity']> = { note: 'info', warning: 'minor', error: 'major' };

export function formatGitlab(report: RunReport): string {
  const fingerprints = reportFingerprints(report);
  const issues: GitlabIssue[] = listedFindings(report).map(({ finding, suppressed }) => {
    const path = ciPath(finding.path, report);
    return {
      description: `${finding.ruleId}: ${finding.message}${suppressed ? ' (suppressed)' : ''}`,
      check_name: finding.ruleId,
      fingerprint: sha256(`${path}\0${fingerprints.get(finding)!}`),
      // A suppressed finding is listed only on request, and as info: it does not fail the run.
      severity: suppressed ? 'info' : severityOf(finding),
      location: { path, lines: { begin: finding.start.line } },
    };
  });
  for (const problem of report.problems) issues.push(problemIssue(problem, report));
  return `${JSON.stringify(issues, null, 2)}\n`;
}

function severityOf(finding: Finding): GitlabIssue['severity'] {
  return finding.ruleId === 'SYN001' && finding.level === 'error' ? 'critical' : SEVERITY[finding.level];
}

function problemIssue(problem: Problem, report: RunReport): GitlabIssue {
  const path = ciPath(problem.path, report);
  const checkName = problem.kind === 'internal' ? 'internal-error' : 'file-not-linted';
  return {
    description: `${checkName}: pitfall could not lint this file: ${problem.message}`,
    check_name: checkName,
    fingerprint: sha256(`${path}\0${checkName}\0${problem.message}`),
    severity: 'blocker',
    location: { path, lines: { begin: 1 } },
  };
}

function sha256(text: string): string {
  return createHash('sha256').update(text).digest('hex');
}
