/**
 * Lessons, rules and docs agree: every rule has a lesson section and every
 * section a rule; sections are in id order; the examples do what they claim
 * when linted; the generated docs are up to date; terminal pages carry no
 * escapes when colour is off.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { CONCEPTS } from '../rules/concepts.js';
import { ALL_RULES } from '../rules/index.js';
import { generateDocs, staleGeneratedFiles } from '../scripts/generate-docs.js';
import {
  LessonFormatError,
  lessonPath,
  parseLesson,
  renderForTerminal,
  ruleDocs,
  type Lesson,
} from '../src/lessons/index.js';
import { lintWith, lintWithDefaultsPlus, ROOT } from './helpers.js';

const ESCAPE = /[\u001b\u009b]/;
const RULES_BY_ID = new Map(ALL_RULES.map((rule) => [rule.id, rule]));
const DEFAULT_RULES = ALL_RULES.filter((rule) => rule.enabledByDefault);

/** Every `rules/<folder>/lesson.md` on disk, parsed where possible, so one broken lesson fails one test. */
const lessonFiles = readdirSync(join(ROOT, 'rules'), { withFileTypes: true })
  .filter((entry) => entry.isDirectory() && existsSync(join(ROOT, 'rules', entry.name, 'lesson.md')))
  .map((entry) => entry.name)
  .sort()
  .map((concept) => {
    const file = lessonPath(concept);
    try {
      return { concept, file, lesson: parseLesson(readFileSync(join(ROOT, file), 'utf8'), concept, file) };
    } catch (error) {
      return { concept, file, error: error instanceof Error ? error.message : String(error) };
    }
  });
const lessons: Lesson[] = lessonFiles.flatMap((entry) => (entry.lesson ? [entry.lesson] : []));
const sections = lessons.flatMap((lesson) => lesson.sections.map((section) => ({ lesson, section })));

describe('lesson files', () => {
  for (const entry of lessonFiles) {
    it(`${entry.file} follows the lesson format`, () => {
      expect(entry.error).toBeUndefined();
    });
    it(`${entry.file} belongs to a concept in rules/concepts.ts`, () => {
      expect(CONCEPTS.map((concept) => concept.id)).toContain(entry.concept);
    });
  }

  for (const lesson of lessons) {
    it(`${lesson.file} has its sections in id order`, () => {
      const ids = lesson.sections.map((section) => section.id);
      expect(ids).toEqual([...ids].sort());
    });
  }
});

describe('every rule has a lesson section', () => {
  for (const rule of ALL_RULES) {
    it(`${rule.id} ${rule.name}`, () => {
      const lesson = lessons.find((candidate) => candidate.concept === rule.concept);
      expect(lesson, `rules/${rule.concept}/lesson.md is missing or does not parse`).toBeDefined();
      const section = lesson!.sections.find((candidate) => candidate.id === rule.id);
      expect(section, `rules/${rule.concept}/lesson.md has no "## ${rule.id} ${rule.name}" section`).toBeDefined();
    });
  }
});

describe('every lesson section names a registered rule', () => {
  for (const { lesson, section } of sections) {
    it(`${lesson.file}: ${section.id} ${section.name}`, () => {
      const rule = RULES_BY_ID.get(section.id);
      expect(rule, `${lesson.file}:${section.line}: ${section.id} is not in ALL_RULES (rules/index.ts)`).toBeDefined();
      expect(section.name, `${lesson.file}:${section.line}: ${section.id}'s name`).toBe(rule!.name);
      expect(rule!.concept, `${lesson.file}:${section.line}: ${section.id} belongs to rules/${rule!.concept}/lesson.md`).toBe(
        lesson.concept,
      );
      const prefix = CONCEPTS.find((concept) => concept.id === lesson.concept)?.prefix;
      expect(section.id.slice(0, 3), `${section.id} in the ${lesson.concept} lesson`).toBe(prefix);
    });
  }
});

describe('rule docs', () => {
  for (const rule of ALL_RULES) {
    it(`${rule.id} has descriptions and a help page GitHub accepts`, () => {
      const docs = ruleDocs(rule);
      expect(docs.shortDescription.trim()).not.toBe('');
      expect(docs.fullDescription.trim()).not.toBe('');
      expect(docs.shortDescription.length).toBeLessThanOrEqual(1024);
      expect(docs.fullDescription.length, `${rule.id}'s summary paragraph is its SARIF fullDescription`).toBeLessThanOrEqual(1024);
      expect(docs.fullDescription.startsWith(docs.shortDescription)).toBe(true);
      expect(docs.helpMarkdown.startsWith(`# ${rule.id} ${rule.name}\n`)).toBe(true);
      expect(docs.helpMarkdown).toContain('## Why it bites');
      expect(docs.helpMarkdown).toContain(`concepts/${rule.concept}.md`);
      expect(docs.helpText.trim()).not.toBe('');
      // Code keeps its own syntax (`**kwargs`, `# comment`); prose lines must not show markdown.
      const prose = docs.helpText.split('\n').filter((line) => !line.startsWith('    ')).join('\n');
      expect(prose).not.toMatch(/^#|\*\*/m);
      expect(docs.docsPath).toBe(`docs/rules/${rule.id}.md`);
    });
  }
});

describe('lesson examples', () => {
  for (const { lesson, section } of sections) {
    const where = `${lesson.file}#${section.id}`;

    it(`${section.id} Bad yields ${section.id} and nothing else`, () => {
      const { findings, problems } = lintWithDefaultsPlus([section.id], `${where}-bad.py`, section.bad);
      expect(problems).toEqual([]);
      const others = findings.filter((finding) => finding.ruleId !== section.id);
      expect(others.map((finding) => `line ${finding.start.line}: ${finding.ruleId} ${finding.message}`)).toEqual([]);
      // Without the rule registered there is nothing to expect; the check above names that failure.
      if (RULES_BY_ID.has(section.id)) expect(findings.length, `the Bad example of ${section.id} yields no finding`).toBeGreaterThan(0);
    });

    it(`${section.id} Good yields nothing from the rules on by default`, () => {
      const { findings, problems } = lintWith(DEFAULT_RULES, section.good, `${where}-good.py`);
      expect(problems).toEqual([]);
      expect(findings.map((finding) => `line ${finding.start.line}: ${finding.ruleId} ${finding.message}`)).toEqual([]);
    });
  }
});

describe('generated docs', () => {
  const generated = generateDocs();

  for (const [path, content] of generated) {
    it(`${path} is up to date`, () => {
      const absolute = join(ROOT, path);
      const committed = existsSync(absolute) ? readFileSync(absolute, 'utf8') : undefined;
      expect(committed === content, `${path} is ${committed === undefined ? 'missing' : 'stale'}: run npm run docs`).toBe(true);
    });
  }

  it('no generated folder holds a page generation no longer produces', () => {
    const stale = staleGeneratedFiles(generated, ROOT);
    expect(stale, `${stale.join(', ')} no longer generated: run npm run docs`).toEqual([]);
  });

  it('generation is deterministic', () => {
    expect([...generateDocs()]).toEqual([...generated]);
  });

  it('every rule has a page and every lesson a concept page', () => {
    for (const rule of ALL_RULES) expect(generated.has(`docs/rules/${rule.id}.md`)).toBe(true);
    for (const lesson of lessons) expect(generated.has(`docs/concepts/${lesson.concept}.md`)).toBe(true);
    expect(generated.has('docs/rules/README.md')).toBe(true);
  });
});

describe('renderForTerminal', () => {
  const sample = [
    '# EXC001 bare-except',
    '',
    '**Concept:** Exceptions · a `code` span, *emphasis* and a [link](https://example.com/x).',
    '',
    '## Bad',
    '',
    '```python',
    '# a comment, not a heading',
    'try:',
    '    run()',
    'except:',
    '    pass',
    '```',
    '',
    '- one item with `inline` code',
    '- another',
    '',
  ].join('\n');
  const pages = [sample, ...ALL_RULES.map((rule) => ruleDocs(rule).helpMarkdown), ...lessons.map((lesson) => lesson.intro)];

  it('writes no escape character without colour', () => {
    for (const page of pages) expect(renderForTerminal(page, false)).not.toMatch(ESCAPE);
    expect(renderForTerminal('a \u001b[31mred\u001b[0m word', false)).not.toMatch(ESCAPE);
  });

  it('colours with colour on', () => {
    expect(renderForTerminal(sample, true)).toMatch(ESCAPE);
  });

  it('leaves no markdown syntax, indents code, keeps code comments', () => {
    const text = renderForTerminal(sample, false);
    expect(text).not.toContain('``');
    expect(text).not.toContain('**');
    expect(text).not.toMatch(/^#/m);
    expect(text).toContain('\n    # a comment, not a heading\n');
    expect(text).toContain('\n    except:\n');
    expect(text.replace(/\s+/g, ' ')).toContain('a `code` span, emphasis and a link (https://example.com/x)');
    expect(text.startsWith('EXC001 bare-except\n\nConcept: Exceptions')).toBe(true);
  });

  it('wraps paragraphs at the width', () => {
    const text = renderForTerminal(`${'word '.repeat(40)}\n`, false, { width: 30 });
    for (const line of text.trimEnd().split('\n')) expect(line.length).toBeLessThanOrEqual(30);
  });
});

describe('parseLesson', () => {
  const valid = [
    '# Things',
    '',
    'The idea, e.g. in `a.b` form. More intro.',
    '',
    '## ABC001 some-rule',
    '',
    'Catches `x.y()` calls, e.g. these. Then more',
    'on a second line.',
    '',
    '### Why it bites',
    '',
    'It fails.',
    '',
    '### Bad',
    '',
    '```python',
    '# not a heading',
    'x.y()',
    '```',
    '',
    '### Good',
    '',
    '```python',
    'z()',
    '```',
    '',
  ].join('\n');
  const parse = (text: string) => () => parseLesson(text, 'things');

  it('reads a well-formed lesson', () => {
    const lesson = parseLesson(valid, 'things');
    expect(lesson.title).toBe('Things');
    expect(lesson.intro).toBe('The idea, e.g. in `a.b` form. More intro.');
    expect(lesson.sections).toHaveLength(1);
    const [section] = lesson.sections;
    expect(section).toMatchObject({
      id: 'ABC001',
      name: 'some-rule',
      summary: 'Catches `x.y()` calls, e.g. these. Then more on a second line.',
      shortDescription: 'Catches `x.y()` calls, e.g. these.',
      bad: '# not a heading\nx.y()\n',
      good: 'z()\n',
      line: 5,
    });
    expect(section!.markdown.startsWith('Catches')).toBe(true);
    expect(section!.markdown.endsWith('z()\n```')).toBe(true);
  });

  it('rejects a lesson without a title', () => {
    expect(parse(valid.replace('# Things\n', ''))).toThrow(/must start with a `# <Concept title>` heading/);
  });

  it('rejects a section without a Good code block', () => {
    expect(parse(valid.replace('```python\nz()\n```', 'Just prose.'))).toThrow(/"### Good" part of ABC001 has no ```python code block/);
  });

  it('rejects an unknown heading', () => {
    expect(parse(valid.replace('### Why it bites', '### Why'))).toThrow(/unknown heading "### Why" in ABC001/);
  });

  it('rejects a missing heading', () => {
    expect(parse(valid.replace(/### Good[\s\S]*$/, ''))).toThrow(/ABC001 has no "### Good" heading/);
  });

  it('rejects headings out of order', () => {
    expect(parse(valid.replace('### Bad', '### Good').replace(/### Good(?![\s\S]*### Good)/, '### Bad'))).toThrow(
      /comes before "### Bad"/,
    );
  });

  it('rejects a malformed section heading and an empty summary', () => {
    expect(parse(valid.replace('## ABC001 some-rule', '## Some rule'))).toThrow(/expected "## <ID> <rule-name>"/);
    expect(parse(valid.replace(/Catches[^]*?second line\.\n/, ''))).toThrow(/must start with a summary paragraph/);
  });

  it('reports the file and line', () => {
    try {
      parseLesson(valid.replace('### Why it bites', '#### Why it bites'), 'things');
      expect.unreachable();
    } catch (error) {
      expect(error).toBeInstanceOf(LessonFormatError);
      expect((error as Error).message).toMatch(/^rules\/things\/lesson\.md:10: /);
    }
  });
});
