import { describe, expect, it } from 'vitest';
import { analyse, whereResolved } from './helpers.js';

describe('name resolution', () => {
  it('follows LEGB through enclosing functions to globals and builtins', () => {
    const { model, name } = analyse(`
      scale = 2
      def outer(values):
          offset = 1
          def inner(v):
              return len(values) + v * scale + offset
          return inner
    `);
    expect(whereResolved(model, name('len'))).toBe('builtin');
    expect(whereResolved(model, name('values', 1))).toBe('function outer');
    expect(whereResolved(model, name('v', 1))).toBe('function inner');
    expect(whereResolved(model, name('scale', 1))).toBe('module');
    expect(whereResolved(model, name('offset', 1))).toBe('function outer');
    expect(model.resolve(name('len'))).toEqual({ kind: 'builtin', name: 'len' });
  });

  it('lets a module-level binding shadow a builtin everywhere, and a local one only locally', () => {
    const { model, name } = analyse(`
      def report(list):
          return list
      def build():
          return list()
      input = "fixed"
      def ask():
          return input
    `);
    expect(whereResolved(model, name('list', 1))).toBe('function report');
    expect(whereResolved(model, name('list', 2))).toBe('builtin');
    expect(whereResolved(model, name('input', 1))).toBe('module');
  });

  it('treats names nobody binds as possibly coming from a star import', () => {
    const { model, name } = analyse(`
      from tkinter import *
      from os.path import join
      window = Tk()
      print(join, window, __name__)
    `);
    const tk = model.resolve(name('Tk'));
    expect(tk?.kind).toBe('star');
    expect(tk?.kind === 'star' && tk.imports.map((imported) => imported.module)).toEqual(['tkinter']);
    expect(whereResolved(model, name('print'))).toBe('builtin');
    expect(whereResolved(model, name('join', 1))).toBe('module');
    expect(whereResolved(model, name('__name__'))).toBe('implicit');
    expect(model.module.starImports).toHaveLength(1);
  });

  it('reports a name bound nowhere as unresolved', () => {
    const { model, name } = analyse(`
      def f():
          return missing
    `);
    expect(whereResolved(model, name('missing'))).toBe('unresolved');
  });

  it('tells reads, writes and deletes apart', () => {
    const { model, name } = analyse(`
      count = 0
      count += 1
      del count
      print(count)
    `);
    expect(model.referenceAt(name('count', 0))!.kind).toBe('write');
    expect(model.referenceAt(name('count', 1))!.kind).toBe('read'); // the read of `count += 1`
    expect(model.bindingAt(name('count', 1))!.kind).toBe('augmented');
    expect(model.referenceAt(name('count', 2))!.kind).toBe('delete');
    expect(model.referenceAt(name('count', 3))!.kind).toBe('read');
    expect(model.module.references.map((ref) => `${ref.kind} ${ref.name}`)).toEqual([
      'write count',
      'read count',
      'write count',
      'delete count',
      'read print',
      'read count',
    ]);
  });

  it('does not treat attribute names or keyword argument names as names', () => {
    const { model, node } = analyse(`
      import os
      os.path.join(sep=os.sep)
    `);
    const reads = model.module.references.filter((ref) => ref.kind === 'read').map((ref) => ref.name);
    expect(reads).toEqual(['os', 'os']);
    expect(model.resolve(node('path'))).toBeUndefined();
  });

  it('lists the reads that may see a binding', () => {
    const { model, name } = analyse(`
      total = 0
      def add(n):
          return total + n
      print(total)
      def other():
          total = 5
          return total
    `);
    const binding = model.bindingAt(name('total', 0))!;
    expect(model.readsOf(binding).map((ref) => ref.startIndex)).toEqual([name('total', 1).startIndex, name('total', 2).startIndex]);
  });

  describe('read before assignment', () => {
    it('flags `x += 1` on a global and reads before the first assignment', () => {
      const { model, name } = analyse(`
        counter = 0
        def bump():
            counter += 1
        def show():
            print(limit)
            limit = 3
        def again():
            value = value + 1
        limit = 10
        value = 0
      `);
      expect(model.isReadBeforeAssignment(model.referenceAt(name('counter', 1))!)).toBe(true);
      expect(model.isReadBeforeAssignment(model.referenceAt(name('limit', 0))!)).toBe(true);
      expect(model.isReadBeforeAssignment(model.referenceAt(name('value', 1))!)).toBe(true);
    });

    it('does not flag reads after an assignment, globals, parameters or names of outer scopes', () => {
      const { model, name } = analyse(`
        counter = 0
        def ok(step):
            total = step
            total += 1
            return total
        def declared():
            global counter
            counter += 1
        def closure():
            return counter
        def loops(items):
            for item in items:
                print(item)
            with open(items) as handle:
                handle.read()
      `);
      const check = (ident: string, occurrence: number) =>
        model.isReadBeforeAssignment(model.referenceAt(name(ident, occurrence))!);
      expect(check('step', 1)).toBe(false);
      expect(check('total', 1)).toBe(false); // total += 1
      expect(check('total', 2)).toBe(false);
      expect(check('counter', 2)).toBe(false); // global counter; counter += 1
      expect(check('counter', 3)).toBe(false);
      expect(check('item', 1)).toBe(false);
      expect(check('handle', 1)).toBe(false);
    });
  });

  it('resolves a name read in a decorator, default or annotation in the enclosing scope', () => {
    const { model, name } = analyse(`
      default = 1
      def outer():
          default = 2
          @wrap(default)
          def inner(x: default = default) -> default:
              return default
          return inner
    `);
    for (const occurrence of [2, 3, 4, 5]) {
      expect(whereResolved(model, name('default', occurrence))).toBe('function outer');
    }
    expect(whereResolved(model, name('default', 6))).toBe('function outer'); // the body sees outer's local too
    expect(model.scopeOf(name('default', 3)).name).toBe('outer');
  });
});
