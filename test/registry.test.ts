/** The registry, the rule files, the concepts and the grammar agree with each other. */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import Python from 'tree-sitter-python';
import { describe, expect, it } from 'vitest';
import { CONCEPTS } from '../rules/concepts.js';
import { ALL_RULES } from '../rules/index.js';
import { defineRule, RULE_CATEGORIES, RULE_PRECISIONS } from '../src/core/rule.js';
import { Linter } from '../src/engine/linter.js';
import { ROOT } from './helpers.js';

const NODE_TYPES = new Set((Python as unknown as { nodeTypeInfo: { type: string }[] }).nodeTypeInfo.map((info) => info.type));

describe('rule registry', () => {
  it('is sorted by id, with unique ids and names', () => {
    const ids = ALL_RULES.map((rule) => rule.id);
    expect(ids).toEqual([...ids].sort());
    expect(new Set(ids).size).toBe(ids.length);
    expect(new Set(ALL_RULES.map((rule) => rule.name)).size).toBe(ALL_RULES.length);
  });

  for (const rule of ALL_RULES) {
    describe(`${rule.id} ${rule.name}`, () => {
      it('has a well-formed id and name, in a known concept with the matching prefix', () => {
        expect(rule.id).toMatch(/^[A-Z]{3}\d{3}$/);
        expect(rule.name).toMatch(/^[a-z]+(?:-[a-z0-9]+)+$/);
        const concept = CONCEPTS.find((candidate) => candidate.id === rule.concept);
        expect(concept, `unknown concept ${rule.concept}`).toBeDefined();
        expect(rule.id.slice(0, 3)).toBe(concept!.prefix);
      });

      it('says what kind of harm it does and how often its findings are right', () => {
        expect(RULE_CATEGORIES).toContain(rule.category);
        expect(RULE_PRECISIONS).toContain(rule.precision);
      });

      it('checks stub files only if it is about what annotations, syntax or suppressions say (stubs never run)', () => {
        if (rule.checksStubs) expect(['type-hints', 'syntax', 'suppressions']).toContain(rule.concept);
      });

      it('lives in rules/<concept>/<name>.ts', () => {
        expect(existsSync(join(ROOT, 'rules', rule.concept, `${rule.name}.ts`))).toBe(true);
      });

      it('declares usesSemanticModel exactly when it reads context.semantic', () => {
        // Without the flag the rule still works, but the model then costs a second tree walk.
        const text = readFileSync(join(ROOT, 'rules', rule.concept, `${rule.name}.ts`), 'utf8');
        expect(rule.usesSemanticModel === true).toBe(/\bcontext\.semantic\b/.test(text));
      });

      it('has a one-line message: capital first, code in backticks, no trailing period', () => {
        expect(rule.message).toMatch(/^[A-Z{`]/);
        expect(rule.message).not.toMatch(/[.\s]$/);
        expect(rule.message).not.toContain('\n');
        expect(rule.message.split('`').length % 2, 'unbalanced backticks').toBe(1);
      });

      it('only visits node types the grammar has', () => {
        const visitors = rule.create({ path: 'x.py', source: '', text: () => '', report: () => {} } as never);
        for (const key of Object.keys(visitors)) {
          expect(NODE_TYPES.has(key.replace(/:exit$/, '')), `${key} is not a tree-sitter-python node type`).toBe(true);
        }
      });
    });
  }

  it('has no rule file that is not registered', () => {
    const registered = new Set(ALL_RULES.map((rule) => `${rule.concept}/${rule.name}.ts`));
    for (const concept of CONCEPTS) {
      const folder = join(ROOT, 'rules', concept.id);
      if (!existsSync(folder)) continue;
      for (const file of readdirSync(folder).filter((name) => name.endsWith('.ts'))) {
        expect(registered.has(`${concept.id}/${file}`), `rules/${concept.id}/${file} is not in rules/index.ts`).toBe(true);
      }
    }
  });
});

describe('engine', () => {
  it('contains a crashing rule: a problem for that file, the other rules still report', () => {
    const crashing = defineRule({
      id: 'TST001',
      name: 'always-crashes',
      concept: 'exceptions',
      level: 'error',
      enabledByDefault: true,
      category: 'correctness',
      precision: 'high',
      message: 'Never reported',
      create: () => ({
        except_clause() {
          throw new Error('boom');
        },
      }),
    });
    const linter = new Linter({ rules: [crashing, ...ALL_RULES] });
    const result = linter.lintText('x.py', 'try:\n    a()\nexcept:\n    log()\ntry:\n    b()\nexcept:\n    log()\n');
    expect(result.problems).toEqual([
      { path: 'x.py', kind: 'internal', message: 'internal error in rule TST001 (always-crashes), which was stopped for this file: boom' },
    ]);
    expect(result.findings.map((finding) => `${finding.ruleId}:${finding.start.line}`)).toEqual(['EXC001:3', 'EXC001:7']);
  });

  it('calls exit visitors after the children, enter before, in document order', () => {
    const events: string[] = [];
    const tracer = defineRule({
      id: 'TST002',
      name: 'trace-walk',
      concept: 'exceptions',
      level: 'note',
      enabledByDefault: true,
      category: 'correctness',
      precision: 'high',
      message: 'Never reported',
      create: (context) => ({
        function_definition: (node) => events.push(`enter ${context.text(node.childForFieldName('name')!)}`),
        'function_definition:exit': (node) => events.push(`exit ${context.text(node.childForFieldName('name')!)}`),
        return_statement: () => events.push('return'),
      }),
    });
    new Linter({ rules: [tracer] }).lintText('x.py', 'def a():\n    def b():\n        return 1\n    return 2\ndef c(): return 3\n');
    expect(events).toEqual(['enter a', 'enter b', 'return', 'exit b', 'return', 'exit a', 'enter c', 'return', 'exit c']);
  });

  it('does not run rules inside a region that does not parse', () => {
    const result = new Linter({ rules: ALL_RULES }).lintText('x.py', 'if x\n    try:\n        pass\n    except:\n        pass\n');
    expect(result.findings.map((finding) => `${finding.ruleId}:${finding.start.line}-${finding.end.line}`)).toEqual(['SYN001:2-4']);
  });
});

describe('directive comments', () => {
  it('collects comments that mention noqa or pitfall:, with their lines, and never strings', () => {
    const source = 'x = 1  # noqa: MUT001\ns = "# noqa"\n# an ordinary comment\n\n# pitfall: skip-file\n';
    expect(new Linter({ rules: ALL_RULES }).lintText('x.py', source).directives).toEqual([
      { line: 1, text: '# noqa: MUT001' },
      { line: 5, text: '# pitfall: skip-file' },
    ]);
    expect(new Linter({ rules: ALL_RULES }).lintText('x.py', 'x = 1  # plain\n').directives).toEqual([]);
  });
});

describe('semantic model laziness', () => {
  it('answers through a reference create() kept, resolving names in each file', () => {
    let asked = 0;
    const rule = defineRule({
      id: 'TST003',
      name: 'asks-model-in-calls',
      concept: 'exceptions',
      level: 'note',
      enabledByDefault: true,
      category: 'correctness',
      precision: 'high',
      message: 'Call to `{name}`',
      create(context) {
        const semantic = context.semantic;
        return {
          call(node) {
            asked++;
            const name = semantic.qualifiedName(node.childForFieldName('function'));
            if (name) context.report(node, { name });
          },
        };
      },
    });
    const linter = new Linter({ rules: [rule] });
    expect(linter.lintText('a.py', 'x = 1\n').findings).toEqual([]);
    expect(asked).toBe(0);
    const findings = linter.lintText('b.py', 'import time as t\nt.sleep(1)\nopen("f")\n').findings;
    expect(findings.map((finding) => finding.message)).toEqual(['Call to `time.sleep`', 'Call to `builtins.open`']);
  });
});
