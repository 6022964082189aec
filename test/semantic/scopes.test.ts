import { describe, expect, it } from 'vitest';
import { analyse, whereResolved } from './helpers.js';

describe('scopes', () => {
  it('builds the scope tree with kinds and names', () => {
    const { model } = analyse(`
      class Shop:
          def total(self):
              return sum(p for p in self.prices)
      handler = lambda event: event
      async def fetch():
          pass
      def numbers[T](items: list[T]) -> T:
          return items[0]
    `);
    const shape = model.scopes.map((scope) => `${scope.kind}${scope.name ? ` ${scope.name}` : ''}`);
    expect(shape).toEqual([
      'module',
      'class Shop',
      'function total',
      'comprehension',
      'lambda',
      'function fetch',
      'type-parameters',
      'function numbers',
    ]);
    expect(model.scopes[2]!.parent).toBe(model.scopes[1]);
    expect(model.scopes[5]!.isAsync).toBe(true);
    expect(model.scopes[7]!.parent!.kind).toBe('type-parameters');
  });

  it('does not let functions nested in a class see the class scope', () => {
    const { model, name } = analyse(`
      limit = 10
      class Config:
          limit = 5
          retries = limit + 1
          def check(self, value=limit):
              return value < limit
          sizes = [limit for _ in range(3)]
          scaled = [n for n in range(limit)]
    `);
    expect(whereResolved(model, name('limit', 2))).toBe('class Config'); // retries = limit + 1
    expect(whereResolved(model, name('limit', 3))).toBe('class Config'); // default: evaluated in the class body
    expect(whereResolved(model, name('limit', 4))).toBe('module'); // inside the method
    expect(whereResolved(model, name('limit', 5))).toBe('module'); // comprehension element
    expect(whereResolved(model, name('limit', 6))).toBe('class Config'); // first iterable
  });

  it('evaluates only the first iterable of a comprehension in the enclosing scope', () => {
    const { model, name } = analyse(`
      def pairs(rows, x):
          return [(x, y) for x in rows for y in x if y]
    `);
    expect(whereResolved(model, name('rows', 1))).toBe('function pairs');
    expect(whereResolved(model, name('x', 1))).toBe('comprehension'); // (x, y)
    expect(whereResolved(model, name('x', 3))).toBe('comprehension'); // `in x`: the second iterable
    expect(whereResolved(model, name('y', 2))).toBe('comprehension'); // if y
    const comprehension = model.scopes.find((scope) => scope.kind === 'comprehension')!;
    expect([...comprehension.bindings.keys()].sort()).toEqual(['x', 'y']);
    expect(model.scopeOf(name('rows', 1)).kind).toBe('function');
  });

  it('sends `global` and `nonlocal` bindings to the scope they name', () => {
    const { model, name } = analyse(`
      counter = 0
      def bump():
          global counter
          counter += 1
      def outer():
          total = 0
          def add(n):
              nonlocal total
              total += n
              return total
          return add
    `);
    const module = model.module;
    expect(module.bindings.get('counter')!.map((binding) => binding.kind)).toEqual(['assignment', 'augmented']);
    expect(model.scopes.find((scope) => scope.name === 'bump')!.bindings.has('counter')).toBe(false);
    expect(whereResolved(model, name('counter', 2))).toBe('module');
    const outer = model.scopes.find((scope) => scope.name === 'outer')!;
    expect(outer.bindings.get('total')!.map((binding) => binding.kind)).toEqual(['assignment', 'augmented']);
    expect(whereResolved(model, name('total', 3))).toBe('function outer'); // return total
  });

  it('binds the walrus target in the enclosing function, even from a comprehension', () => {
    const { model, name } = analyse(`
      def first_long(words):
          if any(len(last := w) > 5 for w in words):
              return last
    `);
    const fn = model.scopes.find((scope) => scope.name === 'first_long')!;
    expect(fn.bindings.get('last')![0]!.kind).toBe('walrus');
    expect(whereResolved(model, name('last', 1))).toBe('function first_long');
    expect(whereResolved(model, name('w', 1))).toBe('comprehension');
  });

  it('records every way of binding a name', () => {
    const { model } = analyse(`
      import os.path, json as j
      from . import sibling
      from ..pkg import helper as h
      from __future__ import annotations
      a, (b, *c), [d] = data
      e: int = 1
      f: str
      g += 1
      for (i, k) in pairs: pass
      with open(p) as fh, lock as (l1, l2): pass
      try: pass
      except OSError as err: pass
      @decorate
      def fn(pos, /, typed: int = 1, *args, kw_only, kw_default=2, **kwargs): pass
      class Cls(Base): pass
      lam = lambda x, y=1, *r, z, **w: x
      match command:
          case [first, *rest]: pass
          case {"key": value, **extra}: pass
          case Point(x=px, y=0) | Other(py): pass
          case Color.RED: pass
          case captured: pass
          case (1 | 2) as number: pass
      del gone
      type Alias[TT] = list[TT]
    `);
    const kinds = (scopeIndex: number) =>
      Object.fromEntries([...model.scopes[scopeIndex]!.bindings].map(([name, list]) => [name, list.map((b) => b.kind).join(',')]));
    expect(kinds(0)).toEqual({
      os: 'import',
      j: 'import',
      sibling: 'from-import',
      h: 'from-import',
      annotations: 'from-import',
      a: 'assignment',
      b: 'assignment',
      c: 'assignment',
      d: 'assignment',
      e: 'annotated',
      f: 'annotation',
      g: 'augmented',
      i: 'for',
      k: 'for',
      fh: 'with',
      l1: 'with',
      l2: 'with',
      err: 'except',
      fn: 'function',
      Cls: 'class',
      lam: 'assignment',
      first: 'match',
      rest: 'match',
      value: 'match',
      extra: 'match',
      px: 'match',
      py: 'match',
      captured: 'match',
      number: 'match',
      gone: 'delete',
      Alias: 'type-alias',
    });
    const fn = model.scopes.find((scope) => scope.name === 'fn')!;
    expect([...fn.bindings.keys()]).toEqual(['pos', 'typed', 'args', 'kw_only', 'kw_default', 'kwargs']);
    const lambda = model.scopes.find((scope) => scope.kind === 'lambda')!;
    expect([...lambda.bindings.keys()]).toEqual(['x', 'y', 'r', 'z', 'w']);
    const alias = model.scopes.find((scope) => scope.kind === 'type-parameters')!;
    expect([...alias.bindings.keys()]).toEqual(['TT']);
    const bindings = model.module.bindings;
    expect(bindings.get('os')![0]!.importedModule).toBe('os.path');
    expect(bindings.get('h')![0]!.importedName).toBe('..pkg.helper');
    expect(bindings.get('sibling')![0]!.importedName).toBe('.sibling');
    expect(bindings.get('Cls')![0]!.definedScope!.kind).toBe('class');
  });

  it('reads the names a pattern compares against, and does not bind keywords of class patterns', () => {
    const { model, name } = analyse(`
      match shape:
          case Point(x=0, y=yy) if yy > limit:
              pass
          case Color.RED:
              pass
    `);
    expect(whereResolved(model, name('Point'))).toBe('unresolved');
    expect(model.module.bindings.has('x')).toBe(false);
    expect(whereResolved(model, name('yy', 1))).toBe('module');
    expect(whereResolved(model, name('Color'))).toBe('unresolved');
    expect(model.module.bindings.has('Color')).toBe(false);
  });

  it('makes a name local to a function by `del` alone', () => {
    const { model, name } = analyse(`
      cache = {}
      def reset():
          print(cache)
          del cache
    `);
    expect(whereResolved(model, name('cache', 1))).toBe('function reset');
    expect(model.referenceAt(name('cache', 2))!.kind).toBe('delete');
    expect(model.bindingAt(name('cache', 2))!.kind).toBe('delete');
  });

  it('marks generators by a yield in their own body only', () => {
    const { model, node } = analyse(`
      def plain():
          def inner():
              yield 1
          return [x for x in inner()]
      def gen():
          yield from range(3)
      noisy = lambda: (yield)
    `);
    expect(model.isGenerator(node('def plain', 0, 'function_definition'))).toBe(false);
    expect(model.isGenerator(node('def inner', 0, 'function_definition'))).toBe(true);
    expect(model.isGenerator(node('def gen', 0, 'function_definition'))).toBe(true);
    expect(model.isGenerator(node('lambda', 0, 'lambda'))).toBe(true);
  });

  it('reads names inside f-strings but not inside plain strings', () => {
    const { model } = analyse(`
      label = f"{user!r:>{width}} {{literal}}"
      plain = "{not_a_name}"
      raw = rb"{also_not}"
    `);
    const reads = model.module.references.filter((ref) => ref.kind === 'read').map((ref) => ref.name);
    expect(reads).toEqual(['user', 'width']);
  });

  it('skips regions the parser could not read', () => {
    const { model } = analyse(`
      ok = 1
      def broken(:
          hidden = 2
      after = ok
    `);
    expect(model.module.bindings.has('ok')).toBe(true);
    expect(model.module.bindings.has('after')).toBe(true);
  });
});
