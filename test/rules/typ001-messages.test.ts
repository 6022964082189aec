/** TYP001 suggests the shortest correct annotation that admits `None`. */
import { describe, expect, it } from 'vitest';
import rule from '../../rules/type-hints/implicit-optional.js';
import { lintWith } from '../helpers.js';

const suggestion = (source: string) => lintWith([rule], source).findings.map((finding) => finding.message.split('; annotate it ')[1])[0];

describe('TYP001 suggestion', () => {
  it('adds None to a Union rather than wrapping it in Optional', () => {
    expect(suggestion('from typing import Union\n\n\ndef f(x: Union[int, str] = None) -> None: ...\n')).toBe('`Union[int, str, None]`');
    expect(suggestion('import typing as t\n\n\ndef f(x: t.Union[int, bytes] = None) -> None: ...\n')).toBe('`t.Union[int, bytes, None]`');
  });

  it('wraps anything else in Optional, or writes X | None from Python 3.10', () => {
    expect(suggestion('def f(x: int = None) -> None: ...\n')).toBe('`Optional[int]`');
    expect(suggestion('from typing import List\n\n\ndef f(x: List[int] = None) -> None: ...\n')).toBe('`Optional[List[int]]`');
  });
});
