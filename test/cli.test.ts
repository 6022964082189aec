import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, symlinkSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { makeProject, runCli } from './cli-helpers.js';

const BARE_EXCEPT = 'try:\n    run()\nexcept:\n    log()\n';
const CLEAN = 'def run():\n    return 1\n';

describe('pitfall check: exit codes and text output', () => {
  const project = makeProject({ 'clean.py': CLEAN, 'bad.py': BARE_EXCEPT, 'pkg/other.py': BARE_EXCEPT });

  it('exits 0 on clean code and says so', () => {
    const run = runCli(['check', 'clean.py'], { cwd: project });
    expect(run.code).toBe(0);
    expect(run.stdout).toBe('No problems found in 1 file.\n');
    expect(run.stderr).toBe('');
  });

  it('exits 1 with findings, one line each with the source and an underline, and a summary', () => {
    const run = runCli(['check'], { cwd: project });
    expect(run.code).toBe(1);
    expect(run.stdout).toContain('bad.py:3:1: EXC001 Bare `except:` also catches');
    expect(run.stdout).toContain('[bare-except]');
    expect(run.stdout).toContain(' 3 | except:\n   | ^^^^^^^\n');
    expect(run.stdout).toContain('Found 2 problems (2 warnings) in 2 of 3 files.');
    expect(run.stdout.indexOf('bad.py')).toBeLessThan(run.stdout.indexOf('pkg/other.py'));
    expect(run.stdout).not.toContain('\u001b[');
  });

  it('--quiet leaves out the summary', () => {
    const run = runCli(['check', 'bad.py', '--quiet'], { cwd: project });
    expect(run.stdout).not.toContain('Found');
    expect(run.stdout).toContain('EXC001');
  });

  it('--fail-on sets the lowest failing level; --exit-zero never fails on findings', () => {
    expect(runCli(['check', 'bad.py', '--fail-on', 'error'], { cwd: project }).code).toBe(0);
    expect(runCli(['check', 'bad.py', '--fail-on', 'warning'], { cwd: project }).code).toBe(1);
    expect(runCli(['check', 'bad.py', '--exit-zero'], { cwd: project }).code).toBe(0);
  });

  it('--select and --ignore take ids, names and prefixes; unknown ones are a usage error with a suggestion', () => {
    expect(runCli(['check', 'bad.py', '--ignore', 'bare-except'], { cwd: project }).code).toBe(0);
    expect(runCli(['check', 'bad.py', '--ignore', 'EXC'], { cwd: project }).code).toBe(0);
    expect(runCli(['check', 'bad.py', '--select', 'EXC001'], { cwd: project }).code).toBe(1);
    const typo = runCli(['check', 'bad.py', '--select', 'EXC01'], { cwd: project });
    expect(typo.code).toBe(2);
    expect(typo.stderr).toContain("unknown rule selector 'EXC01'");
    expect(typo.stderr).toContain("did you mean 'EXC001'");
  });

  it('colours only when asked or on a terminal, and honours NO_COLOR and FORCE_COLOR', () => {
    expect(runCli(['check', 'bad.py', '--color'], { cwd: project }).stdout).toContain('\u001b[');
    expect(runCli(['check', 'bad.py'], { cwd: project, env: { FORCE_COLOR: '1' } }).stdout).toContain('\u001b[');
    expect(runCli(['check', 'bad.py'], { cwd: project, env: { FORCE_COLOR: '1', NO_COLOR: '1' } }).stdout).not.toContain('\u001b[');
    expect(runCli(['check', 'bad.py', '--no-color'], { cwd: project, env: { FORCE_COLOR: '1' } }).stdout).not.toContain('\u001b[');
  });

  it('rejects unknown options and formats as usage errors', () => {
    const run = runCli(['check', '--frobnicate'], { cwd: project });
    expect(run.code).toBe(2);
    expect(run.stderr).toContain('Unknown argument');
    expect(runCli(['check', '--format', 'xml'], { cwd: project }).code).toBe(2);
    expect(runCli([], { cwd: project }).code).toBe(2);
  });

  it('rejects a single-valued option given twice, but takes repeated list options and flags', () => {
    for (const args of [['--format', 'github', '--format', 'sarif'], ['-o', 'a', '--output', 'b'], ['--jobs', '1', '-j', '2']]) {
      const run = runCli(['check', ...args], { cwd: project });
      expect(run.code, args.join(' ')).toBe(2);
      expect(run.stderr).toMatch(/was given more than once/);
      expect(run.stderr).not.toMatch(/internal error/);
    }
    expect(runCli(['check', '--select', 'MUT', '--select', 'EXC', '-q', '-q'], { cwd: project }).code).not.toBe(2);
  });

  it('prints its version and help', () => {
    const version = runCli(['--version']);
    expect(version.code).toBe(0);
    expect(version.stdout.trim()).toMatch(/^\d+\.\d+\.\d+/);
    const help = runCli(['check', '--help']);
    expect(help.code).toBe(0);
    expect(help.stdout).toContain('--select');
    expect(help.stdout).toContain('Examples:');
  });
});

describe('pitfall check: input', () => {
  it('reads standard input with -, reporting it under --stdin-filename', () => {
    const run = runCli(['check', '-', '--stdin-filename', 'app/main.py'], { input: BARE_EXCEPT });
    expect(run.code).toBe(1);
    expect(run.stdout).toContain('app/main.py:3:1: EXC001');
  });

  it('reports syntax errors as SYN001 and still runs other rules outside them', () => {
    const project = makeProject({ 'broken.py': `def f(:\n    pass\n\n${BARE_EXCEPT}` });
    const run = runCli(['check', '--format', 'json'], { cwd: project });
    expect(run.code).toBe(1);
    const rules = (JSON.parse(run.stdout) as { rule: string }[]).map((finding) => finding.rule);
    expect(rules).toContain('SYN001');
    expect(rules).toContain('EXC001');
  });

  it('survives a 100,000-level nested expression', () => {
    const deep = `x = ${'('.repeat(100_000)}1${')'.repeat(100_000)}\n${BARE_EXCEPT}`;
    const project = makeProject({ 'deep.py': deep });
    const run = runCli(['check', 'deep.py'], { cwd: project });
    expect(run.stderr).toBe('');
    expect(run.code).toBe(1);
    expect(run.stdout).toContain('deep.py:4:1: EXC001');
  });

  it('reports a generated file with 150,000 findings without running out of stack', () => {
    const project = makeProject({ 'generated.py': 'try:\n    pass\nexcept:\n    log()\n'.repeat(150_000) });
    const run = runCli(['check', 'generated.py', '--format', 'json', '--output', 'out.json'], { cwd: project });
    expect(run.stderr).toBe('Found 150000 problems (150000 warnings) in 1 of 1 file.\n');
    expect(run.code).toBe(1);
  });

  it('lints a file that is not Python at all without crashing', () => {
    const project = makeProject({ 'notes.py': '<html><body>{{ not python }}</body></html>\n' });
    const run = runCli(['check', 'notes.py'], { cwd: project });
    expect(run.code).toBe(1);
    expect(run.stdout).toContain('SYN001');
  });

  it('reports binary, undecodable, missing files on stderr with exit 2, and still reports the others', () => {
    const project = makeProject({
      'binary.py': Buffer.from([0x7f, 0x45, 0x4c, 0x46, 0x00, 0x01]),
      'latin.py': Buffer.from('x = "caf\xe9"\n', 'latin1'),
      'bad.py': BARE_EXCEPT,
    });
    const run = runCli(['check', '.', 'missing.py'], { cwd: project });
    expect(run.code).toBe(2);
    expect(run.stderr).toContain('binary.py: contains NUL bytes');
    expect(run.stderr).toContain('latin.py: is not valid UTF-8');
    expect(run.stderr).toContain('missing.py: no such file or directory');
    expect(run.stdout).toContain('bad.py:3:1: EXC001');
  });

  it('honours a PEP 263 coding line and strips a UTF-8 BOM', () => {
    const project = makeProject({
      'latin.py': Buffer.from(`# -*- coding: latin-1 -*-\nname = "caf\xe9"\n${BARE_EXCEPT}`, 'latin1'),
      'bom.py': Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(BARE_EXCEPT)]),
      'unknown.py': Buffer.from('# coding: klingon\nx = 1\n'),
    });
    const run = runCli(['check', '--format', 'json'], { cwd: project });
    expect(run.code).toBe(2);
    expect(run.stderr).toContain("unknown.py: declares encoding 'klingon'");
    const findings = JSON.parse(run.stdout) as { path: string; line: number; column: number }[];
    expect(findings).toContainEqual(expect.objectContaining({ path: 'latin.py', line: 5, column: 1 }));
    expect(findings).toContainEqual(expect.objectContaining({ path: 'bom.py', line: 3, column: 1 }));
  });

  it('counts CRLF and lone CR line breaks', () => {
    const project = makeProject({ 'crlf.py': BARE_EXCEPT.replace(/\n/g, '\r\n'), 'cr.py': BARE_EXCEPT.replace(/\n/g, '\r') });
    const findings = JSON.parse(runCli(['check', '--format', 'json'], { cwd: project }).stdout) as { path: string; line: number }[];
    expect(findings.map((finding) => `${finding.path}:${finding.line}`)).toEqual(['cr.py:3', 'crlf.py:3']);
  });

  it('neutralises control characters from the source before they reach the terminal', () => {
    const project = makeProject({ 'evil.py': 'try:\n    run()\nexcept:  # \u001b[2J\u001b]0;pwned\u0007 \u202e\n    pass\n' });
    const run = runCli(['check', 'evil.py', '--color'], { cwd: project });
    expect(run.stdout).not.toContain('\u001b[2J');
    expect(run.stdout).not.toContain('\u001b]0');
    expect(run.stdout).not.toContain('\u202e');
    expect(run.stdout).toContain('␛[2J');
    expect(run.stdout).toContain('<U+202E>');
  });
});

describe('pitfall check: discovery', () => {
  it('walks directories for .py and .pyi, skips environments and caches, but lints what is named', () => {
    const project = makeProject({
      'src/app.py': BARE_EXCEPT,
      'src/types.pyi': 'def f() -> int: ...\n',
      'src/readme.txt': BARE_EXCEPT,
      '.venv/lib/site.py': BARE_EXCEPT,
      'node_modules/x/y.py': BARE_EXCEPT,
      'build/gen.py': BARE_EXCEPT,
      'src/__pycache__/app.py': BARE_EXCEPT,
      'scripts/tool': BARE_EXCEPT,
      'odd.py/inner.py': BARE_EXCEPT,
    });
    const walked = runCli(['check', '--format', 'json', '--quiet'], { cwd: project });
    const paths = [...new Set((JSON.parse(walked.stdout) as { path: string }[]).map((f) => f.path))];
    expect(paths).toEqual(['odd.py/inner.py', 'src/app.py']);
    const named = runCli(['check', 'build/gen.py', 'scripts/tool', '--format', 'json'], { cwd: project });
    expect((JSON.parse(named.stdout) as { path: string }[]).map((f) => f.path)).toEqual(['build/gen.py', 'scripts/tool']);
  });

  it('does not follow directory links (no loops), follows file links, skips dangling links and FIFOs', () => {
    const project = makeProject({ 'pkg/mod.py': BARE_EXCEPT });
    symlinkSync('..', join(project, 'pkg', 'loop'));
    symlinkSync('mod.py', join(project, 'pkg', 'alias.py'));
    symlinkSync('nowhere.py', join(project, 'pkg', 'dangling.py'));
    execFileSync('mkfifo', [join(project, 'pkg', 'pipe.py')]);
    const run = runCli(['check', '--format', 'json'], { cwd: project });
    expect(run.code).toBe(1);
    expect(run.stderr).toBe('Found 2 problems (2 warnings) in 2 of 2 files.\n');
    const paths = (JSON.parse(run.stdout) as { path: string }[]).map((f) => f.path);
    expect(paths).toEqual(['pkg/alias.py', 'pkg/mod.py']);
    const named = runCli(['check', 'pkg/pipe.py', 'pkg/dangling.py'], { cwd: project });
    expect(named.code).toBe(2);
    expect(named.stderr).toContain('pkg/pipe.py: is not a regular file');
    expect(named.stderr).toContain('pkg/dangling.py: is a symbolic link to a file that does not exist');
  });
});

describe('pitfall check: --output', () => {
  it('writes the report to the file and the summary to stderr', () => {
    const project = makeProject({ 'bad.py': BARE_EXCEPT });
    mkdirSync(join(project, 'reports'));
    const run = runCli(['check', 'bad.py', '--format', 'json', '--output', 'reports/out.json'], { cwd: project });
    expect(run.code).toBe(1);
    expect(run.stdout).toBe('');
    expect(run.stderr).toContain('Found 1 problem (1 warning) in 1 of 1 file.');
    const written = JSON.parse(readFileSync(join(project, 'reports', 'out.json'), 'utf8')) as unknown[];
    expect(written).toHaveLength(1);
    const text = runCli(['check', 'bad.py', '--output', 'reports/out.txt', '--color'], { cwd: project });
    expect(text.stdout).toBe('');
    const report = readFileSync(join(project, 'reports', 'out.txt'), 'utf8');
    expect(report).toContain('bad.py:3:1: EXC001');
    expect(report).not.toContain('\u001b[');
  });

  it('fails with exit 2 when the output cannot be written, leaving nothing behind', () => {
    const project = makeProject({ 'bad.py': BARE_EXCEPT });
    const run = runCli(['check', 'bad.py', '--output', 'no/such/dir/out.json'], { cwd: project });
    expect(run.code).toBe(2);
    expect(run.stderr).toContain('pitfall: error:');
    expect(existsSync(join(project, 'no'))).toBe(false);
  });
});

describe('pitfall check: target version', () => {
  it('reaches the rules from the command line and from configuration', () => {
    const typed = 'from typing import List\n\n\ndef total(values: List[int]) -> int:\n    return sum(values)\n';
    const project = makeProject({ 'app/typed.py': typed, 'legacy/pyproject.toml': '[tool.pitfall]\ntarget-version = "py38"\n', 'legacy/typed.py': typed });
    const rulesIn = (args: string[]) =>
      (JSON.parse(runCli(['check', ...args, '--format', 'json', '--select', 'TYP003'], { cwd: project }).stdout) as { rule: string; path: string }[]).map(
        (finding) => `${finding.path}:${finding.rule}`,
      );
    expect(rulesIn(['app'])).toEqual(['app/typed.py:TYP003']);
    expect(rulesIn(['app', '--target-version', 'py38'])).toEqual([]);
    expect(rulesIn(['legacy'])).toEqual([]);
  });
});
