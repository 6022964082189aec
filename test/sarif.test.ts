import Ajv from 'ajv-draft-04';
import addFormats from 'ajv-formats';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { makeProject, runCli } from './cli-helpers.js';
import { ROOT } from './helpers.js';

// A copy of the OASIS schema lives in the repo so the suite runs anywhere; it must match the shared original.
const SCHEMA_PATH = join(ROOT, 'test', 'schemas', 'sarif-2.1.0.json');
const SHARED_SCHEMA = join(ROOT, '..', 'shared', 'schemas', 'sarif-2.1.0.json');

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

function sarifOf(cwd: string, args: string[] = []): SarifLog {
  const run = runCli(['check', '--format', 'sarif', ...args], { cwd });
  const log = JSON.parse(run.stdout) as SarifLog;
  const valid = validate(log);
  expect(validate.errors ?? [], JSON.stringify(validate.errors, null, 2)).toEqual([]);
  expect(valid).toBe(true);
  return log;
}

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

  it('keeps fingerprints when unrelated lines are added above', () => {
    const before = makeProject({ 'app.py': `${BARE_EXCEPT}${BARE_EXCEPT}` });
    const after = makeProject({ 'app.py': `import os\n\n\nVALUE = 1\n${BARE_EXCEPT}${BARE_EXCEPT}` });
    const prints = (cwd: string) => sarifOf(cwd).runs[0]!.results.map((result) => result.partialFingerprints['pitfall/v1']);
    const original = prints(before);
    expect(original).toHaveLength(2);
    expect(new Set(original).size).toBe(2);
    expect(prints(after)).toEqual(original);
  });

  it('percent-encodes paths and reports unreadable files as notifications', () => {
    const project = makeProject({ 'my dir/a%b.py': BARE_EXCEPT, 'blob.py': Buffer.from([0, 1, 2]) });
    const run = runCli(['check', '--format', 'sarif'], { cwd: project });
    expect(run.code).toBe(2);
    const log = JSON.parse(run.stdout) as SarifLog;
    expect(validate(log)).toBe(true);
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
