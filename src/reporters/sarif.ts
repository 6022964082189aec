import { resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { RuleDefinition } from '../core/rule.js';
import type { RuleDocs } from '../lessons/index.js';
import type { Finding, Level, Position, Problem } from '../core/types.js';
import { listedFindings, reportFingerprints, type ListedFinding, type RunReport } from './report.js';
import { repoRelativePath } from './repo-path.js';
import { fitWithinLimits, GITHUB_SARIF_LIMITS, type Omission, type SarifLimits } from './sarif-limits.js';

export interface SarifOptions {
  readonly describe: (rule: RuleDefinition) => RuleDocs;
  /** Absolute URL of the project; rule `helpUri`s point into it. */
  readonly informationUri: string;
  /** `--sarif-category`: the run's `automationDetails.id` is this plus `/`. Absent: GitHub derives one per job. */
  readonly category?: string;
  /** Default: GitHub code scanning's; tests pass small ones. */
  readonly limits?: SarifLimits;
  /** Told what the limits made the log leave out, as one sentence without a prefix. */
  readonly warn?: (message: string) => void;
}

const SCHEMA = 'https://json.schemastore.org/sarif-2.1.0.json';
const SRCROOT = '%SRCROOT%';

const PROBLEM_SEVERITY: Record<Level, string> = { error: 'error', warning: 'warning', note: 'recommendation' };

/**
 * SARIF 2.1.0 for GitHub code scanning: every enabled rule with its lesson as
 * help, results with repository-relative URIs, UTF-16 columns (declared), and a
 * line-number-free fingerprint so alerts survive code moving. A run too big to
 * upload keeps its most severe results and says what it left out.
 */
export function formatSarif(report: RunReport, options: SarifOptions): string {
  const ruleIndex = new Map(report.rules.map((rule, index) => [rule.id, index]));
  const locate = (path: string) => artifactLocation(path, report);
  const fingerprints = reportFingerprints(report);
  const rules = report.rules.map((rule) => describeRule(rule, options));

  const render = (listed: readonly ListedFinding[], omission: Omission | undefined): string => {
    const log = {
      $schema: SCHEMA,
      version: '2.1.0',
      runs: [
        {
          tool: {
            driver: {
              name: 'pitfall',
              semanticVersion: report.toolVersion,
              version: report.toolVersion,
              informationUri: options.informationUri,
              rules,
            },
          },
          ...(options.category === undefined ? {} : { automationDetails: { id: automationId(options.category) } }),
          invocations: [
            {
              executionSuccessful: !report.problems.some((problem) => problem.kind === 'internal'),
              toolExecutionNotifications: [
                ...report.problems.map((problem) => notification(problem, locate)),
                ...(omission ? [omissionNotification(omission)] : []),
              ],
            },
          ],
          originalUriBaseIds: { [SRCROOT]: { description: { text: 'The repository root.' } } },
          columnKind: 'utf16CodeUnits',
          // Suppressed findings only with --show-suppressed: GitHub ignores `suppressions` and would open alerts for them.
          results: listed.map(({ finding, suppressed }) => ({
            ruleId: finding.ruleId,
            ...(ruleIndex.has(finding.ruleId) ? { ruleIndex: ruleIndex.get(finding.ruleId) } : {}),
            level: finding.level,
            message: { text: sentence(finding.message) },
            locations: [{ physicalLocation: { artifactLocation: locate(finding.path), region: region(finding.start, finding.end) } }],
            partialFingerprints: { 'pitfall/v1': fingerprints.get(finding) },
            ...(finding.fix ? { fixes: [sarifFix(finding, locate)] } : {}),
            ...(suppressed ? { suppressions: [{ kind: 'inSource' }] } : {}),
          })),
        },
      ],
    };
    return `${JSON.stringify(log, null, 2)}\n`;
  };

  const { text, omission } = fitWithinLimits(listedFindings(report), render, options.limits ?? GITHUB_SARIF_LIMITS);
  if (omission) options.warn?.(omissionMessage(omission));
  return text;
}

/** GitHub reads everything up to the last `/` as the category, so the id ends with one. */
function automationId(category: string): string {
  return category.endsWith('/') ? category : `${category}/`;
}

/** SARIF viewers show messages as sentences; pitfall's own end without a period. */
function sentence(message: string): string {
  return /[.!?]$/.test(message) ? message : `${message}.`;
}

function omissionMessage(omission: Omission): string {
  const left = omission.total - omission.kept;
  return `the SARIF report keeps the ${omission.kept} most severe of ${omission.total} results and leaves out ${left}: ${omission.reason}`;
}

function omissionNotification(omission: Omission) {
  const text = omissionMessage(omission);
  return { level: 'warning', message: { text: sentence(`${text.charAt(0).toUpperCase()}${text.slice(1)}`) }, descriptor: { id: 'results-truncated' } };
}

function describeRule(rule: RuleDefinition, options: SarifOptions) {
  const docs = options.describe(rule);
  return {
    id: rule.id,
    name: rule.name,
    shortDescription: { text: docs.shortDescription },
    fullDescription: { text: docs.fullDescription },
    help: { text: docs.helpText, markdown: docs.helpMarkdown },
    helpUri: new URL(`blob/main/${docs.docsPath}`, options.informationUri.endsWith('/') ? options.informationUri : `${options.informationUri}/`).href,
    defaultConfiguration: { level: rule.level },
    properties: {
      tags: [...new Set([rule.concept, rule.category])],
      precision: rule.precision,
      'problem.severity': PROBLEM_SEVERITY[rule.level],
    },
  };
}

/** Relative to the repository root when the file is inside it; an absolute file URI otherwise. */
function artifactLocation(path: string, report: RunReport): { uri: string; uriBaseId?: string } {
  if (path === '-') return { uri: '-' };
  const fromRoot = repoRelativePath(path, report);
  if (fromRoot === undefined) return { uri: pathToFileURL(resolve(report.cwd, path)).href };
  return { uri: fromRoot.split('/').map(encodeURIComponent).join('/'), uriBaseId: SRCROOT };
}

function region(start: Position, end: Position) {
  return { startLine: start.line, startColumn: start.utf16Column, endLine: end.line, endColumn: end.utf16Column };
}

function sarifFix(finding: Finding, locate: (path: string) => object) {
  const fix = finding.fix!;
  return {
    description: { text: fix.description },
    artifactChanges: [
      {
        artifactLocation: locate(finding.path),
        replacements: fix.edits.map((edit) => ({
          deletedRegion: region(edit.start, edit.end),
          insertedContent: { text: edit.replacement },
        })),
      },
    ],
  };
}

function notification(problem: Problem, locate: (path: string) => object) {
  return {
    level: 'error',
    message: { text: `${problem.path}: ${problem.message}` },
    descriptor: { id: problem.kind === 'internal' ? 'internal-error' : 'unreadable-file' },
    locations: [{ physicalLocation: { artifactLocation: locate(problem.path) } }],
  };
}
