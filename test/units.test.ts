import { describe, expect, it } from 'vitest';
import { ALL_RULES } from '../rules/index.js';
import { LineIndex } from '../src/core/positions.js';
import { decodeSource } from '../src/io/decode.js';
import { neutralise, snippet } from '../src/reporters/terminal-safe.js';
import { selectRules, UnknownSelectorError } from '../src/selection/select-rules.js';
import { shouldColor } from '../src/cli/color.js';
import { lowestPython } from '../src/config/requires-python.js';
import { lintWith } from './helpers.js';

describe('LineIndex', () => {
  it('gives 1-based lines, code-point columns and UTF-16 columns', () => {
    const text = 'a = "😀é"; b\r\nc\rd\n';
    const index = new LineIndex(text);
    expect(index.position(text.indexOf('b'))).toEqual({ line: 1, column: 11, utf16Column: 12 });
    expect(index.position(text.indexOf('c'))).toEqual({ line: 2, column: 1, utf16Column: 1 });
    expect(index.position(text.indexOf('d'))).toEqual({ line: 3, column: 1, utf16Column: 1 });
    expect(index.lineText(1)).toBe('a = "😀é"; b');
    expect(index.lineText(3)).toBe('d');
    expect(index.lineCount).toBe(4);
  });

  it('clamps offsets past the end', () => {
    expect(new LineIndex('x').position(99)).toEqual({ line: 1, column: 2, utf16Column: 2 });
  });
});

describe('decodeSource', () => {
  const decode = (bytes: number[] | string) => decodeSource(typeof bytes === 'string' ? Buffer.from(bytes, 'latin1') : Uint8Array.from(bytes));

  it('decodes UTF-8 and strips a BOM', () => {
    expect(decodeSource(Buffer.from('\ufeffx = "é"\n'))).toEqual({ ok: true, text: 'x = "é"\n' });
  });

  it('refuses invalid UTF-8 with the byte offset', () => {
    const result = decode('x = "\xe9"\n');
    expect(result).toEqual({ ok: false, message: expect.stringContaining('at byte 5') });
  });

  it('honours a coding line on line 1 or 2, not later', () => {
    expect(decode('# -*- coding: latin-1 -*-\nx = "\xe9"\n')).toEqual({ ok: true, text: '# -*- coding: latin-1 -*-\nx = "é"\n' });
    expect(decode('#!/usr/bin/env python\n# vim: set fileencoding=iso-8859-15 :\nx = "\xa4"\n')).toEqual({
      ok: true,
      text: '#!/usr/bin/env python\n# vim: set fileencoding=iso-8859-15 :\nx = "€"\n',
    });
    expect(decode('x = 1\ny = 2\n# coding: latin-1\nz = "\xe9"\n').ok).toBe(false);
    expect(decode('import os\n# coding: latin-1\nz = "\xe9"\n').ok).toBe(false);
  });

  it('refuses NUL bytes, unknown encodings and a BOM that contradicts the declaration', () => {
    expect(decode([0x78, 0x00])).toEqual({ ok: false, message: expect.stringContaining('NUL') });
    expect(decode('# coding: klingon\n')).toEqual({ ok: false, message: expect.stringContaining("'klingon'") });
    expect(decodeSource(Buffer.from('\ufeff# coding: latin-1\n')).ok).toBe(false);
  });
});

describe('terminal safety', () => {
  it('turns control characters and bidi overrides into visible symbols', () => {
    expect(neutralise('a\u001b[31mb\rc\u0007\u202ed\u009b')).toBe('a␛[31mb␍c␇<U+202E>d<U+009B>');
  });

  it('underlines under the right characters with tabs and wide characters before the span', () => {
    const shown = snippet('\tx = "漢字"; y', 12, 13);
    expect(shown.line).toBe('    x = "漢字"; y');
    expect(shown.underlineStart).toBe(16);
    expect(shown.underlineWidth).toBe(1);
  });

  it('trims very long lines around the span', () => {
    const line = `${'a'.repeat(500)}X${'b'.repeat(500)}`;
    const shown = snippet(line, 501, 502);
    expect(shown.line.length).toBeLessThan(200);
    expect(shown.line[shown.underlineStart]).toBe('X');
  });
});

describe('rule selection', () => {
  it('defaults to the rules on by default and always keeps syntax errors', () => {
    const ids = selectRules(ALL_RULES, {}).map((rule) => rule.id);
    expect(ids).toEqual(ALL_RULES.filter((rule) => rule.enabledByDefault).map((rule) => rule.id));
    expect(selectRules(ALL_RULES, { select: ['EXC001'] }).map((rule) => rule.id)).toContain('SYN001');
    expect(selectRules(ALL_RULES, { ignore: ['SYN001'] }).map((rule) => rule.id)).not.toContain('SYN001');
  });

  it('matches ids, prefixes, names, concepts and ALL, case-insensitively', () => {
    for (const selector of ['EXC001', 'exc', 'EXC00', 'bare-except', 'exceptions', 'ALL', 'all']) {
      expect(selectRules(ALL_RULES, { select: [selector] }).map((rule) => rule.id), selector).toContain('EXC001');
    }
  });

  it('rejects unknown selectors with a suggestion', () => {
    expect(() => selectRules(ALL_RULES, { select: ['bare-excpet'] })).toThrow(UnknownSelectorError);
    expect(() => selectRules(ALL_RULES, { select: ['bare-excpet'] })).toThrow("did you mean 'bare-except'");
  });
});

describe('lowestPython (requires-python)', () => {
  it('takes the highest lower bound of a PEP 440 specifier set', () => {
    const cases: [string, readonly [number, number] | undefined][] = [
      ['>=3.8', [3, 8]],
      ['>= 3.10', [3, 10]],
      ['>=3.9,<4', [3, 9]],
      ['<4, >=3.8.1', [3, 8]],
      ['>3.8', [3, 8]],
      ['~=3.11', [3, 11]],
      ['~=3.10.2', [3, 10]],
      ['==3.12.*', [3, 12]],
      ['>=3.7, !=3.8.*, >=3.9', [3, 9]],
      ['>=3.10.0rc1', [3, 10]],
      ['>=2.7, !=3.0.*', [2, 7]],
      ['<3.12', undefined],
      ['', undefined],
      ['^3.8', undefined],
      ['>=3.8; python_version', undefined],
      ['python>=3.8', undefined],
    ];
    for (const [specifier, expected] of cases) expect(lowestPython(specifier), specifier).toEqual(expected);
  });
});

describe('shouldColor', () => {
  it('prefers the flag, then NO_COLOR, then FORCE_COLOR, then the terminal', () => {
    expect(shouldColor(true, { isTTY: false }, { NO_COLOR: '1' })).toBe(true);
    expect(shouldColor(undefined, { isTTY: true }, { NO_COLOR: '1' })).toBe(false);
    expect(shouldColor(undefined, { isTTY: false }, { FORCE_COLOR: '1' })).toBe(true);
    expect(shouldColor(undefined, { isTTY: true }, { FORCE_COLOR: '0' })).toBe(false);
    expect(shouldColor(undefined, { isTTY: true }, {})).toBe(true);
    expect(shouldColor(undefined, {}, {})).toBe(false);
  });
});

describe('walker', () => {
  it('relies on a fact of the grammar: node types numbered below `module` are tokens without children', async () => {
    const { default: Parser } = await import('tree-sitter');
    const { default: Python } = await import('tree-sitter-python');
    const { readRepoFile } = await import('./helpers.js');
    const parser = new Parser();
    parser.setLanguage(Python as never);
    const source = ['fixtures/exceptions/EXC001.py', 'fixtures/mutability/MUT001.py', 'fixtures/syntax/SYN001.py'].map(readRepoFile).join('\n');
    const tree = parser.parse(`${source}\nmatch x:\n    case [a, *b] if a: pass\nasync def f():\n    async with a as b: await c\nprint(f"{x!r:>{w}}")\n`);
    const firstRule = tree.rootNode.typeId;
    const cursor = tree.walk();
    const tokensWithChildren: string[] = [];
    for (;;) {
      const id = cursor.nodeTypeId;
      const type = cursor.nodeType;
      if (cursor.gotoFirstChild()) {
        if (id < firstRule) tokensWithChildren.push(type);
        continue;
      }
      let done = false;
      while (!cursor.gotoNextSibling()) if (!cursor.gotoParent()) { done = true; break; }
      if (done) break;
    }
    expect(tokensWithChildren).toEqual([]);
  });
});

describe('stub files', () => {
  it('run only the rules that check stubs, also when the Linter is used directly', () => {
    const code = 'from typing import List\n\n\ndef add(items=[]) -> List[int]: ...\n';
    const rules = ALL_RULES.filter((rule) => rule.id === 'MUT001' || rule.id === 'TYP003');
    const ids = (path: string) => lintWith(rules, code, path).findings.map((finding) => finding.ruleId).sort();
    expect(ids('lib.py')).toEqual(['MUT001', 'TYP003']);
    expect(ids('lib.pyi')).toEqual(['TYP003']);
  });
});
