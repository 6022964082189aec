import type { Problem } from '../core/types.js';
import { listedFindings, type ListedFinding, type RunReport } from './report.js';
import { ciPath } from './repo-path.js';
import { xmlEscape } from './xml.js';

/**
 * JUnit XML for CI systems that show test results (GitLab, Jenkins, Azure
 * Pipelines): one `<testsuite>` per file with findings, holding one
 * `<testcase name="RULEID rule-name">` per rule that fired in it, whose
 * `<failure>` lists each finding as `line:col message`. A file that could not be
 * linted is an `<error>` test case. When nothing failed, a single passing
 * `pitfall` test case keeps the report visibly green. Paths are relative to the
 * repository root; no times or host names, so the same input gives the same bytes.
 */
export function formatJunit(report: RunReport): string {
  const suites = fileSuites(report);
  if (!suites.some((suite) => suite.cases.some((testCase) => testCase.outcome?.kind === 'failure' || testCase.outcome?.kind === 'error'))) {
    suites.push({ name: 'pitfall', cases: [{ name: 'pitfall', classname: 'pitfall' }] });
  }
  const all = suites.flatMap((suite) => suite.cases);
  const lines = [
    '<?xml version="1.0" encoding="UTF-8"?>',
    `<testsuites ${attributes({ name: 'pitfall', tests: all.length, failures: count(all, 'failure'), errors: count(all, 'error') })}>`,
    ...suites.flatMap(formatSuite),
    '</testsuites>',
  ];
  return `${lines.join('\n')}\n`;
}

interface Outcome {
  readonly kind: 'failure' | 'error' | 'skipped';
  readonly message: string;
  readonly type?: string;
  /** The body, one entry per line. */
  readonly lines?: readonly string[];
}

interface TestCase {
  readonly name: string;
  readonly classname: string;
  readonly file?: string;
  /** Undefined: the test passed. */
  readonly outcome?: Outcome;
}

interface Suite {
  readonly name: string;
  readonly cases: TestCase[];
}

/** One suite per file with findings or problems, by path; in each, one case per rule by id, then the problems. */
function fileSuites(report: RunReport): Suite[] {
  const byFile = new Map<string, { rules: Map<string, ListedFinding[]>; problems: Problem[] }>();
  const fileOf = (path: string) => {
    const key = ciPath(path, report);
    let file = byFile.get(key);
    if (!file) byFile.set(key, (file = { rules: new Map(), problems: [] }));
    return file;
  };
  for (const listed of listedFindings(report)) {
    const rules = fileOf(listed.finding.path).rules;
    const findings = rules.get(listed.finding.ruleId);
    if (findings) findings.push(listed);
    else rules.set(listed.finding.ruleId, [listed]);
  }
  for (const problem of report.problems) fileOf(problem.path).problems.push(problem);

  return [...byFile.keys()].sort(byCodeUnits).map((path) => {
    const file = byFile.get(path)!;
    const ruleCases = [...file.rules.keys()].sort(byCodeUnits).map((ruleId) => ruleCase(path, file.rules.get(ruleId)!));
    return { name: path, cases: [...ruleCases, ...file.problems.map((problem) => problemCase(path, problem))] };
  });
}

function ruleCase(path: string, listed: readonly ListedFinding[]): TestCase {
  const { ruleId, ruleName } = listed[0]!.finding;
  const failing = listed.filter((entry) => !entry.suppressed);
  const lines = listed.map(({ finding, suppressed }) => `${finding.start.line}:${finding.start.column} ${finding.message}${suppressed ? ' (suppressed)' : ''}`);
  const base = { name: `${ruleId} ${ruleName}`, classname: path, file: path };
  // Findings that comments suppressed (listed with --show-suppressed) do not fail a test on their own.
  if (failing.length === 0) return { ...base, outcome: { kind: 'skipped', message: `${listed.length} suppressed`, lines } };
  const first = failing[0]!.finding;
  const more = failing.length > 1 ? ` (and ${failing.length - 1} more)` : '';
  return { ...base, outcome: { kind: 'failure', type: ruleId, message: `${first.start.line}:${first.start.column} ${first.message}${more}`, lines } };
}

function problemCase(path: string, problem: Problem): TestCase {
  const name = problem.kind === 'internal' ? 'pitfall (internal error)' : 'pitfall (file not linted)';
  return { name, classname: path, file: path, outcome: { kind: 'error', type: problem.kind, message: problem.message } };
}

function formatSuite(suite: Suite): string[] {
  const { cases } = suite;
  const counts = { tests: cases.length, failures: count(cases, 'failure'), errors: count(cases, 'error'), skipped: count(cases, 'skipped') };
  return [`  <testsuite ${attributes({ name: suite.name, ...counts })}>`, ...cases.flatMap(formatCase), '  </testsuite>'];
}

function formatCase(testCase: TestCase): string[] {
  const open = `    <testcase ${attributes({ name: testCase.name, classname: testCase.classname, ...(testCase.file !== undefined ? { file: testCase.file } : {}) })}`;
  const outcome = testCase.outcome;
  if (!outcome) return [`${open}/>`];
  const head = `<${outcome.kind} ${attributes({ message: outcome.message, ...(outcome.type !== undefined ? { type: outcome.type } : {}) })}`;
  // One finding per line; a line break inside a message is escaped, so it cannot pass for another finding.
  const body = outcome.lines === undefined ? `${head}/>` : `${head}>${outcome.lines.map(xmlEscape).join('\n')}</${outcome.kind}>`;
  return [`${open}>`, `      ${body}`, '    </testcase>'];
}

function attributes(values: Record<string, string | number>): string {
  return Object.entries(values)
    .map(([key, value]) => `${key}="${xmlEscape(String(value))}"`)
    .join(' ');
}

function count(cases: readonly TestCase[], kind: Outcome['kind']): number {
  return cases.filter((testCase) => testCase.outcome?.kind === kind).length;
}

function byCodeUnits(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
