/**
 * `npm run new-rule -- <ID> <name> [--level warning] [--off]`
 *
 * Starts a rule the way every rule is laid out: the rule file, a fixture with
 * the annotation format, a lesson section with the fixed headings (appended in
 * id order), and its entry in rules/index.ts. Everything it writes fails the
 * test suite until it is filled in, so a half-written rule cannot slip through.
 */
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { CONCEPTS } from '../rules/concepts.js';
import { packageInfo } from '../src/core/package-info.js';

function fail(message: string): never {
  process.stderr.write(`new-rule: ${message}\n`);
  process.exit(2);
}

const args = process.argv.slice(2);
const levelFlag = args.indexOf('--level');
const level = levelFlag >= 0 ? args.splice(levelFlag, 2)[1] : 'warning';
const offFlag = args.indexOf('--off');
if (offFlag >= 0) args.splice(offFlag, 1);
const [id, name] = args;

if (!id || !/^[A-Z]{3}\d{3}$/.test(id)) fail('usage: npm run new-rule -- <ID like MUT007> <kebab-name> [--level error|warning|note] [--off]');
if (!name || !/^[a-z]+(?:-[a-z0-9]+)+$/.test(name)) fail(`'${name ?? ''}' is not a kebab-case name that names the pitfall`);
if (!['error', 'warning', 'note'].includes(level ?? '')) fail(`level must be error, warning or note, not '${level}'`);
const concept = CONCEPTS.find((candidate) => candidate.prefix === id.slice(0, 3));
if (!concept) fail(`no concept has the prefix ${id.slice(0, 3)} (see rules/concepts.ts)`);

const root = packageInfo().root;
const ruleFile = join(root, 'rules', concept.id, `${name}.ts`);
const fixtureFile = join(root, 'fixtures', concept.id, `${id}.py`);
const lessonFile = join(root, 'rules', concept.id, 'lesson.md');
const indexFile = join(root, 'rules', 'index.ts');
for (const file of [ruleFile, fixtureFile]) if (existsSync(file)) fail(`${file} already exists`);
const index = readFileSync(indexFile, 'utf8');
const lessonText = existsSync(lessonFile) ? readFileSync(lessonFile, 'utf8') : '';
if (new RegExp(`^## ${id} `, 'm').test(lessonText)) {
  fail(`${id} is already in use`);
}

const importName = name.replace(/-([a-z0-9])/g, (_, letter: string) => letter.toUpperCase());

mkdirSync(join(root, 'rules', concept.id), { recursive: true });
writeFileSync(
  ruleFile,
  `import { defineRule } from '../../src/core/rule.js';

export default defineRule({
  id: '${id}',
  name: '${name}',
  concept: '${concept.id}',
  level: '${level}',
  enabledByDefault: ${offFlag < 0},
  // The harm it does: 'correctness', 'performance' or 'maintainability'.
  category: 'correctness',
  // How often a finding is right on real code: start at 'medium'; raise it once a review on real code finds few or no false positives.
  precision: 'medium',
  // Add \`usesSemanticModel: true,\` once the rule reads context.semantic (a registry test checks it).
  // One line: what is wrong here (name the variable or call) and what to do; no trailing period.
  message: 'TODO describe \`{subject}\` and the fix',
  create(_context) {
    return {
      // Visitors keyed by tree-sitter node type; report with _context.report(node, { subject }).
    };
  },
});
`,
);

mkdirSync(join(root, 'fixtures', concept.id), { recursive: true });
writeFileSync(
  fixtureFile,
  `"""${id} ${name}: TODO one line on what it catches."""


# At least five true positives in different shapes, each annotated:
# value = example()  # expect: ${id}


# --- Look-alikes that must stay quiet ---
`,
);

const section = `## ${id} ${name}

TODO: one or two sentences on what the rule catches; the first sentence is its short description everywhere.

### Why it bites

TODO: the concrete failure in real code, and the idea behind it.

### Bad

\`\`\`python
# TODO
\`\`\`

### Good

\`\`\`python
# TODO
\`\`\`
`;
if (lessonText) {
  const lesson = lessonText;
  const later = [...lesson.matchAll(/^## ([A-Z]{3}\d{3}) /gm)].find((match) => match[1]! > id);
  const at = later?.index ?? lesson.length;
  const before = lesson.slice(0, at).replace(/\n*$/, '\n\n');
  writeFileSync(lessonFile, `${before}${section}${later ? `\n${lesson.slice(at)}` : ''}`);
} else {
  writeFileSync(lessonFile, `# TODO concept title\n\nTODO: a few paragraphs on the idea, in our own words.\n\n${section}`);
}

const importLine = `import ${importName} from './${concept.id}/${name}.js';`;
const imports = index.split('\n');
const lastImport = imports.map((line, at) => (line.startsWith('import ') ? at : -1)).filter((at) => at >= 0).pop()!;
imports.splice(lastImport + 1, 0, importLine);
const withImport = imports.join('\n');
const listStart = withImport.indexOf('ALL_RULES: readonly RuleDefinition[] = [');
const entries = [...withImport.slice(listStart).matchAll(/^ {2}(\w+),$/gm)];
const rulesById = new Map<string, string>();
for (const entry of entries) {
  const from = withImport.match(new RegExp(`import ${entry[1]} from '\\./([\\w-]+)/([\\w-]+)\\.js'`));
  if (from) rulesById.set(entry[1]!, readFileSync(join(root, 'rules', from[1]!, `${from[2]}.ts`), 'utf8').match(/id: '([A-Z]{3}\d{3})'/)?.[1] ?? '');
}
rulesById.set(importName, id);
const sorted = [...rulesById.entries()].sort((a, b) => (a[1] < b[1] ? -1 : 1)).map(([variable]) => `  ${variable},`);
const listEnd = withImport.indexOf('];', listStart);
writeFileSync(
  indexFile,
  `${withImport.slice(0, listStart)}ALL_RULES: readonly RuleDefinition[] = [\n${sorted.join('\n')}\n${withImport.slice(listEnd)}`,
);

process.stdout.write(
  [
    `created ${ruleFile.slice(root.length + 1)}`,
    `created ${fixtureFile.slice(root.length + 1)}`,
    `added the ${id} section to ${lessonFile.slice(root.length + 1)}`,
    `registered ${importName} in rules/index.ts`,
    'next: write the visitors, the fixture and the lesson, then `npm run docs` and `npm test`',
    '',
  ].join('\n'),
);
