/**
 * The dispatch recorded during the semantic builder's walk is exactly the
 * dispatch `walkTree` delivers: same events, same nodes, same order, for any
 * set of wanted types, in files with syntax errors and directive comments too.
 */
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import Parser from 'tree-sitter';
import Python from 'tree-sitter-python';
import { describe, expect, it } from 'vitest';
import { EventRecorder } from '../../src/engine/recorder.js';
import { walkTree, type WalkHandler } from '../../src/engine/walker.js';
import { buildSemanticModel } from '../../src/semantic/index.js';
import { readRepoFile, ROOT } from '../helpers.js';

const parser = new Parser();
parser.setLanguage(Python as unknown as Parser.Language);

const SNIPPETS: Record<string, string> = {
  keywords: 'f = lambda x: (yield x)\ntype A[T] = list[T]\nasync def g():\n    await h(lambda: 1)\n',
  strings: 'x = f"{a!r:>{w}} {b}" "plain\\n" t"{c}"\ny = b"\\x00"  # noqa: E501\n',
  comments: 'def f(a,  # pitfall: ignore\n      b=[]):  # noqa\n    return (a  # c\n            + b)\n',
  broken: 'def f(:\n    x = (1,\n  y = [\nclass C(\n    pass\nprint "x"\n',
  missing: 'if x\n    y = 1\nfoo(a b)\n',
  imports: 'from . import a as b, c\nfrom .m import *\nimport x.y.z as w\nglobal g\ndel d[0], e\n',
  patterns: 'match p:\n    case Point(x=0, y=[1, *rest]) | {"k": v, **kw} as whole if whole:\n        pass\n',
};

function sources(): [string, string][] {
  const found: [string, string][] = Object.entries(SNIPPETS);
  for (const concept of readdirSync(join(ROOT, 'fixtures'))) {
    for (const file of readdirSync(join(ROOT, 'fixtures', concept))) {
      found.push([file, readRepoFile(join('fixtures', concept, file))]);
    }
  }
  return found;
}

/** Every type name in a tree, named and anonymous, found with a cursor. */
function typesIn(tree: Parser.Tree): Set<string> {
  const types = new Set<string>();
  const cursor = tree.walk();
  for (;;) {
    types.add(cursor.nodeType);
    if (cursor.gotoFirstChild()) continue;
    while (!cursor.gotoNextSibling()) {
      if (!cursor.gotoParent()) return types;
    }
  }
}

function logger(wanted: ReadonlySet<string>, log: string[], comments: boolean): WalkHandler {
  const handler: WalkHandler = {
    visitorsFor: (type) =>
      wanted.has(type)
        ? { enter: (node) => log.push(`>${node.type}@${node.startIndex}`), exit: (node) => log.push(`<${node.type}@${node.endIndex}`) }
        : undefined,
    error: (node) => log.push(`E@${node.startIndex}`),
    missing: (node) => log.push(`M${node.type}@${node.startIndex}`),
  };
  if (comments) handler.comment = (start, end) => log.push(`C${start}-${end}`);
  return handler;
}

/** Comments reach the handler at once, other events on replay: compare each stream in its own order. */
function split(log: readonly string[]): [string[], string[]] {
  return [log.filter((event) => !event.startsWith('C')), log.filter((event) => event.startsWith('C'))];
}

function compare(source: string, tree: Parser.Tree, wanted: ReadonlySet<string>, comments: boolean): void {
  const expected: string[] = [];
  walkTree(tree, logger(wanted, expected, comments));
  const actual: string[] = [];
  const recorder = new EventRecorder(tree, logger(wanted, actual, comments), wanted);
  buildSemanticModel(tree, source, recorder);
  recorder.replay();
  expect(split(actual)).toEqual(split(expected));
}

describe('dispatch recorded during the semantic walk', () => {
  for (const [name, source] of sources()) {
    it(`matches walkTree on ${name}, for each type alone and for the rules' set`, () => {
      const tree = parser.parse(source);
      const sets: Set<string>[] = [
        new Set(['except_clause', 'default_parameter', 'typed_default_parameter', 'lambda', 'function_definition']),
        new Set(['identifier', 'comment', '(']),
        ...[...typesIn(tree)].map((type) => new Set([type])),
      ];
      for (const wanted of sets) {
        compare(source, tree, wanted, false);
        compare(source, tree, wanted, true);
      }
    });
  }

  it('records a file nested 100,000 levels deep without recursion', () => {
    const depth = 100_000;
    const source = `value = ${'('.repeat(depth)}seed${')'.repeat(depth)}\n`;
    compare(source, parser.parse(source), new Set(['identifier', 'parenthesized_expression']), false);
  });
});
