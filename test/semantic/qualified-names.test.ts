import { describe, expect, it } from 'vitest';
import { analyse } from './helpers.js';

/** The qualified name of the callee of the `occurrence`-th call whose text starts with `text`. */
function callee(code: string, text: string, occurrence = 0): string | undefined {
  const { model, node } = analyse(code);
  const call = node(text, occurrence, 'call');
  return model.qualifiedName(call.childForFieldName('function'));
}

describe('qualified names', () => {
  it('follows import aliases', () => {
    const code = `
      import time as t
      from time import sleep as nap
      from concurrent.futures import ProcessPoolExecutor as P
      import os.path
      import xml.etree.ElementTree as ET
      t.sleep(1)
      nap(1)
      P()
      os.path.join("a")
      ET.parse("f")
      os.getcwd()
    `;
    expect(callee(code, 't.sleep(')).toBe('time.sleep');
    expect(callee(code, 'nap(')).toBe('time.sleep');
    expect(callee(code, 'P()')).toBe('concurrent.futures.ProcessPoolExecutor');
    expect(callee(code, 'os.path.join(')).toBe('os.path.join');
    expect(callee(code, 'ET.parse(')).toBe('xml.etree.ElementTree.parse');
    expect(callee(code, 'os.getcwd(')).toBe('os.getcwd');
  });

  it('names builtins unless they are shadowed', () => {
    const code = `
      open("a")
      def local():
          open = lambda path: path
          return open("b")
      def param(sorted):
          return sorted([])
      def fine():
          return sorted([])
    `;
    expect(callee(code, 'open("a")')).toBe('builtins.open');
    expect(callee(code, 'open("b")')).toBeUndefined();
    expect(callee(code, 'sorted([])', 0)).toBeUndefined();
    expect(callee(code, 'sorted([])', 1)).toBe('builtins.sorted');
  });

  it('is broken by a local def or assignment of the name', () => {
    const code = `
      from time import sleep
      def sleep(seconds):
          pass
      sleep(1)
    `;
    expect(callee(code, 'sleep(1)')).toBeUndefined();
    const local = `
      import time
      def run():
          time = FakeClock()
          time.sleep(1)
    `;
    expect(callee(local, 'time.sleep(')).toBeUndefined();
  });

  it('gives up on a name bound to an import in one branch and to something else in another', () => {
    const code = `
      if fast:
          from ujson import loads
      else:
          loads = None
      loads("{}")
    `;
    expect(callee(code, 'loads("{}")')).toBeUndefined();
  });

  it('counts imports under try/except ImportError and if TYPE_CHECKING', () => {
    const code = `
      from typing import TYPE_CHECKING
      try:
          import numpy as np
      except ImportError:
          np = None
      try:
          from functools import cache
      except ModuleNotFoundError:
          from functools import lru_cache as cache
      if TYPE_CHECKING:
          from collections.abc import Iterator
      np.zeros(3)
      cache(f)
      Iterator(x)
    `;
    expect(callee(code, 'np.zeros(')).toBe('numpy.zeros');
    expect(callee(code, 'cache(f)')).toBe('functools.cache');
    expect(callee(code, 'Iterator(x)')).toBe('collections.abc.Iterator');
    const { model, name } = analyse(code);
    expect(model.bindingAt(name('np', 1))!.inImportFallback).toBe(true);
    expect(model.bindingAt(name('np', 0))!.inImportFallback).toBe(false);
  });

  it('keeps relative imports relative', () => {
    const code = `
      from . import models
      from ..utils import retry as again
      models.load()
      again()
    `;
    expect(callee(code, 'models.load(')).toBe('.models.load');
    expect(callee(code, 'again()')).toBe('..utils.retry');
  });

  it('resolves through enclosing scopes and class bodies', () => {
    const code = `
      import functools as ft
      class Service:
          def run(self):
              return ft.reduce(add, [])
    `;
    expect(callee(code, 'ft.reduce(')).toBe('functools.reduce');
  });

  it('has no qualified name for star-imported or unknown names, or for non-name nodes', () => {
    const code = `
      from os import *
      getcwd()
      obj.method()
      make().attr()
    `;
    expect(callee(code, 'getcwd()')).toBeUndefined();
    expect(callee(code, 'obj.method(')).toBeUndefined();
    expect(callee(code, 'make().attr(')).toBeUndefined();
  });

  it('recognises decorators by qualified name, called or not', () => {
    const { model, node } = analyse(`
      import functools
      import functools as ft
      from functools import wraps, lru_cache
      def decorate(f):
          @wraps(f)
          def wrapper(*args):
              return f(*args)
          return wrapper
      @functools.lru_cache(maxsize=1)
      def one(): pass
      @ft.cache
      def two(): pass
      @lru_cache
      def three(): pass
      def plain(): pass
    `);
    expect(model.isDecoratedWith(node('def wrapper', 0, 'function_definition'), 'functools.wraps')).toBe(true);
    expect(model.isDecoratedWith(node('def one', 0, 'function_definition'), 'functools.lru_cache')).toBe(true);
    expect(model.isDecoratedWith(node('def two', 0, 'function_definition'), 'functools.cache')).toBe(true);
    expect(model.isDecoratedWith(node('def three', 0, 'function_definition'), 'functools.lru_cache')).toBe(true);
    expect(model.isDecoratedWith(node('def three', 0, 'function_definition'), 'functools.cache')).toBe(false);
    expect(model.isDecoratedWith(node('def plain', 0, 'function_definition'), 'functools.cache')).toBe(false);
  });
});
