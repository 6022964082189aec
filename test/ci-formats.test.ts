import { join } from 'node:path';
import { SaxesParser } from 'saxes';
import { describe, expect, it } from 'vitest';
import type { Finding, Level, Problem } from '../src/core/types.js';
import { formatGithub } from '../src/reporters/github.js';
import { formatGitlab } from '../src/reporters/gitlab.js';
import { formatJunit } from '../src/reporters/junit.js';
import { ciPath, repoRelativePath } from '../src/reporters/repo-path.js';
import type { RunReport } from '../src/reporters/report.js';
import { makeProject, runCli } from './cli-helpers.js';
import { expectGolden } from './golden.js';

// A small repository: several rules in two files, multi-line findings, non-ASCII
// lines (one with a character outside the BMP), a suppressed finding, a clean file
// and a file that cannot be read as Python. The `.git` folder fixes the repository
// root, so no output depends on the temporary folder's path.
const APP = `import time


def greet(name, seen={}, emoji="😀"):
    seen[name] = True
    return f"{emoji} {name}"


class Point:
    def __eq__(self, other):
        return True


async def fetch():
    time.sleep(1)


def load(path):
    try:
        return open(path).read()
    except:
        pass


def quiet(path):
    try:
        return path.read_text()
    except:  # noqa: EXC001 plugins may raise anything
        return None


squares = []
for n in range(10):
    squares.append(n * n)
`;

const UTIL = `def report(rows):
    [
        print(row)
        for row in rows
    ]
    total = sum([
        row.size for row in rows
    ])
    return total


def first(rows):
    try:
        return rows[0]
    except:
        return None


def second(rows):
    try:
        return rows[1]
    except:
        return None
`;

const SAMPLE = {
  '.git/HEAD': 'ref: refs/heads/main\n',
  'pkg/__init__.py': '',
  'pkg/app.py': APP,
  'pkg/util.py': UTIL,
  'pkg/emoji.py': 's = ["😀é", )]\n',
  'blob.py': Buffer.from([0, 1, 2]),
  'clean.py': 'x = 1\n',
};

const CLEAN = { '.git/HEAD': 'ref: refs/heads/main\n', 'ok.py': 'x = 1\n' };

const BARE_EXCEPT = 'try:\n    run()\nexcept:\n    log()\n';

describe('the CI formats on a sample repository', () => {
  const project = makeProject(SAMPLE);

  it.each([
    ['github', 'github/sample.txt'],
    ['gitlab', 'gitlab/sample.json'],
    ['junit', 'junit/sample.xml'],
  ])('--format %s matches its golden file, with the summary and problems on stderr', (format, golden) => {
    const run = runCli(['check', '--format', format], { cwd: project });
    expect(run.code).toBe(2);
    expectGolden(golden, run.stdout);
    expect(run.stderr).toContain('pitfall: error: blob.py: ');
    expect(run.stderr).toContain('Found 12 problems (3 errors, 7 warnings, 2 notes) in 3 of 6 files; 1 suppressed.\n');
  });

  it('--statistics prints a count per rule instead of the findings, and still fails the run', () => {
    const text = runCli(['check', 'pkg', '--statistics'], { cwd: project });
    expect(text.code).toBe(1);
    expectGolden('statistics/sample.txt', text.stdout);
    const json = runCli(['check', 'pkg', '--statistics', '--format', 'json'], { cwd: project });
    expect(json.code).toBe(1);
    expectGolden('statistics/sample.json', json.stdout);
    const exitZero = runCli(['check', 'pkg', '--statistics', '--exit-zero', '--quiet'], { cwd: project });
    expect(exitZero.code).toBe(0);
    expect(exitZero.stdout).not.toContain('Found');
  });

  it('--statistics with --show-suppressed counts the suppressed findings apart', () => {
    const json = JSON.parse(runCli(['check', 'pkg', '--statistics', '--format', 'json', '--show-suppressed'], { cwd: project }).stdout) as { rule: string; count: number; suppressed: number }[];
    expect(json.find((row) => row.rule === 'EXC001')).toMatchObject({ count: 3, suppressed: 1 });
    expect(json.find((row) => row.rule === 'MUT001')).toMatchObject({ count: 1, suppressed: 0 });
    const text = runCli(['check', 'pkg', '--statistics', '--show-suppressed'], { cwd: project }).stdout;
    expect(text).toMatch(/^3 {2}EXC001 {2}bare-except +warning {2}1 suppressed$/m);
  });

  it('--statistics is refused with the other formats, before anything is linted', () => {
    for (const format of ['sarif', 'github', 'gitlab', 'junit']) {
      const run = runCli(['check', '--statistics', '--format', format], { cwd: project });
      expect(run.code).toBe(2);
      expect(run.stdout).toBe('');
      expect(run.stderr).toBe(`pitfall: error: --statistics prints a count per rule as text or json, not as ${format}; drop one of the two options\n`);
    }
  });

  it('names files relative to the repository root when run from a subfolder', () => {
    const cwd = join(project, 'pkg');
    const github = runCli(['check', 'util.py', '--format', 'github'], { cwd }).stdout;
    expect(github.split('\n')[0]).toMatch(/^::warning file=pkg\/util\.py,line=2,endLine=5,title=/);
    const gitlab = JSON.parse(runCli(['check', 'util.py', '--format', 'gitlab'], { cwd }).stdout) as { location: { path: string } }[];
    expect(new Set(gitlab.map((issue) => issue.location.path))).toEqual(new Set(['pkg/util.py']));
    const junit = parseXml(runCli(['check', 'util.py', '--format', 'junit'], { cwd }).stdout);
    expect(new Set(junit.filter((element) => element.name === 'testcase').map((element) => element.attributes.file))).toEqual(new Set(['pkg/util.py']));
  });

  it('github leaves columns out of multi-line ranges, where the runner would drop them', () => {
    const lines = runCli(['check', 'pkg/util.py', '--format', 'github'], { cwd: project }).stdout.trimEnd().split('\n');
    const multiLine = lines.map(parseWorkflowCommand).filter((command) => command!.properties.line !== command!.properties.endLine);
    expect(multiLine).toHaveLength(2);
    for (const command of multiLine) expect(Object.keys(command!.properties)).toEqual(['file', 'line', 'endLine', 'title']);
  });

  it('--show-suppressed lists suppressed findings as notices and info, never as failures', () => {
    const github = runCli(['check', 'pkg/app.py', '--format', 'github', '--show-suppressed'], { cwd: project }).stdout;
    expect(github).toContain('::notice file=pkg/app.py,line=28,endLine=28,col=5,endColumn=12,title=pitfall EXC001 (bare-except%2C suppressed)::');
    const gitlab = JSON.parse(runCli(['check', 'pkg/app.py', '--format', 'gitlab', '--show-suppressed'], { cwd: project }).stdout) as { description: string; severity: string; location: { lines: { begin: number } } }[];
    expect(gitlab.find((issue) => issue.location.lines.begin === 28)).toMatchObject({ severity: 'info', description: expect.stringMatching(/^EXC001: .* \(suppressed\)$/) });
    const junit = parseXml(runCli(['check', 'pkg/util.py', '--format', 'junit', '--show-suppressed'], { cwd: project }).stdout);
    expect(junit.filter((element) => element.name === 'skipped')).toEqual([]);
    const onlySuppressed = makeProject({ '.git/HEAD': '', 'a.py': 'try:\n    run()\nexcept:  # noqa: EXC001\n    log()\n' });
    const skipped = parseXml(runCli(['check', '--format', 'junit', '--show-suppressed'], { cwd: onlySuppressed }).stdout);
    expect(skipped.filter((element) => element.name === 'skipped').map((element) => element.attributes.message)).toEqual(['1 suppressed']);
    expect(skipped.filter((element) => element.name === 'testcase').map((element) => element.attributes.name)).toEqual(['EXC001 bare-except', 'pitfall']);
  });
});

describe('the CI formats on a clean repository', () => {
  const project = makeProject(CLEAN);

  it('print nothing to annotate, an empty Code Quality report, and one passing JUnit test', () => {
    const github = runCli(['check', '--format', 'github'], { cwd: project });
    expect([github.code, github.stdout, github.stderr]).toEqual([0, '', 'No problems found in 1 file.\n']);
    const gitlab = runCli(['check', '--format', 'gitlab'], { cwd: project });
    expect([gitlab.code, gitlab.stdout]).toEqual([0, '[]\n']);
    const junit = runCli(['check', '--format', 'junit'], { cwd: project });
    expect(junit.code).toBe(0);
    expectGolden('junit/clean.xml', junit.stdout);
    expect(runCli(['check', '--statistics'], { cwd: project }).stdout).toBe('No problems found in 1 file.\n');
    expect(runCli(['check', '--statistics', '--format', 'json'], { cwd: project }).stdout).toBe('[]\n');
  });
});

describe('gitlab fingerprints', () => {
  interface Issue {
    fingerprint: string;
    location: { path: string; lines: { begin: number } };
  }
  const issues = (cwd: string) => JSON.parse(runCli(['check', '--format', 'gitlab'], { cwd }).stdout) as Issue[];

  it('are unique per finding, across files, and survive lines added above', () => {
    const twice = `${BARE_EXCEPT}${BARE_EXCEPT}`;
    const before = makeProject({ '.git/HEAD': '', 'a.py': twice, 'b.py': twice });
    const after = makeProject({ '.git/HEAD': '', 'a.py': `import os\n\n\n${twice}`, 'b.py': twice });
    const original = issues(before);
    expect(original).toHaveLength(4);
    expect(new Set(original.map((issue) => issue.fingerprint)).size).toBe(4);
    for (const issue of original) expect(issue.fingerprint).toMatch(/^[0-9a-f]{64}$/);
    const moved = issues(after);
    expect(moved.map((issue) => issue.location.lines.begin)).toEqual([6, 10, 3, 7]);
    expect(moved.map((issue) => issue.fingerprint)).toEqual(original.map((issue) => issue.fingerprint));
  });

  it('do not change with --show-suppressed, and the report has no BOM', () => {
    const project = makeProject({ '.git/HEAD': '', 'a.py': `${BARE_EXCEPT.replace('except:', 'except:  # noqa: EXC001')}${BARE_EXCEPT}${BARE_EXCEPT}` });
    const reported = issues(project).map((issue) => issue.fingerprint);
    expect(reported).toHaveLength(2);
    const shown = JSON.parse(runCli(['check', '--format', 'gitlab', '--show-suppressed'], { cwd: project }).stdout) as Issue[];
    expect(shown.map((issue) => issue.fingerprint)).toHaveLength(3);
    expect(new Set(shown.map((issue) => issue.fingerprint)).size).toBe(3);
    expect(shown.slice(1).map((issue) => issue.fingerprint)).toEqual(reported);
    expect(runCli(['check', '--format', 'gitlab'], { cwd: project }).stdout.charCodeAt(0)).toBe('['.charCodeAt(0));
  });
});

describe('hostile file names and messages', () => {
  // A suppression naming an unknown rule makes PIT001 quote it: `%`, `:` and a fake command reach the message.
  const HOSTILE_LINE = 'x = 1  # pitfall: ignore[100%0A::error::x]\n';
  const names = ['a,b:c%.py', 'new\nline.py', `<&"'>.py`, 'tab\tand%0A.py'];
  const project = makeProject({ '.git/HEAD': '', ...Object.fromEntries(names.map((name) => [name, `${HOSTILE_LINE}${BARE_EXCEPT}`])) });
  const args = ['check', '--extend-select', 'PIT001'];
  const findings = JSON.parse(runCli([...args, '--format', 'json'], { cwd: project }).stdout) as { path: string; message: string; rule: string; name: string }[];

  it('are linted at all (the premise of the tests below)', () => {
    expect(findings).toHaveLength(names.length * 2);
    expect(findings.find((finding) => finding.rule === 'PIT001')!.message).toContain('`100%0A::error::x`');
  });

  it('github: every value comes back intact through the runner’s parsing, one command per line', () => {
    const run = runCli([...args, '--format', 'github'], { cwd: project });
    expectGolden('github/hostile.txt', run.stdout);
    expect(run.stdout).not.toContain('\r');
    const lines = run.stdout.trimEnd().split('\n');
    expect(lines).toHaveLength(findings.length);
    lines.forEach((line, index) => {
      const command = parseWorkflowCommand(line)!;
      const finding = findings[index]!;
      expect(command.command).toBe('warning');
      expect(command.properties.file).toBe(finding.path);
      expect(command.properties.title).toBe(`pitfall ${finding.rule} (${finding.name})`);
      expect(command.data).toBe(finding.message);
    });
  });

  it('gitlab: paths and messages are plain JSON strings', () => {
    const run = runCli([...args, '--format', 'gitlab'], { cwd: project });
    expectGolden('gitlab/hostile.json', run.stdout);
    const issues = JSON.parse(run.stdout) as { description: string; location: { path: string } }[];
    expect(issues.map((issue) => issue.location.path)).toEqual(findings.map((finding) => finding.path));
    expect(issues.map((issue) => issue.description)).toEqual(findings.map((finding) => `${finding.rule}: ${finding.message}`));
  });

  it('junit: the report parses as XML 1.0 and gives back every path and message', () => {
    const run = runCli([...args, '--format', 'junit'], { cwd: project });
    expectGolden('junit/hostile.xml', run.stdout);
    const elements = parseXml(run.stdout);
    const suites = elements.filter((element) => element.name === 'testsuite').map((element) => element.attributes.name);
    expect(suites).toEqual([...names].sort());
    const failures = elements.filter((element) => element.name === 'failure').map((element) => element.text);
    expect(failures.filter((text) => text.includes('100%0A::error::x'))).toHaveLength(names.length);
  });
});

describe('escaping, on messages no rule writes today', () => {
  const message = 'Done 100%, see: a,b\r\nnext line\n::error::injected <tag> & "quotes" \'apos\' ]]> nul\u0000 bell\u0007 emoji😀 %0A%25';
  const report = reportOf([
    findingOf({ path: 'dir:x/a,b%.py', message }),
    findingOf({ path: 'dir:x/a,b%.py', message: 'second', start: 3, end: 5 }),
  ], [{ path: 'bad\n::warning::x.py', kind: 'undecodable', message: 'cannot decode\nline two' }]);

  it('github: one line per annotation, and each value round-trips', () => {
    const out = formatGithub(report);
    expectGolden('github/escaping.txt', out);
    const lines = out.trimEnd().split('\n');
    expect(lines).toHaveLength(3);
    const [first, , problem] = lines.map(parseWorkflowCommand);
    expect(first).toEqual({
      command: 'warning',
      properties: { file: 'dir:x/a,b%.py', line: '2', endLine: '2', col: '5', endColumn: '12', title: 'pitfall EXC001 (bare-except)' },
      data: message,
    });
    expect(problem).toEqual({ command: 'error', properties: { file: 'bad\n::warning::x.py', title: 'pitfall (file not linted)' }, data: 'cannot decode\nline two' });
  });

  it('junit: XML 1.0 characters only, attributes keep their line breaks', () => {
    // A lone surrogate cannot even be written out as UTF-8: only the XML report meets it, and drops it.
    const withSurrogate = { ...report, findings: report.findings.map((finding, index) => (index === 0 ? { ...finding, message: `${message} lone\uD800` } : finding)) };
    const out = formatJunit(withSurrogate);
    expectGolden('junit/escaping.xml', out);
    const elements = parseXml(out);
    const xmlSafe = `${message} lone`.replace(/\u0000|\u0007/g, '');
    const failure = elements.find((element) => element.name === 'failure')!;
    expect(failure.attributes.message).toBe(`2:5 ${xmlSafe} (and 1 more)`);
    expect(failure.text).toBe(`2:5 ${xmlSafe}\n3:1 second`);
    expect(elements.find((element) => element.name === 'error')!.attributes).toEqual({ message: 'cannot decode\nline two', type: 'undecodable' });
  });

  it('gitlab: valid JSON that gives the message back', () => {
    const issues = JSON.parse(formatGitlab(report)) as { description: string; location: { path: string } }[];
    expect(issues[0]).toMatchObject({ description: `EXC001: ${message}`, location: { path: 'dir:x/a,b%.py' } });
  });
});

describe('paths in the CI formats', () => {
  const at = { cwd: '/repo/src', sourceRoot: '/repo' };

  it('are relative to the repository root, without ./, even for names starting with two dots', () => {
    expect(repoRelativePath('pkg/app.py', at)).toBe('src/pkg/app.py');
    expect(repoRelativePath('./app.py', at)).toBe('src/app.py');
    expect(repoRelativePath('../..x.py', at)).toBe('..x.py');
    expect(repoRelativePath('/repo/tools/t.py', at)).toBe('tools/t.py');
  });

  it('are absolute outside the repository, and - for standard input', () => {
    expect(repoRelativePath('../../elsewhere/a.py', at)).toBeUndefined();
    expect(ciPath('../../elsewhere/a.py', at)).toBe('/elsewhere/a.py');
    expect(ciPath('-', at)).toBe('-');
  });
});

/** A workflow command as actions/runner reads it (ActionCommand.TryParseV2 and its unescaping). */
function parseWorkflowCommand(line: string): { command: string; properties: Record<string, string>; data: string } | undefined {
  const text = line.trimStart();
  if (!text.startsWith('::')) return undefined;
  const end = text.indexOf('::', 2);
  if (end < 0) return undefined;
  const info = text.slice(2, end);
  const space = info.indexOf(' ');
  const properties: Record<string, string> = {};
  if (space >= 0) {
    for (const entry of info.slice(space + 1).split(',').filter((part) => part !== '')) {
      const equals = entry.indexOf('=');
      if (equals > 0) properties[entry.slice(0, equals)] = unescape(entry.slice(equals + 1), true);
    }
  }
  return { command: space < 0 ? info : info.slice(0, space), properties, data: unescape(text.slice(end + 2), false) };
}

function unescape(text: string, property: boolean): string {
  let out = text.replace(/%0D/g, '\r').replace(/%0A/g, '\n');
  if (property) out = out.replace(/%3A/g, ':').replace(/%2C/g, ',');
  return out.replace(/%25/g, '%');
}

interface XmlElement {
  readonly name: string;
  readonly attributes: Record<string, string>;
  text: string;
}

/** Parses strictly (saxes throws on anything not well-formed XML 1.0) and lists the elements in document order. */
function parseXml(xml: string): XmlElement[] {
  const parser = new SaxesParser();
  const elements: XmlElement[] = [];
  const open: XmlElement[] = [];
  parser.on('opentag', (tag) => {
    const element = { name: tag.name, attributes: tag.attributes as Record<string, string>, text: '' };
    elements.push(element);
    open.push(element);
  });
  parser.on('text', (text) => {
    if (open.length > 0) open[open.length - 1]!.text += text;
  });
  parser.on('closetag', () => open.pop());
  parser.write(xml).close();
  return elements;
}

function findingOf(options: { path: string; message: string; start?: number; end?: number; level?: Level }): Finding {
  const line = options.start ?? 2;
  const position = (lineNumber: number, column: number) => ({ line: lineNumber, column, utf16Column: column });
  return {
    ruleId: 'EXC001',
    ruleName: 'bare-except',
    concept: 'exceptions',
    level: options.level ?? 'warning',
    message: options.message,
    path: options.path,
    start: position(line, options.start === undefined ? 5 : 1),
    end: position(options.end ?? line, 12),
    lineText: `except:  # ${options.message}`,
  };
}

function reportOf(findings: Finding[], problems: Problem[]): RunReport {
  return { findings, suppressed: [], problems, filesChecked: 2, rules: [], cwd: '/repo', sourceRoot: '/repo', toolVersion: '0.0.0' };
}
