import { isAbsolute, relative, resolve, sep } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { RuleDefinition } from '../core/rule.js';
import type { RuleDocs } from '../lessons/index.js';
import type { Finding, Level, Position, Problem } from '../core/types.js';
import { listedFindings, reportFingerprints, type RunReport } from './report.js';

export interface SarifOptions {
  readonly describe: (rule: RuleDefinition) => RuleDocs;
  /** Absolute URL of the project; rule `helpUri`s point into it. */
  readonly informationUri: string;
}

const SCHEMA = 'https://json.schemastore.org/sarif-2.1.0.json';
const SRCROOT = '%SRCROOT%';

const PROBLEM_SEVERITY: Record<Level, string> = { error: 'error', warning: 'warning', note: 'recommendation' };

/**
 * SARIF 2.1.0 for GitHub code scanning: every enabled rule with its lesson as
 * help, results with repository-relative URIs, UTF-16 columns (declared), and a
 * line-number-free fingerprint so alerts survive code moving.
 */
export function formatSarif(report: RunReport, options: SarifOptions): string {
  const ruleIndex = new Map(report.rules.map((rule, index) => [rule.id, index]));
  const locate = (path: string) => artifactLocation(path, report);
  const fingerprints = reportFingerprints(report);

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
            rules: report.rules.map((rule) => describeRule(rule, options)),
          },
        },
        invocations: [
          {
            executionSuccessful: !report.problems.some((problem) => problem.kind === 'internal'),
            toolExecutionNotifications: report.problems.map((problem) => notification(problem, locate)),
          },
        ],
        originalUriBaseIds: { [SRCROOT]: { description: { text: 'The repository root.' } } },
        columnKind: 'utf16CodeUnits',
        // Suppressed findings only with --show-suppressed: GitHub ignores `suppressions` and would open alerts for them.
        results: listedFindings(report).map(({ finding, suppressed }) => ({
          ruleId: finding.ruleId,
          ...(ruleIndex.has(finding.ruleId) ? { ruleIndex: ruleIndex.get(finding.ruleId) } : {}),
          level: finding.level,
          message: { text: finding.message },
          locations: [{ physicalLocation: { artifactLocation: locate(finding.path), region: region(finding.start, finding.end) } }],
          partialFingerprints: { 'pitfall/v1': fingerprints.get(finding) },
          ...(finding.fix ? { fixes: [sarifFix(finding, locate)] } : {}),
          ...(suppressed ? { suppressions: [{ kind: 'inSource' }] } : {}),
        })),
      },
    ],
  };
  return `${JSON.stringify(log, null, 2)}\n`;
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
    properties: { tags: [rule.concept], 'problem.severity': PROBLEM_SEVERITY[rule.level] },
  };
}

/** Relative to the repository root when the file is inside it; an absolute file URI otherwise. */
function artifactLocation(path: string, report: RunReport): { uri: string; uriBaseId?: string } {
  if (path === '-') return { uri: '-' };
  const absolute = resolve(report.cwd, path);
  const fromRoot = relative(report.sourceRoot, absolute);
  if (fromRoot.startsWith('..') || isAbsolute(fromRoot)) return { uri: pathToFileURL(absolute).href };
  return { uri: fromRoot.split(sep).map(encodeURIComponent).join('/'), uriBaseId: SRCROOT };
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
