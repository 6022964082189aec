/**
 * Configuration through the real executable: where config files are found,
 * what each key does, how the command line overrides them, which files
 * discovery leaves out (exclude globs, .gitignore layers), every error path,
 * and `--show-settings`.
 */
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { CONFIG_KEYS } from '../src/config/keys.js';
import { makeProject, runCli, type CliRun } from './cli-helpers.js';
import { ROOT } from './helpers.js';

/** Only EXC001 fires here, whatever other rules exist: the handler is bare but does something. */
const BARE = 'try:\n    run()\nexcept:\n    report()\n';
const CLEAN = 'def run():\n    return 1\n';

interface JsonFinding {
  rule: string;
  level: string;
  path: string;
  line: number;
  suppressed?: boolean;
}

function findings(run: CliRun): JsonFinding[] {
  expect(run.stdout, run.stderr).not.toBe('');
  return JSON.parse(run.stdout) as JsonFinding[];
}

/** `path` of each finding of `rule`, sorted as reported. */
function pathsWith(run: CliRun, rule = 'EXC001'): string[] {
  return findings(run).filter((finding) => finding.rule === rule).map((finding) => finding.path);
}

function check(cwd: string, ...args: string[]): CliRun {
  return runCli(['check', '--format', 'json', ...args], { cwd });
}

/** A project in a git repository: `.git/info/exclude` is created, so `.git` exists. */
function repository(files: Record<string, string>, exclude = ''): string {
  return makeProject({ '.git/info/exclude': exclude, '.git/HEAD': 'ref: refs/heads/main\n', ...files });
}

describe('config files: where pitfall finds them', () => {
  it('reads [tool.pitfall] in pyproject.toml, and pitfall.toml / .pitfall.toml with the same keys', () => {
    for (const [name, text] of [
      ['pyproject.toml', '[project]\nname = "app"\n\n[tool.pitfall]\nignore = ["EXC001"]\n'],
      ['pitfall.toml', 'ignore = ["EXC001"]\n'],
      ['.pitfall.toml', 'ignore = ["bare-except"]\n'],
    ] as const) {
      const project = makeProject({ [name]: text, 'app.py': BARE });
      const run = check(project);
      expect(run.code, `${name}: ${run.stderr}`).toBe(0);
      expect(pathsWith(run)).toEqual([]);
    }
  });

  it('uses the nearest config file above each file, alone: settings are not merged with configs further up', () => {
    const project = makeProject({
      'pitfall.toml': 'ignore = ["EXC001"]\nfail-on = "error"\n',
      'app.py': BARE,
      'service/pitfall.toml': 'extend-select = ["PIT001"]\n',
      'service/api.py': BARE,
      'service/deep/er/handler.py': `${BARE}x = 1  # noqa: EXC001\n`,
    });
    const run = check(project);
    expect(pathsWith(run)).toEqual(['service/api.py', 'service/deep/er/handler.py']);
    expect(pathsWith(run, 'PIT001')).toEqual(['service/deep/er/handler.py']);
    // The root's fail-on = "error" does not reach service/: its warnings fail the run.
    expect(run.code).toBe(1);
  });

  it('skips a pyproject.toml without [tool.pitfall] and keeps looking upward', () => {
    const project = makeProject({
      'pitfall.toml': 'ignore = ["EXC001"]\n',
      'lib/pyproject.toml': '[project]\nname = "lib"\n\n[tool.black]\nline-length = 100\n',
      'lib/code.py': BARE,
    });
    expect(pathsWith(check(project))).toEqual([]);
    const shown = runCli(['check', '--show-settings', 'lib/code.py'], { cwd: project });
    expect(shown.stdout).toContain('config file: pitfall.toml\n');
  });

  it('--config uses one file for every file, with its globs relative to its own folder', () => {
    const project = makeProject({
      'pitfall.toml': 'ignore = ["EXC001"]\n',
      'pkg/pitfall.toml': 'ignore = ["EXC001"]\n',
      'pkg/mod.py': BARE,
      'pkg/legacy/old.py': BARE,
      'top.py': BARE,
      'ci/strict.toml': 'select = ["EXC"]\nper-file-ignores = { "/pkg/legacy/" = ["EXC001"], "/legacy/" = ["EXC001"] }\n',
    });
    const run = check(project, '--config', 'ci/strict.toml');
    // `/legacy/` is relative to ci/, so it matches nothing here; pkg/legacy/ stays linted.
    expect(pathsWith(run)).toEqual(['pkg/legacy/old.py', 'pkg/mod.py', 'top.py']);
    const moved = makeProject({ 'strict.toml': 'per-file-ignores = { "/pkg/legacy/" = ["EXC001"] }\n', 'pkg/legacy/old.py': BARE });
    expect(pathsWith(check(moved, '--config', 'strict.toml'))).toEqual([]);
  });

  it('--isolated ignores every config file, even a broken one', () => {
    const project = makeProject({ 'pitfall.toml': 'select = [\n', 'app.py': BARE });
    expect(check(project).code).toBe(2);
    const run = check(project, '--isolated');
    expect(run.code).toBe(1);
    expect(pathsWith(run)).toEqual(['app.py']);
  });

  it('extend pulls in another file: its settings apply first, the extending file overrides, globs stay relative to their file', () => {
    const project = makeProject({
      'base.toml': [
        'select = ["EXC001"]',
        'fail-on = "error"',
        'per-file-ignores = { "/svc/generated/" = ["EXC001"] }',
        '[levels]',
        'bare-except = "note"',
        '',
      ].join('\n'),
      'svc/pitfall.toml': 'extend = "../base.toml"\nextend-select = ["PIT001"]\nfail-on = "note"\n',
      'svc/app.py': `${BARE}y = 2  # noqa: bare-except\n`,
      'svc/generated/out.py': BARE,
    });
    const run = check(project);
    expect(findings(run).map((finding) => `${finding.path}:${finding.rule}:${finding.level}`)).toEqual([
      'svc/app.py:EXC001:note',
      'svc/app.py:PIT001:warning',
    ]);
    expect(run.code).toBe(1);
    const shown = runCli(['check', '--show-settings', 'svc/generated/out.py'], { cwd: project }).stdout;
    expect(shown).toContain('config file: svc/pitfall.toml, extending base.toml');
    expect(shown).toMatch(/select +\["EXC001"\] +# base\.toml:1/);
    expect(shown).toMatch(/fail-on +"note" +# svc\/pitfall\.toml:3/);
    expect(shown).toMatch(/per-file-ignores +"\/svc\/generated\/" = \["EXC001"\] +\(applies to this file\) +# base\.toml:3/);
  });
});

describe('rule selection keys', () => {
  const project = makeProject({ 'app.py': `${BARE}z = 3  # noqa: EXC001\n` });
  const withConfig = (config: string, ...args: string[]) => {
    writeFileSync(join(project, 'pitfall.toml'), config);
    return findings(check(project, ...args)).map((finding) => finding.rule);
  };

  it('select, extend-select, ignore and extend-ignore take ids, names, prefixes and concepts', () => {
    expect(withConfig('select = ["exceptions"]\n')).toEqual(['EXC001']);
    expect(withConfig('select = ["PIT"]\n')).toEqual(['PIT001']);
    expect(withConfig('select = ["EXC001"]\nextend-select = ["unused-suppression"]\n')).toEqual(['EXC001', 'PIT001']);
    expect(withConfig('select = ["ALL"]\nignore = ["EXC"]\n')).toEqual(['PIT001']);
    expect(withConfig('extend-select = ["PIT001"]\nextend-ignore = ["bare-except"]\n')).toEqual(['PIT001']);
  });

  it('command-line options override the file: --select replaces, --ignore and --extend-select adjust', () => {
    expect(withConfig('select = ["PIT001"]\n', '--select', 'EXC001')).toEqual(['EXC001']);
    expect(withConfig('ignore = ["EXC001"]\n', '--select', 'EXC001')).toEqual(['EXC001']);
    expect(withConfig('select = ["EXC001", "PIT001"]\n', '--ignore', 'PIT')).toEqual(['EXC001']);
    expect(withConfig('ignore = ["EXC001"]\n', '--extend-select', 'EXC001,PIT001')).toEqual(['EXC001', 'PIT001']);
    expect(withConfig('select = ["EXC001", "PIT001"]\n', '--extend-ignore', 'EXC001')).toEqual(['PIT001']);
  });
});

describe('per-file-ignores', () => {
  const project = makeProject({
    'pitfall.toml': [
      '[per-file-ignores]',
      '"tests/" = ["EXC001"]',
      '"/scripts/*.py" = ["bare-except"]',
      '"__init__.py" = ["exceptions"]',
      '"!src/**" = ["PIT"]',
      '',
    ].join('\n'),
    'tests/test_app.py': BARE,
    'pkg/tests/test_unit.py': BARE,
    'scripts/run.py': BARE,
    'scripts/nested/deeper.py': BARE,
    'lib/scripts/tool.py': BARE,
    'pkg/__init__.py': BARE,
    'src/app.py': `${BARE}a = 1  # noqa: EXC001\n`,
    'other.py': 'b = 2  # noqa: EXC001\n',
  });

  it('match gitignore-style globs relative to the config file: folders at any depth, anchored paths, names, negation', () => {
    const run = check(project, '--extend-select', 'PIT001');
    expect(pathsWith(run)).toEqual(['lib/scripts/tool.py', 'scripts/nested/deeper.py', 'src/app.py']);
    // `!src/**` turns PIT001 off everywhere except under src/.
    expect(pathsWith(run, 'PIT001')).toEqual(['src/app.py']);
  });

  it('apply to standard input under its --stdin-filename', () => {
    const run = runCli(['check', '-', '--stdin-filename', 'pkg/tests/test_stdin.py', '--format', 'json'], { cwd: project, input: BARE });
    expect(run.code).toBe(0);
    expect(pathsWith(run)).toEqual([]);
    expect(pathsWith(runCli(['check', '-', '--stdin-filename', 'pkg/app.py', '--format', 'json'], { cwd: project, input: BARE }))).toEqual(['pkg/app.py']);
  });

  it('--show-settings says which entries apply to a file', () => {
    const shown = runCli(['check', '--show-settings', 'scripts/run.py'], { cwd: project }).stdout;
    expect(shown).toMatch(/per-file-ignores +"\/scripts\/\*\.py" = \["bare-except"\] +\(applies to this file\) +# pitfall\.toml:3/);
    expect(shown).toMatch(/per-file-ignores +"tests\/" = \["EXC001"\] +\(does not apply\) +# pitfall\.toml:2/);
    expect(shown).not.toMatch(/^rules: .*EXC001/m);
  });
});

describe('discovery: exclude, extend-exclude and .gitignore', () => {
  it('extend-exclude adds to the default folders; exclude replaces them; named paths are always linted', () => {
    const project = makeProject({
      'pitfall.toml': 'extend-exclude = ["generated/", "*_pb2.py"]\n',
      'app.py': BARE,
      'build/out.py': BARE,
      'pkg/generated/models.py': BARE,
      'pkg/api_pb2.py': BARE,
    });
    expect(pathsWith(check(project))).toEqual(['app.py']);
    expect(pathsWith(check(project, 'pkg/api_pb2.py', 'pkg/generated'))).toEqual(['pkg/api_pb2.py', 'pkg/generated/models.py']);
    writeFileSync(join(project, 'pitfall.toml'), 'exclude = ["pkg/"]\n');
    expect(pathsWith(check(project))).toEqual(['app.py', 'build/out.py']);
    expect(pathsWith(check(project, '--exclude', 'app.py,pkg/'))).toEqual(['build/out.py']);
    expect(pathsWith(check(project, '--extend-exclude', 'build'))).toEqual(['app.py']);
  });

  it('respects .gitignore files at every level, with negation, and .git/info/exclude', () => {
    const project = repository(
      {
        '.gitignore': 'generated/\n*_gen.py\n',
        'src/.gitignore': '!keep_gen.py\nscratch.py\n',
        'app.py': BARE,
        'generated/out.py': BARE,
        'src/a_gen.py': BARE,
        'src/keep_gen.py': BARE,
        'src/scratch.py': BARE,
        'scratch.py': BARE,
        'local/notes.py': BARE,
      },
      '# personal\nlocal/\n',
    );
    expect(pathsWith(check(project))).toEqual(['app.py', 'scratch.py', 'src/keep_gen.py']);
    expect(pathsWith(check(project, 'src'))).toEqual(['src/keep_gen.py']);
    // Named explicitly, an ignored file or folder is linted.
    expect(pathsWith(check(project, 'generated', 'src/a_gen.py'))).toEqual(['generated/out.py', 'src/a_gen.py']);
    const shown = runCli(['check', '--show-settings', 'src/scratch.py'], { cwd: project }).stdout;
    expect(shown).toContain('excluded: by "scratch.py" in src/.gitignore');
  });

  it('respect-gitignore = false walks everything; --respect-gitignore and --no-respect-gitignore override the file', () => {
    const files = { '.gitignore': 'ignored/\n', 'app.py': BARE, 'ignored/x.py': BARE };
    const project = repository({ ...files, 'pitfall.toml': 'respect-gitignore = false\n' });
    expect(pathsWith(check(project))).toEqual(['app.py', 'ignored/x.py']);
    expect(pathsWith(check(project, '--respect-gitignore'))).toEqual(['app.py']);
    const defaults = repository(files);
    expect(pathsWith(check(defaults, '--no-respect-gitignore'))).toEqual(['app.py', 'ignored/x.py']);
  });

  it('reads .gitignore only inside a git repository, as git does', () => {
    const project = makeProject({ '.gitignore': 'ignored/\n', 'app.py': BARE, 'ignored/x.py': BARE });
    expect(pathsWith(check(project))).toEqual(['app.py', 'ignored/x.py']);
    const shown = runCli(['check', '--show-settings'], { cwd: project }).stdout;
    expect(shown).toContain('(not in a git repository: no .gitignore is read)');
  });

  it('a nested config file governs exclusion inside its folder', () => {
    const project = makeProject({
      'pitfall.toml': 'extend-exclude = ["fixtures/"]\n',
      'fixtures/a.py': BARE,
      'pkg/pitfall.toml': 'extend-exclude = ["snapshots/"]\n',
      'pkg/fixtures/b.py': BARE,
      'pkg/snapshots/c.py': BARE,
    });
    expect(pathsWith(check(project))).toEqual(['pkg/fixtures/b.py']);
  });
});

describe('fail-on, levels and target-version', () => {
  it('levels change a rule\'s level; fail-on in the file sets the failing level; --fail-on overrides it', () => {
    const project = makeProject({ 'app.py': BARE, 'pitfall.toml': 'fail-on = "error"\n' });
    expect(check(project).code).toBe(0);
    expect(check(project, '--fail-on', 'warning').code).toBe(1);
    writeFileSync(join(project, 'pitfall.toml'), 'fail-on = "error"\n[levels]\nEXC001 = "error"\n');
    const run = check(project);
    expect(run.code).toBe(1);
    expect(findings(run).map((finding) => finding.level)).toEqual(['error']);
    const sarif = JSON.parse(runCli(['check', '--format', 'sarif'], { cwd: project }).stdout) as { runs: { results: { level: string }[] }[] };
    expect(sarif.runs[0]!.results.map((result) => result.level)).toEqual(['error']);
  });

  it('stores target-version (default py39) and lets --target-version override it', () => {
    const project = makeProject({ 'app.py': CLEAN, 'pyproject.toml': '[tool.pitfall]\ntarget-version = "py312"\n' });
    expect(check(project).code).toBe(0);
    expect(runCli(['check', '--show-settings', 'app.py'], { cwd: project }).stdout).toMatch(/target-version +"py312" +# pyproject\.toml:2/);
    expect(runCli(['check', '--show-settings', 'app.py', '--target-version', 'py38'], { cwd: project }).stdout).toMatch(
      /target-version +"py38" +# command line \(--target-version\)/,
    );
    expect(runCli(['check', '--show-settings', 'app.py', '--isolated'], { cwd: project }).stdout).toMatch(/target-version +"py39" +# default/);
    const wrong = runCli(['check', '--target-version', 'py27'], { cwd: project });
    expect(wrong.code).toBe(2);
    expect(wrong.stderr).toContain('Invalid values');
  });
});

describe('target-version inferred from requires-python, as ruff does', () => {
  const ALIAS = 'from typing import List\n\n\ndef total(values: List[int]) -> int:\n    return sum(values)\n';
  const shown = (cwd: string, ...args: string[]) => runCli(['check', '--show-settings', 'app.py', ...args], { cwd }).stdout;

  it('reads [project] requires-python of a pyproject.toml without [tool.pitfall], and the rules follow it', () => {
    const project = makeProject({ 'pyproject.toml': '[project]\nname = "app"\nrequires-python = ">=3.8, <4"\n', 'app.py': ALIAS });
    expect(shown(project)).toMatch(/^target-version +"py38" +# requires-python = ">=3\.8, <4" in pyproject\.toml:3$/m);
    // `List` is still needed on 3.8: TYP003 stays quiet; on the default 3.9 it speaks.
    expect(pathsWith(check(project), 'TYP003')).toEqual([]);
    expect(pathsWith(check(project, '--isolated'), 'TYP003')).toEqual(['app.py']);
  });

  it('finds the pyproject.toml beside a pitfall.toml, and an explicit target-version or --target-version wins', () => {
    const project = makeProject({ 'pyproject.toml': '[project]\nrequires-python = "~=3.11"\n', 'pitfall.toml': 'ignore = ["EXC001"]\n', 'app.py': ALIAS });
    expect(shown(project)).toMatch(/^target-version +"py311" +# requires-python = "~=3\.11" in pyproject\.toml:2$/m);
    writeFileSync(join(project, 'pitfall.toml'), 'target-version = "py310"\n');
    expect(shown(project)).toMatch(/^target-version +"py310" +# pitfall\.toml:1$/m);
    expect(shown(project, '--target-version', 'py312')).toMatch(/^target-version +"py312" +# command line/m);
    expect(shown(project, '--isolated')).toMatch(/^target-version +"py39" +# default$/m);
  });

  it('uses the nearest pyproject.toml per folder, clamps old versions to py38, and ignores what it cannot read', () => {
    const project = makeProject({
      'pyproject.toml': '[project]\nrequires-python = ">=3.12"\n',
      'legacy/pyproject.toml': '[project]\nrequires-python = ">=2.7, !=3.0.*"\n',
      'legacy/app.py': ALIAS,
      'poetry/pyproject.toml': '[tool.poetry.dependencies]\npython = "^3.8"\n[project]\nrequires-python = "^3.8"\n',
      'poetry/app.py': ALIAS,
      'app.py': ALIAS,
    });
    expect(shown(project)).toMatch(/^target-version +"py312"/m);
    expect(runCli(['check', '--show-settings', 'legacy/app.py'], { cwd: project }).stdout).toMatch(/^target-version +"py38" +# requires-python = ">=2\.7, !=3\.0\.\*" in legacy\/pyproject\.toml:2$/m);
    expect(runCli(['check', '--show-settings', 'poetry/app.py'], { cwd: project }).stdout).toMatch(/^target-version +"py39" +# default$/m);
    expect(pathsWith(check(project), 'TYP003')).toEqual(['app.py', 'poetry/app.py']);
  });
});

describe('stub files (.pyi)', () => {
  it('run only the rules about annotations, syntax and suppressions: a stub copies its API, it does not run', () => {
    const code = 'from typing import List\n\n\ndef add(list: int, items=[]) -> List[int]: ...  # noqa: MUT001\n\n\ndef f(x: int = None) -> None: ...\n';
    const project = makeProject({ 'lib.py': code, 'lib.pyi': code });
    const run = check(project, '--select', 'ALL');
    const rulesIn = (path: string) => findings(run).filter((finding) => finding.path === path).map((finding) => finding.rule).sort();
    expect(rulesIn('lib.py')).toEqual(['SCO004', 'TYP001', 'TYP002', 'TYP003']);
    // MUT001 does not run on the stub, and PIT001 says so of its `# noqa: MUT001`.
    expect(rulesIn('lib.pyi')).toEqual(['PIT001', 'TYP001', 'TYP002', 'TYP003']);
    expect(findings(run).find((finding) => finding.path === 'lib.pyi' && finding.rule === 'PIT001')).toMatchObject({ line: 4 });
    expect(JSON.stringify(findings(run))).toContain('`MUT001` does not run on stub files (.pyi)');
    expect(runCli(['check', '--show-settings', 'lib.pyi'], { cwd: project }).stdout).not.toMatch(/rules: .*MUT001/);
  });
});

describe('configuration errors: exit 2, the file and line, what was expected', () => {
  function failure(files: Record<string, string>, ...args: string[]): string {
    const project = makeProject({ 'app.py': BARE, ...files });
    const run = runCli(['check', ...args], { cwd: project });
    expect(run.code, run.stderr).toBe(2);
    expect(run.stdout).toBe('');
    expect(run.stderr).toContain('nothing was linted');
    return run.stderr;
  }

  it('invalid TOML', () => {
    expect(failure({ 'pitfall.toml': 'select = ["EXC001"]\nignore = [\n' })).toContain('pitfall: error: pitfall.toml:3: invalid TOML at column 1');
    expect(failure({ 'pyproject.toml': '[tool.pitfall]\nselect = ["EXC001"\n' })).toMatch(/pyproject\.toml:\d+: invalid TOML/);
  });

  it('an unknown key, with the closest valid key', () => {
    const stderr = failure({ 'pyproject.toml': '[tool.pitfall]\nselect = ["EXC"]\nextend_select = ["PIT001"]\n' });
    expect(stderr).toContain("pyproject.toml:3: unknown key 'extend_select' in [tool.pitfall] (did you mean 'extend-select'?)");
    expect(failure({ 'pitfall.toml': '[lint]\nselect = ["EXC"]\n' })).toContain("pitfall.toml:1: unknown key 'lint': pitfall has no [lint] table");
  });

  it('wrong types, each with what was expected', () => {
    const stderr = failure({
      'pitfall.toml': [
        'select = "EXC001"',
        'ignore = ["EXC001", 7]',
        'respect-gitignore = "no"',
        'exclude = "build"',
        'per-file-ignores = ["tests/"]',
        'levels = "error"',
        'extend = 3',
        '',
      ].join('\n'),
    });
    expect(stderr).toContain(`pitfall.toml:1: 'select' must be an array of rule ids, names, prefixes or concepts, not the string "EXC001"`);
    expect(stderr).toContain(`pitfall.toml:2: item 2 of 'ignore' must be a non-empty string (rule ids, names, prefixes or concepts), not the number 7`);
    expect(stderr).toContain(`pitfall.toml:3: 'respect-gitignore' must be true or false, not the string "no"`);
    expect(stderr).toContain(`pitfall.toml:4: 'exclude' must be an array of gitignore-style globs, not the string "build"`);
    expect(stderr).toContain(`pitfall.toml:5: 'per-file-ignores' must be a table of glob = [rules]`);
    expect(stderr).toContain(`pitfall.toml:6: 'levels' must be a table of rule = level`);
    expect(stderr).toContain(`pitfall.toml:7: 'extend' must be a non-empty string (a path to another config file), not the number 3`);
    expect(failure({ 'pyproject.toml': '[tool]\npitfall = "strict"\n' })).toContain('pyproject.toml: [tool.pitfall] must be a table');
  });

  it('unknown rules, with the closest rule, on the line of the item', () => {
    const stderr = failure({
      'pyproject.toml': [
        '[tool.pitfall]',
        'select = [',
        '  "EXC001",',
        '  "bare-excpet",',
        ']',
        '',
        '[tool.pitfall.per-file-ignores]',
        '"tests/**" = ["EXC01"]',
        '',
        '[tool.pitfall.levels]',
        'unused-supression = "error"',
        '',
      ].join('\n'),
    });
    expect(stderr).toContain("pyproject.toml:4: unknown rule selector 'bare-excpet' (did you mean 'bare-except'?) in 'select' in [tool.pitfall]");
    expect(stderr).toContain("pyproject.toml:8: unknown rule selector 'EXC01' (did you mean 'EXC001'?) in 'per-file-ignores.tests/**'");
    expect(stderr).toContain("pyproject.toml:11: unknown rule 'unused-supression' in 'levels' in [tool.pitfall] (did you mean 'unused-suppression'?)");
  });

  it('unknown levels, target versions and fail-on values, with the closest choice', () => {
    const stderr = failure({ 'pitfall.toml': 'target-version = "py3.12"\nfail-on = "warn"\n[levels]\nEXC001 = "fatal"\nbare-except = "note"\n' });
    expect(stderr).toContain(`pitfall.toml:1: 'target-version' must be one of "py38", "py39", "py310", "py311", "py312", "py313", "py314", not "py3.12" (did you mean "py312"?)`);
    expect(stderr).toContain(`pitfall.toml:2: 'fail-on' must be one of "error", "warning", "note", not "warn" (did you mean "warning"?)`);
    expect(stderr).toContain(`pitfall.toml:4: 'levels.EXC001' must be one of "error", "warning", "note", not the string "fatal"`);
    expect(stderr).toContain("pitfall.toml:5: 'levels' sets EXC001 twice, as 'EXC001' and as 'bare-except'");
  });

  it('extend: a missing file, a cycle, a pyproject.toml without [tool.pitfall]', () => {
    expect(failure({ 'pitfall.toml': 'extend = "shared/base.toml"\n' })).toContain(
      'pitfall.toml:1: \'extend\' = "shared/base.toml": cannot read the config file: no such file',
    );
    expect(failure({ 'pitfall.toml': 'extend = "a.toml"\n', 'a.toml': 'extend = "pitfall.toml"\n' })).toContain(
      "a.toml:1: 'extend' = \"pitfall.toml\" makes a cycle: pitfall.toml -> a.toml -> pitfall.toml",
    );
    expect(failure({ 'pitfall.toml': 'extend = "pyproject.toml"\n', 'pyproject.toml': '[project]\nname = "x"\n' })).toContain(
      'pitfall.toml:1: \'extend\' = "pyproject.toml": has no [tool.pitfall] table',
    );
  });

  it('--config: a missing file, a pyproject.toml without [tool.pitfall], together with --isolated', () => {
    expect(failure({}, '--config', 'nope.toml')).toContain('pitfall: error: nope.toml: cannot read the config file: no such file');
    expect(failure({ 'pyproject.toml': '[project]\n' }, '--config', 'pyproject.toml')).toContain('pyproject.toml: has no [tool.pitfall] table');
    const project = makeProject({ 'pitfall.toml': '' });
    const both = runCli(['check', '--config', 'pitfall.toml', '--isolated'], { cwd: project });
    expect(both.code).toBe(2);
    expect(both.stderr).toContain('--config and --isolated contradict each other');
  });

  it('two config files in one folder, instead of silently using one', () => {
    expect(failure({ 'pitfall.toml': 'select = ["EXC"]\n', 'pyproject.toml': '[tool.pitfall]\nignore = ["EXC"]\n' })).toContain(
      'pitfall.toml and pyproject.toml ([tool.pitfall]) are both pitfall config files in the same folder',
    );
  });

  it('a broken config file in a nested folder stops the run before anything is reported', () => {
    const stderr = failure({ 'pkg/sub/pitfall.toml': 'selct = []\n', 'pkg/sub/mod.py': BARE }, '--format', 'json');
    expect(stderr).toContain("pkg/sub/pitfall.toml:1: unknown key 'selct' (did you mean 'select'?)");
  });
});

describe('--show-settings', () => {
  const project = makeProject({
    'pyproject.toml': '[tool.pitfall]\nselect = ["EXC001"]\nfail-on = "warning"\n\n[tool.pitfall.levels]\nEXC001 = "error"\n',
    'src/app.py': BARE,
  });

  it('prints every setting for a file and where it came from: default, a config file and line, or the command line', () => {
    const run = runCli(['check', '--show-settings', 'src/app.py', '--ignore', 'SYN001', '--target-version', 'py311'], { cwd: project });
    expect(run.code).toBe(0);
    expect(run.stderr).toBe('');
    const lines = run.stdout.split('\n');
    expect(lines.slice(0, 2)).toEqual(['Settings for src/app.py', 'config file: pyproject.toml [tool.pitfall]']);
    expect(run.stdout).toMatch(/^select +\["EXC001"\] +# pyproject\.toml:2$/m);
    expect(run.stdout).toMatch(/^ignore +\["SYN001"\] +# command line \(--ignore\)$/m);
    expect(run.stdout).toMatch(/^exclude +\[".git\/", .*\] +# default$/m);
    expect(run.stdout).toMatch(/^respect-gitignore +true .*# default$/m);
    expect(run.stdout).toMatch(/^target-version +"py311" +# command line \(--target-version\)$/m);
    expect(run.stdout).toMatch(/^fail-on +"warning" +# pyproject\.toml:3$/m);
    expect(run.stdout).toMatch(/^levels +EXC001 = "error" +# pyproject\.toml:6$/m);
    expect(run.stdout).toContain('\nrules: EXC001\n');
  });

  it('without a path, shows the settings for the first path given, or the working directory', () => {
    expect(runCli(['check', '--show-settings'], { cwd: project }).stdout.split('\n')[0]).toBe('Settings for files in ./');
    expect(runCli(['check', 'src', '--show-settings'], { cwd: project }).stdout.split('\n')[0]).toBe('Settings for files in src/');
    expect(runCli(['check', '--show-settings', '--isolated'], { cwd: project }).stdout).toContain('config file: none (--isolated)');
  });

  it('prints JSON with --format json', () => {
    const run = runCli(['check', '--show-settings', 'src/app.py', '--format', 'json'], { cwd: project });
    const shown = JSON.parse(run.stdout) as { path: string; configFile: string; rules: string[]; settings: { key: string; value: string; source: string }[] };
    expect(shown.path).toBe('src/app.py');
    expect(shown.configFile).toBe('pyproject.toml');
    expect(shown.rules).toEqual(['EXC001', 'SYN001']);
    expect(shown.settings).toContainEqual({ key: 'fail-on', value: '"warning"', source: 'pyproject.toml:3' });
  });
});

// Keeps `mkdirSync` in use for a folder with no files, which makeProject cannot express.
describe('an empty project', () => {
  it('lists the enabled rules in SARIF even with no files and a config file', () => {
    const project = makeProject({ 'pitfall.toml': 'select = ["PIT"]\n' });
    mkdirSync(join(project, 'empty'));
    const sarif = JSON.parse(runCli(['check', 'empty', '--format', 'sarif'], { cwd: project }).stdout) as {
      runs: { tool: { driver: { rules: { id: string }[] } } }[];
    };
    expect(sarif.runs[0]!.tool.driver.rules.map((rule) => rule.id)).toEqual(['PIT001', 'SYN001']);
  });
});

describe('the README', () => {
  it('shows an example config that is valid and uses every key', () => {
    const readme = readFileSync(join(ROOT, 'README.md'), 'utf8');
    const example = /## Configuration[\s\S]*?```toml\n([\s\S]*?)```/.exec(readme)?.[1];
    expect(example).toBeDefined();
    for (const key of CONFIG_KEYS) expect(example, `the README's example config has no '${key}'`).toMatch(new RegExp(`^(# )?${key} = |^\\[tool\\.pitfall\\.${key}\\]$`, 'm'));
    const project = makeProject({ 'pyproject.toml': example!, 'shared/pitfall.toml': '', 'src/app.py': BARE });
    const run = runCli(['check', '--show-settings', 'src/app.py'], { cwd: project });
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    const extended = runCli(['check', '--show-settings'], { cwd: makeProject({ 'pyproject.toml': example!.replace('# extend = "../shared', 'extend = "./shared'), 'shared/pitfall.toml': '' }) });
    expect(extended.stderr).toBe('');
    expect(extended.stdout).toContain(', extending shared/pitfall.toml');
  });
});
