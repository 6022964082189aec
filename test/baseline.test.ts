import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { makeProject, runCli } from './cli-helpers.js';

const BARE_EXCEPT = 'try:\n    run()\nexcept:\n    log()\n';
const MUTABLE_DEFAULT = 'def add(item, into=[]):\n    into.append(item)\n    return into\n';
const EXCEPT_MESSAGE = 'Bare `except:` also catches `KeyboardInterrupt` and `SystemExit`; catch `Exception` or a specific type';

/** Findings of a JSON report as `path:line:rule`. */
function listed(stdout: string): string[] {
  return (JSON.parse(stdout) as { path: string; line: number; rule: string }[]).map((finding) => `${finding.path}:${finding.line}:${finding.rule}`);
}

function sarifFingerprints(stdout: string): Record<string, string> {
  const log = JSON.parse(stdout) as { runs: { results: any[] }[] };
  return Object.fromEntries(
    log.runs[0]!.results.map((result) => [`${result.locations[0].physicalLocation.artifactLocation.uri}:${result.locations[0].physicalLocation.region.startLine}`, result.partialFingerprints['pitfall/v1']]),
  );
}

describe('--write-baseline and --baseline', () => {
  it('writes a deterministic file, byte for byte, with paths from its own folder, and hides what it recorded', () => {
    const project = makeProject({ 'pkg/app.py': BARE_EXCEPT, 'pkg/lists.py': MUTABLE_DEFAULT, 'clean.py': 'x = 1\n' });
    const write = runCli(['check', '--write-baseline', 'conf/pitfall-baseline.json'], { cwd: project });
    // The folder must exist: pitfall writes files, it does not make folders.
    expect(write.code).toBe(2);
    expect(write.stderr).toBe('pitfall: error: cannot write the baseline conf/pitfall-baseline.json: no such file or directory\n');

    const run = runCli(['check', '--write-baseline', 'pitfall-baseline.json'], { cwd: project });
    expect(run.code).toBe(0);
    expect(run.stderr).toBe('pitfall: wrote 2 findings to pitfall-baseline.json\n');
    expect(run.stdout).toBe('No problems found in 3 files; 2 in the baseline.\n');
    const golden = readFileSync(join(project, 'pitfall-baseline.json'), 'utf8');
    expect(golden).toBe(
      [
        '{',
        '  "version": 1,',
        '  "tool": "pitfall",',
        '  "findings": [',
        '    {',
        '      "path": "pkg/app.py",',
        '      "rule": "EXC001",',
        '      "fingerprint": "43b4376720072c7e:1",',
        `      "message": ${JSON.stringify(EXCEPT_MESSAGE)},`,
        '      "line": 3',
        '    },',
        '    {',
        '      "path": "pkg/lists.py",',
        '      "rule": "MUT001",',
        '      "fingerprint": "bd6b1d77e89ab774:1",',
        '      "message": "Parameter `into` defaults to a list that is created once and shared by every call; default to `None` and build it in the body",',
        '      "line": 1',
        '    }',
        '  ]',
        '}',
        '',
      ].join('\n'),
    );

    // Same findings, same bytes, whichever folder pitfall runs from.
    expect(runCli(['check', '--write-baseline', '../pitfall-baseline.json', '.', '../pkg', '../clean.py'], { cwd: join(project, 'pkg') }).code).toBe(0);
    expect(readFileSync(join(project, 'pitfall-baseline.json'), 'utf8')).toBe(golden);
    const fromInside = runCli(['check', '--baseline', '../pitfall-baseline.json', '.'], { cwd: join(project, 'pkg') });
    expect(fromInside.stdout).toBe('No problems found in 2 files; 2 in the baseline.\n');
    expect(fromInside.code).toBe(0);
  });

  it('round trip: clean re-run, a new bug alone reported, code moved still matched, a fixed bug reported as stale', () => {
    const project = makeProject({ 'app.py': BARE_EXCEPT, 'lists.py': MUTABLE_DEFAULT });
    expect(runCli(['check', '--write-baseline', 'baseline.json'], { cwd: project }).code).toBe(0);

    const again = runCli(['check', '--baseline', 'baseline.json'], { cwd: project });
    expect(again.code).toBe(0);
    expect(again.stdout).toBe('No problems found in 2 files; 2 in the baseline.\n');

    // Lines inserted above the old bug, and a new bug below it.
    writeFileSync(join(project, 'app.py'), `import os\n\n\n${BARE_EXCEPT}\n\ndef fresh(seen={}):\n    return seen\n`);
    const moved = runCli(['check', '--baseline', 'baseline.json', '--format', 'json'], { cwd: project });
    expect(moved.code).toBe(1);
    expect(listed(moved.stdout)).toEqual(['app.py:10:MUT001']);
    expect(moved.stderr).toBe('Found 1 problem (1 warning) in 1 of 2 files; 2 in the baseline.\n');

    // The old bug fixed: its entry is stale, and that alone does not fail the run.
    writeFileSync(join(project, 'lists.py'), 'def add(item, into=None):\n    return [*(into or []), item]\n');
    const fixed = runCli(['check', '--baseline', 'baseline.json', '--select', 'MUT,EXC'], { cwd: project });
    expect(fixed.stdout).toContain('app.py:10:');
    expect(fixed.stdout.endsWith('Found 1 problem (1 warning) in 1 of 2 files; 1 in the baseline.\n1 baseline entry no longer occurs: rewrite the baseline with --write-baseline to drop it.\n')).toBe(true);
    const cleanOtherwise = runCli(['check', '--baseline', 'baseline.json', 'lists.py'], { cwd: project });
    expect(cleanOtherwise.code).toBe(0);
    expect(cleanOtherwise.stdout).toBe('No problems found in 1 file.\n1 baseline entry no longer occurs: rewrite the baseline with --write-baseline to drop it.\n');
  });

  it('counts identical findings one by one: fixing one leaves one stale entry, adding one reports one', () => {
    const twice = `${BARE_EXCEPT}${BARE_EXCEPT}`;
    const project = makeProject({ 'app.py': twice });
    expect(runCli(['check', '--write-baseline', 'baseline.json'], { cwd: project }).stderr).toBe('pitfall: wrote 2 findings to baseline.json\n');
    const fingerprints = (JSON.parse(readFileSync(join(project, 'baseline.json'), 'utf8')) as { findings: { fingerprint: string }[] }).findings.map((entry) => entry.fingerprint);
    expect(fingerprints.map((fingerprint) => fingerprint.split(':')[1])).toEqual(['1', '2']);

    writeFileSync(join(project, 'app.py'), BARE_EXCEPT);
    const fewer = runCli(['check', '--baseline', 'baseline.json', '--format', 'json'], { cwd: project });
    expect([fewer.code, fewer.stdout]).toEqual([0, '[]\n']);
    expect(fewer.stderr).toBe('No problems found in 1 file; 1 in the baseline.\n1 baseline entry no longer occurs: rewrite the baseline with --write-baseline to drop it.\n');

    writeFileSync(join(project, 'app.py'), `${twice}${BARE_EXCEPT}`);
    const more = runCli(['check', '--baseline', 'baseline.json', '--format', 'json'], { cwd: project });
    expect(more.code).toBe(1);
    expect(listed(more.stdout)).toEqual(['app.py:11:EXC001']);
  });

  it('calls an entry stale only when its file was linted and its rule ran', () => {
    const project = makeProject({ 'app.py': BARE_EXCEPT, 'lists.py': MUTABLE_DEFAULT });
    runCli(['check', '--write-baseline', 'baseline.json'], { cwd: project });
    expect(runCli(['check', '--baseline', 'baseline.json', 'app.py'], { cwd: project }).stdout).toBe('No problems found in 1 file; 1 in the baseline.\n');
    expect(runCli(['check', '--baseline', 'baseline.json', '--select', 'MUT001'], { cwd: project }).stdout).toBe('No problems found in 2 files; 1 in the baseline.\n');
  });

  it('records no suppressed finding, and a newly suppressed one makes its entry stale', () => {
    const project = makeProject({ 'app.py': `${BARE_EXCEPT}try:\n    run()\nexcept:  # noqa: EXC001\n    log()\n` });
    const write = runCli(['check', '--write-baseline', 'baseline.json'], { cwd: project });
    expect(write.stderr).toBe('pitfall: wrote 1 finding to baseline.json\n');
    expect(write.stdout).toBe('No problems found in 1 file; 1 suppressed; 1 in the baseline.\n');
    writeFileSync(join(project, 'app.py'), `try:\n    run()\nexcept:  # noqa: EXC001\n    log()\n`.repeat(2));
    expect(runCli(['check', '--baseline', 'baseline.json'], { cwd: project }).stdout).toBe(
      'No problems found in 1 file; 2 suppressed.\n1 baseline entry no longer occurs: rewrite the baseline with --write-baseline to drop it.\n',
    );
  });

  it('--baseline with --write-baseline updates: drops fixed entries, keeps unlinted files, never accepts a new finding', () => {
    const project = makeProject({ 'app.py': `${BARE_EXCEPT}${BARE_EXCEPT}`, 'lists.py': MUTABLE_DEFAULT, 'other/more.py': MUTABLE_DEFAULT });
    runCli(['check', '--write-baseline', 'baseline.json'], { cwd: project });
    writeFileSync(join(project, 'app.py'), `import os\n${BARE_EXCEPT}`);
    writeFileSync(join(project, 'lists.py'), `${MUTABLE_DEFAULT}\n\ndef more(seen={}):\n    return seen\n`);

    const update = runCli(['check', 'app.py', 'lists.py', '--baseline', 'baseline.json', '--write-baseline', 'baseline.json', '--format', 'json'], { cwd: project });
    expect(update.code).toBe(1);
    expect(listed(update.stdout)).toEqual(['lists.py:6:MUT001']);
    expect(update.stderr).toBe('pitfall: wrote 3 findings to baseline.json, dropping 1 entry that no longer occurs\nFound 1 problem (1 warning) in 1 of 2 files; 2 in the baseline.\n');
    const entries = (JSON.parse(readFileSync(join(project, 'baseline.json'), 'utf8')) as { findings: { path: string; line: number }[] }).findings;
    expect(entries.map((entry) => `${entry.path}:${entry.line}`)).toEqual(['app.py:4', 'lists.py:1', 'other/more.py:1']);

    // Into another folder: the kept entries' paths follow the new file.
    const moved = runCli(['check', 'app.py', '--baseline', 'baseline.json', '--write-baseline', 'other/baseline.json'], { cwd: project });
    expect(moved.code).toBe(0);
    const movedEntries = (JSON.parse(readFileSync(join(project, 'other', 'baseline.json'), 'utf8')) as { findings: { path: string }[] }).findings;
    expect(movedEntries.map((entry) => entry.path)).toEqual(['../app.py', '../lists.py', 'more.py']);
  });

  it('writes no baseline when a file could not be linted, since it would be incomplete', () => {
    const project = makeProject({ 'app.py': BARE_EXCEPT, 'broken.py': Buffer.from([0x78, 0x00, 0x79]) });
    const run = runCli(['check', '--write-baseline', 'baseline.json'], { cwd: project });
    expect(run.code).toBe(2);
    expect(run.stderr).toContain('pitfall: error: not writing the baseline baseline.json: it would miss the findings of files that could not be fully linted\n');
    expect(run.stdout).toContain('app.py:3:1: EXC001');
    expect(existsSync(join(project, 'baseline.json'))).toBe(false);
  });

  it.each([
    ['missing', undefined, 'cannot read the baseline baseline.json: no such file or directory'],
    ['not JSON', '{"version": 1,', 'the baseline baseline.json is malformed: not valid JSON'],
    ['not an object', '[]', 'the baseline baseline.json is malformed: expected a JSON object with "version", "tool" and "findings"'],
    ['another tool', '{"version": 1, "tool": "ruff", "findings": []}', 'the baseline baseline.json is malformed: "tool" must be "pitfall"'],
    ['a newer version', '{"version": 2, "tool": "pitfall", "findings": []}', 'the baseline baseline.json is malformed: "version" is 2; this pitfall reads version 1'],
    ['findings not a list', '{"version": 1, "tool": "pitfall", "findings": {}}', 'the baseline baseline.json is malformed: "findings" must be an array'],
    ['a line as text', '{"version": 1, "tool": "pitfall", "findings": [{"path": "app.py", "rule": "EXC001", "fingerprint": "43b4376720072c7e:1", "message": "", "line": "3"}]}', 'findings[0].line must be a positive whole number'],
    ['a bad fingerprint', '{"version": 1, "tool": "pitfall", "findings": [{"path": "app.py", "rule": "EXC001", "fingerprint": "43b4", "message": "", "line": 3}]}', 'findings[0].fingerprint must be a pitfall/v1 fingerprint'],
    ['an entry without a path', '{"version": 1, "tool": "pitfall", "findings": [null]}', 'findings[0] must be an object'],
  ])('a baseline that is %s is an error naming it, exit 2, with nothing reported', (_, content, message) => {
    const project = makeProject({ 'app.py': BARE_EXCEPT, ...(content === undefined ? {} : { 'baseline.json': content }) });
    const run = runCli(['check', '--baseline', 'baseline.json', '--format', 'json'], { cwd: project });
    expect(run.code).toBe(2);
    expect(run.stdout).toBe('');
    expect(run.stderr).toContain(message);
    expect(run.stderr.startsWith('pitfall: error: ')).toBe(true);
    expect(run.stderr.split('\n')).toHaveLength(2);
  });

  it('reads a baseline saved with a byte order mark', () => {
    const project = makeProject({ 'app.py': BARE_EXCEPT });
    runCli(['check', '--write-baseline', 'baseline.json'], { cwd: project });
    writeFileSync(join(project, 'baseline.json'), `\uFEFF${readFileSync(join(project, 'baseline.json'), 'utf8')}`);
    expect(runCli(['check', '--baseline', 'baseline.json'], { cwd: project }).code).toBe(0);
  });

  it('keeps SARIF fingerprints those of the full run, and refuses --write-baseline with --diff-base', () => {
    const twice = `${BARE_EXCEPT}${BARE_EXCEPT}`;
    const project = makeProject({ 'app.py': twice });
    // Only the first of the two identical findings is accepted.
    const entry = { path: 'app.py', rule: 'EXC001', fingerprint: '43b4376720072c7e:1', message: 'old wording', line: 1 };
    writeFileSync(join(project, 'baseline.json'), JSON.stringify({ version: 1, tool: 'pitfall', findings: [entry] }));
    const full = sarifFingerprints(runCli(['check', '--format', 'sarif'], { cwd: project }).stdout);
    const filtered = runCli(['check', '--format', 'sarif', '--baseline', 'baseline.json'], { cwd: project });
    expect(filtered.stderr).toBe('Found 1 problem (1 warning) in 1 of 1 file; 1 in the baseline.\n');
    const shown = sarifFingerprints(filtered.stdout);
    expect(Object.keys(shown)).toEqual(['app.py:7']);
    expect(shown['app.py:7']).toBe(full['app.py:7']);
    expect(shown['app.py:7']).toMatch(/:2$/);

    const both = runCli(['check', '--write-baseline', 'b.json', '--diff-base', 'HEAD'], { cwd: project });
    expect(both.code).toBe(2);
    expect(both.stderr).toBe('pitfall: error: --write-baseline records every finding of the run and cannot be combined with --diff-base, which hides some\n');
  });
});
