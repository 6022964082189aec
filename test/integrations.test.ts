import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { makeProject } from './cli-helpers.js';
import { ROOT } from './helpers.js';

interface ActionStep {
  name: string;
  id?: string;
  if?: string;
  uses?: string;
  shell?: string;
  run?: string;
  env?: Record<string, string>;
  with?: Record<string, string>;
}

interface Action {
  name: string;
  description: string;
  inputs: Record<string, { description: string; required?: boolean; default?: string }>;
  outputs: Record<string, { description: string; value: string }>;
  runs: { using: string; steps: ActionStep[] };
}

const action = parse(readFileSync(join(ROOT, 'action.yml'), 'utf8')) as Action;
const readme = readFileSync(join(ROOT, 'README.md'), 'utf8');
const packageJson = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { version: string; homepage: string; bin: Record<string, string> };

describe('action.yml', () => {
  const lint = action.runs.steps.find((step) => step.id === 'lint')!;

  it('is a composite action whose inputs are all documented and used', () => {
    expect(action.runs.using).toBe('composite');
    expect(Object.keys(action.inputs)).toEqual(['paths', 'args', 'category', 'sarif-file', 'upload', 'annotations', 'node-version']);
    const text = JSON.stringify(action.runs.steps);
    for (const [name, input] of Object.entries(action.inputs)) {
      expect(input.description.length, name).toBeGreaterThan(20);
      expect(text, `input ${name} is never used`).toContain(`inputs.${name}`);
      expect(readme, `README does not document input ${name}`).toContain(`| \`${name}\` |`);
    }
    const referenced = [...text.matchAll(/inputs\.([\w-]+)/g)].map((match) => match[1]);
    for (const name of referenced) expect(action.inputs, `undeclared input ${name}`).toHaveProperty([name!]);
  });

  it('passes inputs to scripts through the environment only, so no input can inject shell code', () => {
    for (const step of action.runs.steps.filter((each) => each.run !== undefined)) {
      expect(step.shell, step.name).toBe('bash');
      expect(step.run, step.name).not.toContain('${{');
    }
  });

  it('uploads with codeql-action only when a report was written, then fails with pitfall\'s code', () => {
    const names = action.runs.steps.map((step) => step.name);
    const upload = action.runs.steps.find((step) => step.uses?.startsWith('github/codeql-action/upload-sarif@'))!;
    expect(upload.uses).toBe('github/codeql-action/upload-sarif@v3');
    expect(upload.if).toBe("inputs.upload == 'true' && steps.lint.outputs.sarif-file != ''");
    expect(upload.with).toEqual({ sarif_file: '${{ steps.lint.outputs.sarif-file }}' });
    const fail = action.runs.steps.at(-1)!;
    expect(names.indexOf(upload.name)).toBeLessThan(names.indexOf(fail.name));
    expect(fail.if).toBe("steps.lint.outputs.exit-code != '0'");
  });

  // The lint step's script, run for real with bash against the built CLI, as the runner would.
  function runLintStep(project: string, inputs: Record<string, string>) {
    const outputFile = join(project, '.github-output');
    writeFileSync(outputFile, '');
    const env: Record<string, string> = { PATH: process.env.PATH ?? '', GITHUB_ACTION_PATH: ROOT, GITHUB_OUTPUT: outputFile };
    for (const [key, value] of Object.entries(lint.env!)) {
      const input = /^\$\{\{ inputs\.([\w-]+) \}\}$/.exec(value)![1]!;
      env[key] = inputs[input] ?? action.inputs[input]!.default ?? '';
    }
    const result = spawnSync('bash', ['--noprofile', '--norc', '-eo', 'pipefail', '-c', lint.run!], { cwd: project, env, encoding: 'utf8' });
    const outputs = Object.fromEntries(readFileSync(outputFile, 'utf8').trim().split('\n').filter(Boolean).map((line) => line.split(/=(.*)/s).slice(0, 2)));
    return { status: result.status, stdout: result.stdout, stderr: result.stderr, outputs };
  }

  it('writes the SARIF and records exit code 1 without failing the step when there are findings', () => {
    const project = makeProject({ '.git/HEAD': '', 'src/app.py': 'try:\n    run()\nexcept:\n    log()\n', 'src/ok.py': 'x = 1\n', 'other/skip.py': 'except\n' });
    writeFileSync(join(project, 'pitfall.sarif'), 'stale');
    const run = runLintStep(project, { paths: 'src', annotations: 'true' });
    expect(run.status).toBe(0);
    expect(run.outputs).toEqual({ 'exit-code': '1', 'sarif-file': 'pitfall.sarif' });
    const log = JSON.parse(readFileSync(join(project, 'pitfall.sarif'), 'utf8')) as { runs: { results: { ruleId: string }[] }[] };
    expect(log.runs[0]!.results.map((result) => result.ruleId)).toEqual(['EXC001']);
    expect(run.stdout).toMatch(/^::warning file=src\/app\.py,line=3,endLine=3,col=1,endColumn=8,title=pitfall EXC001 \(bare-except\)::/);
  });

  it('splits paths and args on white space without globbing, and --exit-zero in args gives 0', () => {
    const project = makeProject({ '.git/HEAD': '', 'a.py': 'def f(x=[]):\n    return x\n', 'b.py': 'try:\n    run()\nexcept:\n    log()\n', '*.py': 'x = 1\n' });
    const run = runLintStep(project, { paths: 'a.py\n  b.py', args: '--select   EXC001 --exit-zero', 'sarif-file': 'out.sarif' });
    expect(run.outputs['exit-code']).toBe('0');
    const log = JSON.parse(readFileSync(join(project, 'out.sarif'), 'utf8')) as { runs: { results: { locations: { physicalLocation: { artifactLocation: { uri: string } } }[] }[] }[] };
    expect(log.runs[0]!.results.map((result) => result.locations[0]!.physicalLocation.artifactLocation.uri)).toEqual(['b.py']);
    const globbed = runLintStep(project, { paths: '*.py', 'sarif-file': 'glob.sarif' });
    expect(globbed.outputs['exit-code']).toBe('0');
  });

  it('records exit code 2 and no report after a configuration error, so nothing stale is uploaded', () => {
    const project = makeProject({ '.git/HEAD': '', 'pitfall.toml': 'selct = ["EXC"]\n', 'a.py': 'x = 1\n' });
    writeFileSync(join(project, 'pitfall.sarif'), 'stale');
    const run = runLintStep(project, { annotations: 'true' });
    expect(run.status).toBe(0);
    expect(run.outputs).toEqual({ 'exit-code': '2' });
    expect(existsSync(join(project, 'pitfall.sarif'))).toBe(false);
    expect(run.stderr).toContain("unknown key 'selct'");
  });
});

describe('.pre-commit-hooks.yaml', () => {
  const hooks = parse(readFileSync(join(ROOT, '.pre-commit-hooks.yaml'), 'utf8')) as Record<string, unknown>[];

  it('declares the pitfall hook on Python files, run by the package\'s own bin', () => {
    expect(hooks).toHaveLength(1);
    const [hook] = hooks;
    expect(hook).toMatchObject({ id: 'pitfall', name: 'pitfall', entry: 'pitfall check', language: 'node', types_or: ['python', 'pyi'] });
    expect(hook!.pass_filenames ?? true).toBe(true);
    expect(Object.keys(packageJson.bin)).toContain('pitfall');
  });

  it('is shown in the README as the three lines to add, at the current version', () => {
    expect(readme).toContain(`  - repo: ${packageJson.homepage}\n    rev: v${packageJson.version}\n    hooks:\n      - id: pitfall\n`);
    expect(readme).toContain(`uses: pitfall-lint/pitfall@v${packageJson.version}`);
  });
});
