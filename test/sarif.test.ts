import AjvModule from 'ajv-draft-04';
import addFormatsModule from 'ajv-formats';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { ALL_RULES } from '../rules/index.js';
import { RULE_CATEGORIES, RULE_PRECISIONS } from '../src/core/rule.js';
import { compareFindings, levelRank, type Finding, type Level } from '../src/core/types.js';
import { ruleDocs } from '../src/lessons/index.js';
import type { RunReport } from '../src/reporters/report.js';
import { formatSarif, type SarifOptions } from '../src/reporters/sarif.js';
import { makeProject, runCli } from './cli-helpers.js';
import { ROOT } from './helpers.js';

// A copy of the OASIS schema lives in the repo so the suite runs anywhere; it must match the shared original.
const SCHEMA_PATH = join(ROOT, 'test', 'schemas', 'sarif-2.1.0.json');
const SHARED_SCHEMA = join(ROOT, '..', 'shared', 'schemas', 'sarif-2.1.0.json');

// Both are CommonJS packages that also export themselves as `default`: the form that type-checks and runs alike.
const Ajv = AjvModule.default;
const addFormats = addFormatsModule.default;

function validator() {
  const ajv = new Ajv({ allErrors: true, strict: false });
  addFormats(ajv);
  return ajv.compile(JSON.parse(readFileSync(SCHEMA_PATH, 'utf8')) as object);
}
const validate = validator();

interface SarifLog {
  $schema: string;
  version: string;
  runs: {
    tool: { driver: { name: string; semanticVersion: string; informationUri: string; rules: Record<string, any>[] } };
    invocations: { executionSuccessful: boolean; toolExecutionNotifications: any[] }[];
    columnKind: string;
    originalUriBaseIds: Record<string, unknown>;
    automationDetails?: unknown;
    results: any[];
  }[];
}

/** Parses a log and fails the test unless it is valid against the SARIF schema. */
function validLog(text: string): SarifLog {
  expect(text.charCodeAt(0), 'no byte-order mark').not.toBe(0xfeff);
  const log = JSON.parse(text) as SarifLog;
  const valid = validate(log);
  expect(validate.errors ?? [], JSON.stringify(validate.errors, null, 2)).toEqual([]);
  expect(valid).toBe(true);
  return log;
}

function sarifOf(cwd: string, args: string[] = []): SarifLog {
  return validLog(runCli(['check', '--format', 'sarif', ...args], { cwd }).stdout);
}

const HOMEPAGE = (JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { homepage: string }).homepage;

const BARE_EXCEPT = 'try:\n    run()\nexcept:\n    log()\n';

describe('SARIF output', () => {
  it('uses the same schema file as shared/', () => {
    if (existsSync(SHARED_SCHEMA)) expect(readFileSync(SCHEMA_PATH, 'utf8')).toBe(readFileSync(SHARED_SCHEMA, 'utf8'));
  });

  it('is valid, lists every enabled rule with its lesson, and points results at them', () => {
    const project = makeProject({ 'pkg/app.py': BARE_EXCEPT });
    const log = sarifOf(project);
    expect(log.version).toBe('2.1.0');
    const [run] = log.runs;
    expect(run!.tool.driver.name).toBe('pitfall');
    expect(run!.columnKind).toBe('utf16CodeUnits');
    expect(run!.automationDetails).toBeUndefined();
    expect(run!.invocations[0]!.executionSuccessful).toBe(true);
    const rules = run!.tool.driver.rules;
    expect(rules.map((rule) => rule.id)).toEqual([...rules.map((rule) => rule.id)].sort());
    for (const rule of rules) {
      expect(rule.shortDescription.text.length).toBeGreaterThan(0);
      expect(rule.fullDescription.text.length).toBeLessThanOrEqual(1024);
      expect(rule.help.text.length).toBeGreaterThan(0);
      expect(rule.help.markdown).toContain(rule.id);
      expect(rule.helpUri).toMatch(/^https:\/\//);
      expect(['error', 'warning', 'note']).toContain(rule.defaultConfiguration.level);
      expect(rule.properties.tags).toContain(rule.properties.tags[0]);
    }
    expect(run!.results).toHaveLength(1);
    const [result] = run!.results;
    expect(rules[result.ruleIndex].id).toBe(result.ruleId);
    expect(result.ruleId).toBe('EXC001');
    expect(result.level).toBe('warning');
    expect(result.message.text).toBe('Bare `except:` also catches `KeyboardInterrupt` and `SystemExit`; catch `Exception` or a specific type.');
    expect(result.locations[0].physicalLocation).toEqual({
      artifactLocation: { uri: 'pkg/app.py', uriBaseId: '%SRCROOT%' },
      region: { startLine: 3, startColumn: 1, endLine: 3, endColumn: 8 },
    });
    expect(result.partialFingerprints['pitfall/v1']).toMatch(/^[0-9a-f]{16}:1$/);
  });

  it('is still a complete, valid log when the run is clean', () => {
    const project = makeProject({ 'ok.py': 'x = 1\n' });
    const log = sarifOf(project);
    expect(log.runs[0]!.results).toEqual([]);
    expect(log.runs[0]!.tool.driver.rules.length).toBeGreaterThan(0);
  });

  it('counts columns in UTF-16 code units, while text and JSON count characters', () => {
    const project = makeProject({ 'emoji.py': 's = ["😀é", )]\n' });
    const log = sarifOf(project);
    const region = log.runs[0]!.results[0].locations[0].physicalLocation.region;
    expect(region).toEqual({ startLine: 1, startColumn: 13, endLine: 1, endColumn: 14 });
    const json = JSON.parse(runCli(['check', '--format', 'json'], { cwd: project }).stdout) as { column: number; endColumn: number }[];
    expect(json[0]).toMatchObject({ column: 12, endColumn: 13 });
  });

  it('describes every rule with all the metadata GitHub code scanning reads', () => {
    const log = sarifOf(makeProject({ 'ok.py': 'x = 1\n' }), ['--select', 'ALL']);
    const rules = log.runs[0]!.tool.driver.rules;
    expect(rules.map((rule) => rule.id)).toEqual(ALL_RULES.map((rule) => rule.id));
    const severity = { error: 'error', warning: 'warning', note: 'recommendation' };
    for (const [index, descriptor] of rules.entries()) {
      const rule = ALL_RULES[index]!;
      const where = `${rule.id}: `;
      expect(descriptor.name, where).toBe(rule.name);
      expect(descriptor.name, `${where}SARIF1001 wants name and id to differ`).not.toBe(descriptor.id);
      expect(descriptor.name.length, where).toBeLessThanOrEqual(255);
      for (const text of [descriptor.shortDescription.text, descriptor.fullDescription.text]) {
        expect(text.trim().length, where).toBeGreaterThan(0);
        expect(text.length, `${where}GitHub rejects descriptions over 1024 characters`).toBeLessThanOrEqual(1024);
        expect(text, `${where}SARIF2001 wants a full sentence`).toMatch(/[.!?]$/);
      }
      expect(descriptor.help.text.trim().length, where).toBeGreaterThan(0);
      expect(descriptor.help.markdown, where).toMatch(new RegExp(`^# ${rule.id} ${rule.name}\n`));
      expect(descriptor.help.markdown, where).toContain(`**Category:** ${rule.category} · **Precision:** ${rule.precision}`);
      expect(descriptor.helpUri, where).toBe(`${HOMEPAGE}/blob/main/docs/rules/${rule.id}.md`);
      expect(existsSync(join(ROOT, 'docs', 'rules', `${rule.id}.md`)), `${where}helpUri points at a page that does not exist`).toBe(true);
      expect(descriptor.defaultConfiguration, where).toEqual({ level: rule.level });
      expect(descriptor.properties, where).toEqual({ tags: [rule.concept, rule.category], precision: rule.precision, 'problem.severity': severity[rule.level] });
      expect(RULE_CATEGORIES, where).toContain(descriptor.properties.tags[1]);
      expect(RULE_PRECISIONS, where).toContain(descriptor.properties.precision);
    }
  });

  it('sets the run category only when --sarif-category asks, ending it with a slash', () => {
    const project = makeProject({ 'app.py': BARE_EXCEPT });
    expect(sarifOf(project).runs[0]!.automationDetails).toBeUndefined();
    expect(sarifOf(project, ['--sarif-category', 'backend']).runs[0]!.automationDetails).toEqual({ id: 'backend/' });
    expect(sarifOf(project, ['--sarif-category', 'pitfall/py3.12/']).runs[0]!.automationDetails).toEqual({ id: 'pitfall/py3.12/' });
  });

  it('refuses an empty, repeated or misplaced --sarif-category with exit 2', () => {
    const project = makeProject({ 'app.py': BARE_EXCEPT });
    const cases: [string[], string][] = [
      [['--format', 'sarif', '--sarif-category', ''], 'needs a name'],
      [['--format', 'sarif', '--sarif-category', '  '], 'needs a name'],
      [['--format', 'sarif', '--sarif-category', 'a\nb'], 'control characters'],
      [['--format', 'sarif', '--sarif-category', 'a', '--sarif-category', 'b'], 'more than once'],
      [['--sarif-category', 'backend'], '--sarif-category needs --format sarif'],
      [['--format', 'json', '--sarif-category', 'backend'], '--sarif-category needs --format sarif'],
    ];
    for (const [args, error] of cases) {
      const run = runCli(['check', ...args], { cwd: project });
      expect(run.code, args.join(' ')).toBe(2);
      expect(run.stdout).toBe('');
      expect(run.stderr).toContain(error);
    }
  });

  it('mentions no file that has no findings', () => {
    const project = makeProject({ 'clean_module.py': 'x = 1\n', 'pkg/app.py': BARE_EXCEPT });
    const run = runCli(['check', '--format', 'sarif'], { cwd: project });
    validLog(run.stdout);
    expect(run.stdout).toContain('pkg/app.py');
    expect(run.stdout).not.toContain('clean_module');
  });

  it('keeps the 25,000 most severe results of a bigger run, and says so on stderr and in the log', () => {
    // 25,022 findings: per big file 12,500 notes (MUT004) then 10 errors (MUT003); c.py an error then a note.
    const big = [...Array.from({ length: 12_500 }, (_, i) => `if v${i} == None: pass`), ...Array.from({ length: 10 }, (_, i) => `if w${i} is 1: pass`)];
    const project = makeProject({ 'a.py': `${big.join('\n')}\n`, 'b.py': `${big.join('\n')}\n`, 'c.py': 'if z is 1: pass\nif z == None: pass\n' });
    const run = runCli(['check', '--format', 'sarif'], { cwd: project });
    expect(run.code).toBe(1);
    const message = 'the SARIF report keeps the 25000 most severe of 25022 results and leaves out 22: GitHub code scanning accepts at most 25000 results per run';
    expect(run.stderr).toContain(`pitfall: warning: ${message}\n`);
    expect(run.stderr).toContain('Found 25022 problems (21 errors, 25001 notes)');
    const log = validLog(run.stdout);
    const { results, invocations } = log.runs[0]!;
    expect(results).toHaveLength(25_000);
    expect(results.filter((result) => result.level === 'error')).toHaveLength(21);
    // Among equally severe notes, the last in path/line order are left out: c.py's, then b.py's last 21.
    const where = (result: any) => `${result.locations[0].physicalLocation.artifactLocation.uri}:${result.locations[0].physicalLocation.region.startLine}`;
    const kept = new Set(results.map(where));
    expect(kept.has('c.py:1')).toBe(true);
    expect(kept.has('c.py:2')).toBe(false);
    expect(kept.has('b.py:12479')).toBe(true);
    expect(kept.has('b.py:12480')).toBe(false);
    expect(kept.has('b.py:12510')).toBe(true);
    const positions = results.map((result) => [result.locations[0].physicalLocation.artifactLocation.uri as string, result.locations[0].physicalLocation.region.startLine as number] as const);
    const inOrder = positions.every(([uri, line], i) => i === 0 || positions[i - 1]![0] < uri || (positions[i - 1]![0] === uri && positions[i - 1]![1] < line));
    expect(inOrder, 'kept results stay in path/line order').toBe(true);
    expect(invocations[0]!.toolExecutionNotifications).toEqual([
      { level: 'warning', message: { text: `T${message.slice(1)}.` }, descriptor: { id: 'results-truncated' } },
    ]);
  });

  it('keeps fingerprints when unrelated lines are added above', () => {
    const before = makeProject({ 'app.py': `${BARE_EXCEPT}${BARE_EXCEPT}` });
    const after = makeProject({ 'app.py': `import os\n\n\nVALUE = 1\n${BARE_EXCEPT}${BARE_EXCEPT}` });
    const prints = (cwd: string) => sarifOf(cwd).runs[0]!.results.map((result) => result.partialFingerprints['pitfall/v1']);
    const original = prints(before);
    expect(original).toHaveLength(2);
    expect(new Set(original).size).toBe(2);
    expect(prints(after)).toEqual(original);
  });

  it('keeps the fingerprint of a finding spanning several lines when lines inside it change', () => {
    const counting = (inside: string) => `def tally(events):\n    seen = {}\n    for event in events:\n        if event.kind in seen:\n${inside}            seen[event.kind] += 1\n        else:\n            seen[event.kind] = 1\n    return seen\n`;
    const print = (source: string) => {
      const [result] = sarifOf(makeProject({ 'tally.py': source })).runs[0]!.results;
      expect(result.ruleId).toBe('COL001');
      expect(result.locations[0].physicalLocation.region.endLine).toBeGreaterThan(result.locations[0].physicalLocation.region.startLine);
      return result.partialFingerprints['pitfall/v1'];
    };
    expect(print(counting('            # a comment and a blank line inside the flagged region\n\n'))).toBe(print(counting('')));
  });

  it('percent-encodes paths and reports unreadable files as notifications', () => {
    const project = makeProject({ 'my dir/a%b.py': BARE_EXCEPT, 'blob.py': Buffer.from([0, 1, 2]) });
    const run = runCli(['check', '--format', 'sarif'], { cwd: project });
    expect(run.code).toBe(2);
    const log = validLog(run.stdout);
    expect(log.runs[0]!.results[0].locations[0].physicalLocation.artifactLocation.uri).toBe('my%20dir/a%25b.py');
    const notes = log.runs[0]!.invocations[0]!.toolExecutionNotifications;
    expect(notes).toHaveLength(1);
    expect(notes[0].message.text).toContain('blob.py');
  });

  it('makes URIs relative to the repository root when run from a subfolder', () => {
    const project = makeProject({ '.git/HEAD': 'ref: refs/heads/main\n', 'src/pkg/app.py': BARE_EXCEPT });
    const log = sarifOf(join(project, 'src'));
    expect(log.runs[0]!.results[0].locations[0].physicalLocation.artifactLocation.uri).toBe('src/pkg/app.py');
  });
});

describe('SARIF upload limits', () => {
  const rules = ALL_RULES.filter((rule) => ['EXC001', 'MUT003', 'MUT004'].includes(rule.id));
  const levels: Record<string, Level> = { MUT003: 'error', EXC001: 'warning', MUT004: 'note' };
  const ids = ['MUT004', 'EXC001', 'MUT004', 'MUT003', 'MUT004', 'EXC001'];

  /** `count` findings spread over files and levels, each with its own line text so gzip has real work. */
  function syntheticReport(count: number, extra: Partial<RunReport> = {}): RunReport {
    const findings: Finding[] = Array.from({ length: count }, (_, i) => {
      const ruleId = ids[i % ids.length]!;
      const rule = rules.find((candidate) => candidate.id === ruleId)!;
      const line = Math.floor(i / 3) + 1;
      return {
        ruleId,
        ruleName: rule.name,
        concept: rule.concept,
        level: levels[ruleId]!,
        message: `Finding ${i} of ${ruleId} about \`name_${(i * 7919) % 10007}\``,
        path: `pkg/module_${i % 3}.py`,
        start: { line, column: 1, utf16Column: 1 },
        end: { line, column: 9, utf16Column: 9 },
        lineText: `value_${(i * 104729) % 99991} = compute(${i})`,
      };
    }).sort(compareFindings);
    return { findings, problems: [], filesChecked: 3, rules, cwd: '/repo', sourceRoot: '/repo', toolVersion: '1.2.3', ...extra };
  }

  function format(report: RunReport, limits: SarifOptions['limits']) {
    const warnings: string[] = [];
    const text = formatSarif(report, {
      describe: (rule) => ruleDocs(rule, { docsBase: `${HOMEPAGE}/blob/main/docs/` }),
      informationUri: HOMEPAGE,
      limits,
      warn: (message) => warnings.push(message),
    });
    return { text, log: validLog(text), warnings };
  }

  /** No kept result is less severe than a left-out one. */
  function expectMostSevereKept(all: readonly Finding[], kept: readonly { level: Level }[]) {
    const worstKept = Math.max(...kept.map((result) => levelRank(result.level)));
    const counts = (level: Level, list: readonly { level: Level }[]) => list.filter((item) => item.level === level).length;
    for (const level of ['error', 'warning', 'note'] as const) {
      if (levelRank(level) < worstKept) expect(counts(level, kept), level).toBe(counts(level, all));
    }
  }

  it('leaves everything in and warns about nothing within the limits', () => {
    const report = syntheticReport(60);
    const { log, warnings } = format(report, { maxResults: 60, maxGzipBytes: 10_000_000 });
    expect(log.runs[0]!.results).toHaveLength(60);
    expect(log.runs[0]!.invocations[0]!.toolExecutionNotifications).toEqual([]);
    expect(warnings).toEqual([]);
  });

  it('keeps the most severe results up to the result limit, in report order', () => {
    const report = syntheticReport(60);
    const { log, warnings } = format(report, { maxResults: 25, maxGzipBytes: 10_000_000 });
    const results = log.runs[0]!.results;
    expect(results).toHaveLength(25);
    expect(results.filter((result) => result.level === 'error')).toHaveLength(10);
    expect(results.filter((result) => result.level === 'warning')).toHaveLength(15);
    expectMostSevereKept(report.findings, results);
    const order = report.findings.map((finding) => finding.message);
    const keptOrder = results.map((result) => order.indexOf(result.message.text.replace(/\.$/, '')));
    expect(keptOrder).toEqual([...keptOrder].sort((a, b) => a - b));
    expect(warnings).toEqual(['the SARIF report keeps the 25 most severe of 60 results and leaves out 35: GitHub code scanning accepts at most 25 results per run']);
  });

  it('ranks suppressed findings shown with --show-suppressed below every reported one', () => {
    const shown = syntheticReport(6);
    const report = { ...shown, findings: shown.findings.filter((f) => f.level === 'note'), suppressed: shown.findings.filter((f) => f.level !== 'note'), showSuppressed: true };
    const results = format(report, { maxResults: 3, maxGzipBytes: 10_000_000 }).log.runs[0]!.results;
    expect(results.map((result) => [result.level, result.suppressions !== undefined])).toEqual([['note', false], ['note', false], ['note', false]]);
  });

  it('shrinks a log whose gzipped size is over the limit until it fits, the same way every time', () => {
    const report = syntheticReport(3_000);
    const full = format(report, { maxResults: 25_000, maxGzipBytes: 10_000_000 });
    expect(full.log.runs[0]!.results).toHaveLength(3_000);
    const limit = Math.floor(gzipSync(full.text).length * 0.6);
    const { text, log, warnings } = format(report, { maxResults: 25_000, maxGzipBytes: limit });
    expect(gzipSync(text).length).toBeLessThanOrEqual(limit);
    const results = log.runs[0]!.results;
    expect(results.length).toBeGreaterThan(1_000);
    expect(results.length).toBeLessThan(3_000);
    expectMostSevereKept(report.findings, results);
    expect(warnings).toEqual([
      `the SARIF report keeps the ${results.length} most severe of 3000 results and leaves out ${3_000 - results.length}: GitHub code scanning accepts at most ${limit} bytes of gzipped SARIF`,
    ]);
    expect(log.runs[0]!.invocations[0]!.toolExecutionNotifications[0].descriptor).toEqual({ id: 'results-truncated' });
    expect(format(report, { maxResults: 25_000, maxGzipBytes: limit }).text).toBe(text);
  });

  it('keeps fingerprints of the results it keeps', () => {
    const report = syntheticReport(60);
    const prints = (limit: number) => new Map(format(report, { maxResults: limit, maxGzipBytes: 10_000_000 }).log.runs[0]!.results.map((result) => [result.message.text, result.partialFingerprints['pitfall/v1']]));
    const all = prints(60);
    for (const [message, fingerprint] of prints(20)) expect(all.get(message)).toBe(fingerprint);
  });
});
