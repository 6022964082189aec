/**
 * Suppression comments through the real executable: the `# noqa` and
 * `# pitfall:` forms, what they suppress, how suppressed findings are counted
 * and reported in each format, PIT001 unused-suppression, and the warnings for
 * directives pitfall cannot act on.
 */
import { describe, expect, it } from 'vitest';
import { makeProject, runCli, type CliRun } from './cli-helpers.js';

/** Each `except:` line yields EXC001 and nothing else. */
const handler = (comment = '') => `try:\n    run()\nexcept:${comment ? `  ${comment}` : ''}\n    report()\n`;

interface JsonFinding {
  rule: string;
  path: string;
  line: number;
  column: number;
  endColumn: number;
  message: string;
  suppressed?: boolean;
}

/** Lints one file with only EXC001, SYN001 and PIT001 on, so rules added later cannot change the expectations. */
function lint(source: string, ...args: string[]): CliRun {
  const project = makeProject({ 'app.py': source });
  return runCli(['check', 'app.py', '--isolated', '--select', 'EXC001,SYN001,PIT001', ...args], { cwd: project });
}

function reported(run: CliRun): string[] {
  return (JSON.parse(run.stdout) as JsonFinding[]).map((finding) => `${finding.line}:${finding.rule}${finding.suppressed ? ' suppressed' : ''}`);
}

describe('suppression comments', () => {
  it('# noqa suppresses every rule on its line; # noqa: takes ids and names; others stay', () => {
    const source = [
      handler('# noqa'),
      handler('# noqa: EXC001'),
      handler('# NOQA:bare-except'),
      handler('#noqa: SYN001, EXC001 plugins may raise anything'),
      handler('# noqa: SYN001'),
      handler('# type: ignore  # noqa: EXC001'),
      handler('# pitfall: ignore[EXC001]'),
      handler('# pitfall: ignore[ bare-except ] a reason after the brackets'),
      handler('# pitfall: ignore[SYN001]'),
    ].join('');
    const run = lint(source, '--extend-ignore', 'PIT001', '--format', 'json');
    expect(reported(run)).toEqual(['19:EXC001', '35:EXC001']);
    expect(run.stderr).toBe('Found 2 problems (2 warnings) in 1 of 1 file; 7 suppressed.\n');
  });

  it('suppresses a finding that spans several lines from its first line only', () => {
    const source = [
      'def add(item, into=[  # noqa: MUT001',
      '    1,',
      ']):',
      '    return into',
      '',
      '',
      'def add_again(item, into=[',
      '    1,',
      ']):  # noqa: MUT001',
      '    return into',
      '',
    ].join('\n');
    const project = makeProject({ 'app.py': source });
    const run = runCli(['check', '--isolated', '--select', 'MUT001,PIT001', '--format', 'json', '--show-suppressed'], { cwd: project });
    expect(reported(run)).toEqual(['1:MUT001 suppressed', '7:MUT001', '9:PIT001']);
  });

  it('is never fooled by noqa inside a string', () => {
    const run = lint(`try:\n    run()\nexcept: log("# noqa")\n`, '--format', 'json');
    expect(reported(run)).toEqual(['3:EXC001']);
  });

  it('reads a # noqa on the first line of an unparsable region, so SYN001 can be silenced where tree-sitter rejects valid code', () => {
    const broken = 'x = (1,  # noqa: SYN001\ndef f(:  # noqa: EXC001\n    pass\n';
    for (const extra of [[], ['--extend-select', 'MUT,SCO']]) {
      // With and without rules that read the semantic model, whose walk also meets the region.
      const run = lint(broken, '--format', 'json', '--show-suppressed', ...extra);
      expect(reported(run)).toEqual(['1:SYN001 suppressed']);
      expect(run.code).toBe(0);
    }
    // Above, `# noqa: EXC001` inside the region was not called unused: no other rule ran there. On parsed code it still is.
    expect(reported(lint(handler('# noqa: SYN001'), '--format', 'json'))).toEqual(['3:EXC001', '3:PIT001']);
  });

    it('# pitfall: skip-file before the first line of code skips the file; later, it is ignored with a warning', () => {
    const skipped = lint(`#!/usr/bin/env python\n# Copyright notice\n\n# pitfall: skip-file\n${handler()}`);
    expect(skipped.code).toBe(0);
    expect(skipped.stdout).toBe('No problems found in 1 file; 1 suppressed.\n');
    const late = lint(`import os\n# pitfall: skip-file\n${handler()}`);
    expect(late.code).toBe(1);
    expect(late.stderr).toBe(
      'pitfall: warning: app.py:2: `# pitfall: skip-file` counts only on a line of its own before the first line of code; this one is ignored\n',
    );
  });

  it('warns on stderr about directives that suppress nothing or more than meant, without changing the exit code', () => {
    const source = [
      handler('# noqa:'),
      handler('# noqa EXC001'),
      handler('# pitfall: ignore EXC001'),
      handler('# pitfall: ignore[]'),
      'x = 1  # pitfall: skipfile\n',
    ].join('');
    const run = lint(source, '--format', 'json');
    expect(reported(run)).toEqual(['3:EXC001', '11:EXC001', '15:EXC001']);
    expect(run.code).toBe(1);
    expect(run.stderr.split('\n').filter((line) => line.startsWith('pitfall: warning'))).toEqual([
      'pitfall: warning: app.py:3: `# noqa:` is not followed by a rule id or name, so it suppresses nothing; write `# noqa: ID` for one rule or `# noqa` for all',
      'pitfall: warning: app.py:7: `# noqa EXC001` has no colon, so it suppresses every rule on the line; write `# noqa: EXC001` to suppress only that rule',
      'pitfall: warning: app.py:11: `# pitfall: ignore` needs the rules in brackets, e.g. `# pitfall: ignore[EXC001]`; it suppresses nothing as written',
      'pitfall: warning: app.py:15: `# pitfall: ignore[]` names no rule, so it suppresses nothing; write `# pitfall: ignore[ID, ...]`',
      'pitfall: warning: app.py:17: unknown directive `# pitfall: skipfile` (did you mean `skip-file`?); pitfall understands `# pitfall: ignore[ID, ...]` and `# pitfall: skip-file`',
    ]);
  });
});

describe('suppressed findings in reports', () => {
  const source = `${handler('# noqa: EXC001')}${handler()}`;

  it('text: counted in the summary; listed and marked only with --show-suppressed', () => {
    const plain = lint(source);
    expect(plain.code).toBe(1);
    expect(plain.stdout).not.toContain('app.py:3:1');
    expect(plain.stdout).toContain('app.py:7:1: EXC001');
    expect(plain.stdout).toContain('Found 1 problem (1 warning) in 1 of 1 file; 1 suppressed.');
    const shown = lint(source, '--show-suppressed');
    expect(shown.stdout).toContain('app.py:3:1: EXC001 Bare `except:` also catches');
    expect(shown.stdout).toMatch(/app\.py:3:1: EXC001 .*\[bare-except\] \(suppressed\)\n/);
    expect(shown.stdout).not.toMatch(/app\.py:7:1: .*\(suppressed\)/);
    expect(shown.stdout).toContain('Found 1 problem (1 warning) in 1 of 1 file; 1 suppressed.');
  });

  it('suppressed findings never fail the run', () => {
    const run = lint(handler('# noqa'), '--show-suppressed');
    expect(run.code).toBe(0);
  });

  it('json: left out, or marked "suppressed": true with --show-suppressed', () => {
    expect(reported(lint(source, '--format', 'json'))).toEqual(['7:EXC001']);
    const shown = JSON.parse(lint(source, '--format', 'json', '--show-suppressed').stdout) as JsonFinding[];
    expect(shown.map((finding) => `${finding.line}:${finding.rule}:${String(finding.suppressed)}`)).toEqual(['3:EXC001:true', '7:EXC001:undefined']);
  });

  it('sarif: left out, or carrying suppressions of kind inSource with --show-suppressed; fingerprints do not change', () => {
    type Result = { locations: { physicalLocation: { region: { startLine: number } } }[]; suppressions?: unknown; partialFingerprints: Record<string, string> };
    const resultsOf = (run: CliRun) => (JSON.parse(run.stdout) as { runs: { results: Result[] }[] }).runs[0]!.results;
    const plain = resultsOf(lint(source, '--format', 'sarif'));
    expect(plain.map((result) => result.locations[0]!.physicalLocation.region.startLine)).toEqual([7]);
    expect(plain[0]!.suppressions).toBeUndefined();
    const shown = resultsOf(lint(source, '--format', 'sarif', '--show-suppressed'));
    expect(shown.map((result) => result.locations[0]!.physicalLocation.region.startLine)).toEqual([3, 7]);
    expect(shown[0]!.suppressions).toEqual([{ kind: 'inSource' }]);
    expect(shown[1]!.suppressions).toBeUndefined();
    expect(shown[1]!.partialFingerprints).toEqual(plain[0]!.partialFingerprints);
  });
});

describe('PIT001 unused-suppression', () => {
  it('is off by default', () => {
    expect(runCli(['check', 'app.py', '--isolated'], { cwd: makeProject({ 'app.py': 'x = 1  # noqa: EXC001\n' }) }).code).toBe(0);
  });

  it('reports rules that fire nowhere on the line, are not enabled, are not pitfall rules, or are named twice', () => {
    const source = [
      'total = 0  # noqa: EXC001\n',
      'port = int(text)  # noqa: E501, bare-excpet\n',
      handler('# noqa: EXC001, bare-except'),
      handler('# noqa: EXC001, SYN001'),
      'name = "x"  # pitfall: ignore[SYN001]\n',
      handler('# noqa'),
      'y = 1  # noqa: EXC001, PIT001\n',
    ].join('');
    const run = lint(source, '--format', 'json');
    const found = JSON.parse(run.stdout) as JsonFinding[];
    expect(found.map((finding) => `${finding.line}:${finding.column}-${finding.endColumn}: ${finding.message}`)).toEqual([
      '1:20-26: Unused suppression: `EXC001` reports nothing on this line; remove it from the comment',
      '2:27-31: Unused suppression: `E501` is not a pitfall rule; remove it from the comment',
      '2:33-44: Unused suppression: `bare-excpet` is not a pitfall rule; remove it from the comment',
      '5:26-37: Unused suppression: `bare-except` names EXC001 a second time on this line; remove it from the comment',
      '9:26-32: Unused suppression: `SYN001` reports nothing on this line; remove it from the comment',
      '11:31-37: Unused suppression: `SYN001` reports nothing on this line; remove it from the comment',
    ]);
    // EXC001 on lines 5, 9 and 14, and the PIT001 that `# noqa: EXC001, PIT001` on line 16 keeps quiet.
    expect(run.stderr).toContain('; 4 suppressed.');
  });

  it('says when the named rule is not enabled for the file, and takes its level from the config file', () => {
    const project = makeProject({
      'pitfall.toml': 'select = ["PIT"]\n[levels]\nunused-suppression = "error"\n',
      'app.py': 'x = 1  # noqa: bare-except\n',
    });
    const run = runCli(['check', '--format', 'json'], { cwd: project });
    expect(JSON.parse(run.stdout)).toEqual([
      expect.objectContaining({
        rule: 'PIT001',
        level: 'error',
        message: 'Unused suppression: `bare-except` (EXC001) is not enabled for this file; remove it from the comment',
      }),
    ]);
  });

  it('counts columns in characters, and SARIF columns in UTF-16 units, like every finding', () => {
    const source = 's = "😀"  # noqa: EXC001\n';
    expect((JSON.parse(lint(source, '--format', 'json').stdout) as JsonFinding[]).map((finding) => finding.column)).toEqual([18]);
    const sarif = JSON.parse(lint(source, '--format', 'sarif').stdout) as { runs: { results: { locations: { physicalLocation: { region: { startColumn: number } } }[] }[] }[] };
    expect(sarif.runs[0]!.results[0]!.locations[0]!.physicalLocation.region.startColumn).toBe(19);
  });
});
