import { describe, expect, it } from 'vitest';
import { analyse } from './helpers.js';

describe('queries', () => {
  const code = `
    import functools
    from dataclasses import dataclass
    if ready:
        def conditional(): pass
    else:
        def conditional(flag=True): pass
    @dataclass(frozen=True)
    class Point(Base, metaclass=Meta):
        x: int
        y: int = 0
        count += 1
        def norm(self):
            for axis in (self.x, self.y):
                while axis:
                    total = [abs(v) for v in values]
            return lambda: self.x
        @functools.cache
        async def fetch(self):
            yield self.x
    def helper():
        class Local:
            def method(self): pass
        return Local
  `;

  it('finds the enclosing function, class and loops of a node', () => {
    const { model, node, name } = analyse(code);
    const call = node('abs(v)', 0, 'call');
    expect(model.enclosingFunction(call)?.type).toBe('function_definition');
    expect(model.enclosingFunction(call)?.childForFieldName('name')?.text).toBe('norm');
    expect(model.enclosingClass(call)?.childForFieldName('name')?.text).toBe('Point');
    // `abs(v)` runs in the comprehension: no loop of its own scope encloses it
    expect(model.enclosingLoops(call)).toEqual([]);
    const comprehension = node('[abs(v)', 0, 'list_comprehension');
    expect(model.enclosingLoops(comprehension).map((loop) => loop.type)).toEqual(['while_statement', 'for_statement']);
    expect(model.enclosingLoop(comprehension)?.type).toBe('while_statement');
    // the iterable of a for loop is not inside the loop
    expect(model.enclosingLoop(node('(self.x, self.y)', 0, 'tuple'))).toBeUndefined();
    const lambda = node('lambda: self.x', 0, 'lambda');
    expect(model.enclosingLoop(lambda)).toBeUndefined();
    expect(model.enclosingFunction(name('self', 3))?.type).toBe('lambda');
    expect(model.enclosingFunction(node('import functools', 0, 'import_statement'))).toBeUndefined();
  });

  it('describes defs: async, generator, method, decorators, parameters', () => {
    const { model, node } = analyse(code);
    const fetch = model.functionInfo(node('async def fetch', 0, 'function_definition'))!;
    expect(fetch.name).toBe('fetch');
    expect(fetch.isAsync).toBe(true);
    expect(fetch.isGenerator).toBe(true);
    expect(fetch.isMethod).toBe(true);
    expect(fetch.class?.name).toBe('Point');
    expect(fetch.decorators.map((decorator) => decorator.text)).toEqual(['functools.cache']);
    expect(fetch.parameters.map((parameter) => parameter.name)).toEqual(['self']);
    const norm = model.functionInfo(node('def norm', 0, 'function_definition'))!;
    expect([norm.isAsync, norm.isGenerator, norm.isMethod]).toEqual([false, false, true]);
    expect(model.isMethod(node('def helper', 0, 'function_definition'))).toBe(false);
    expect(model.isMethod(node('def method', 0, 'function_definition'))).toBe(true);
    expect(model.isAsync(node('async def fetch', 0, 'function_definition'))).toBe(true);
    // a decorated_definition stands for its def
    expect(model.functionInfo(node('@functools.cache', 0, 'decorated_definition'))?.name).toBe('fetch');
  });

  it('describes classes: bases, keywords, decorators, body assignments, methods', () => {
    const { model, node } = analyse(code);
    const point = model.classInfo(node('class Point', 0, 'class_definition'))!;
    expect(point.bases.map((base) => base.text)).toEqual(['Base']);
    expect(point.keywords.map((keyword) => keyword.text)).toEqual(['metaclass=Meta']);
    expect(point.decorators.map((decorator) => decorator.text)).toEqual(['dataclass(frozen=True)']);
    expect([...point.assignments.keys()]).toEqual(['x', 'y', 'count']);
    expect(point.assignments.get('x')![0]!.kind).toBe('annotation');
    expect([...point.methods.keys()]).toEqual(['norm', 'fetch']);
    expect(point.methods.get('fetch')!.class).toBe(point);
    expect(model.isDecoratedWith(point.node, 'dataclasses.dataclass')).toBe(true);
  });

  it('lists the module-level functions and classes by name, conditional ones included', () => {
    const { model, node } = analyse(code);
    expect([...model.topLevelFunctions.keys()]).toEqual(['conditional', 'helper']);
    expect([...model.topLevelClasses.keys()]).toEqual(['Point']);
    // the last definition of a name wins
    const conditional = model.topLevelFunctions.get('conditional')!;
    expect(conditional.node.startIndex).toBe(node('def conditional(flag', 0, 'function_definition').startIndex);
    expect(model.module.bindings.get('conditional')!).toHaveLength(2);
  });

  it('maps nodes to the scope they run in and the scope they open', () => {
    const { model, node, name } = analyse(code);
    const norm = node('def norm', 0, 'function_definition');
    expect(model.scopeOf(norm).kind).toBe('class');
    expect(model.scopeCreatedBy(norm)?.name).toBe('norm');
    const comprehension = node('[abs(v)', 0, 'list_comprehension');
    expect(model.scopeOf(comprehension).name).toBe('norm');
    expect(model.scopeCreatedBy(comprehension)?.kind).toBe('comprehension');
    expect(model.scopeOf(node('abs(v)', 0, 'call')).kind).toBe('comprehension');
    expect(model.scopeOf(name('values')).name).toBe('norm'); // first iterable
    expect(model.scopeOf(node('metaclass=Meta', 0, 'keyword_argument')).kind).toBe('module');
    expect(model.scopeOf(node('flag=True', 0, 'default_parameter')).kind).toBe('module');
    expect(model.scopeCreatedBy(node('import functools', 0, 'import_statement'))).toBeUndefined();
  });
});
