import { describe, expect, it } from 'vitest';
import type { SyntaxNode } from '../../src/core/rule.js';
import { analyse } from './helpers.js';

/** Every identifier of a tree, found with a cursor (no recursion). */
function identifiers(root: SyntaxNode): SyntaxNode[] {
  const found: SyntaxNode[] = [];
  const cursor = root.walk();
  for (;;) {
    if (cursor.nodeType === 'identifier') found.push(cursor.currentNode);
    if (cursor.gotoFirstChild()) continue;
    while (!cursor.gotoNextSibling()) {
      if (!cursor.gotoParent()) return found;
    }
  }
}

describe('robustness', () => {
  it('survives a file nested 100,000 levels deep', () => {
    const depth = 100_000;
    const { model, name } = analyse(`value = ${'('.repeat(depth)}seed${')'.repeat(depth)}\n`);
    expect(model.resolve(name('seed'))?.kind).toBe('unresolved');
    expect(model.scopeOf(name('seed')).kind).toBe('module');
    expect(model.enclosingLoops(name('seed'))).toEqual([]);
  });

  it('survives 10,000 nested lambdas and resolves through all of them', () => {
    const depth = 10_000;
    const { model, name } = analyse(`f = ${'lambda: ['.repeat(depth)}f${']'.repeat(depth)}\n`);
    expect(model.scopes).toHaveLength(depth + 1);
    expect(model.resolve(name('f', 1))?.kind).toBe('binding');
    expect(model.enclosingFunction(name('f', 1))?.type).toBe('lambda');
  });

  it('survives a 100,000-link attribute chain', () => {
    const { model, tree } = analyse(`import os\nx = os${'.a'.repeat(100_000)}\n`);
    // (found from the root down: walking up 100,000 parents would be quadratic)
    const chain = tree.rootNode.namedChildren[1]!.firstNamedChild!.childForFieldName('right')!;
    expect(model.qualifiedName(chain)).toMatch(/^os\.a\.a\.a/);
  });

  it('finds a reference or binding for every identifier that is a name', () => {
    const { model, tree } = analyse(`
      import os, sys as system
      from collections import defaultdict as dd
      class Registry(dict, metaclass=Meta):
          items: list[int] = []
          def add(self, key, /, *values, strict=False, **options):
              with open(key) as fh, lock:
                  data = [line.strip() for line in fh if (n := len(line))]
              for i, (a, *rest) in enumerate(values):
                  self[key] = dd(list, **options)
              match data:
                  case [first, *others] if first: pass
                  case {"k": v}: pass
                  case Point(x=px): pass
              try:
                  pass
              except (OSError, ValueError) as err:
                  system.exit(f"{err!r:>{n}}")
              global counter
              counter += 1
              del data
              return lambda q=i: q + px
    `);
    const missing: string[] = [];
    for (const identifier of identifiers(tree.rootNode)) {
      const parent = identifier.parent!;
      const isAttributeName = parent.type === 'attribute' && parent.childForFieldName('attribute')?.startIndex === identifier.startIndex;
      const isKeyword = (parent.type === 'keyword_argument' || parent.type === 'keyword_pattern') && parent.firstNamedChild?.startIndex === identifier.startIndex;
      const isDeclaration = parent.type === 'global_statement';
      // Module paths in imports are not names: `import a.b as c` binds `c`, `from m import x` reads no `m`.
      const holder = parent.type === 'dotted_name' ? parent.parent : null;
      const isImportedPart =
        !!holder &&
        (parent.firstNamedChild?.startIndex !== identifier.startIndex ||
          holder.type === 'aliased_import' ||
          holder.type === 'relative_import' ||
          (holder.type === 'import_from_statement' && holder.childForFieldName('module_name')?.startIndex === parent.startIndex));
      if (isAttributeName || isKeyword || isDeclaration || isImportedPart) {
        expect(model.referenceAt(identifier)).toBeUndefined();
        continue;
      }
      if (!model.referenceAt(identifier) && !model.bindingAt(identifier)) missing.push(`${identifier.text}@${identifier.startIndex}`);
    }
    expect(missing).toEqual([]);
  });

  it('keeps going after parse errors and leaves the broken region out', () => {
    const { model, tree } = analyse(`
      def ok(a):
          return a
      x = = 3
      def later(b):
          return b + undefined_name
    `);
    expect(tree.rootNode.hasError).toBe(true);
    expect([...model.topLevelFunctions.keys()]).toEqual(['ok', 'later']);
    const later = model.scopes.find((scope) => scope.name === 'later')!;
    expect(later.references.filter((ref) => ref.kind === 'read').map((ref) => ref.name)).toEqual(['b', 'undefined_name']);
  });
});
