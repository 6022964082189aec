/**
 * Name resolution: where `global` and `nonlocal` send bindings, and the LEGB
 * lookup a read makes (local, enclosing functions, global, builtins; class
 * bodies are skipped by the scopes nested in them).
 */
import { BUILTINS, IMPLICIT_NAMES } from './builtins.js';
import type { BindingRecord, ScopeRecord } from './records.js';
import type { Resolution } from './types.js';

/**
 * Moves the bindings of names declared `global` or `nonlocal` to the scope
 * they really bind in. Scopes come parents first, so an outer scope's own
 * declarations are settled before an inner one looks outward.
 */
export function applyDeclarations(module: ScopeRecord, scopes: readonly ScopeRecord[]): void {
  for (const scope of scopes) {
    if (scope === module) continue;
    for (const name of scope.globals) move(scope, name, module);
    for (const name of scope.nonlocals) {
      const target = nonlocalTarget(scope, name);
      if (target) move(scope, name, target);
    }
  }
}

function nonlocalTarget(scope: ScopeRecord, name: string): ScopeRecord | undefined {
  for (let outer = scope.parent; outer && outer.kind !== 'module'; outer = outer.parent) {
    if (outer.kind === 'class') continue;
    if (outer.globals.has(name)) return undefined;
    if (outer.nonlocals.has(name)) continue;
    if (outer.bindings.has(name)) return outer;
  }
  return undefined;
}

function move(from: ScopeRecord, name: string, to: ScopeRecord): void {
  const moving = from.bindings.get(name);
  if (!moving) return;
  from.bindings.delete(name);
  for (const binding of moving) {
    binding.scope = to;
    to.addBinding(binding);
  }
  to.bindings.get(name)!.sort(byStart);
}

function byStart(a: BindingRecord, b: BindingRecord): number {
  return a.startIndex - b.startIndex;
}

/** What `name` means when read in `scope` (cached per scope and name). */
export function lookup(scope: ScopeRecord, name: string, module: ScopeRecord): Resolution {
  let resolution = scope.lookups.get(name);
  if (!resolution) {
    resolution = lookupUncached(scope, name, module);
    scope.lookups.set(name, resolution);
  }
  return resolution;
}

function lookupUncached(scope: ScopeRecord, name: string, module: ScopeRecord): Resolution {
  if (scope.globals.has(name)) return lookupGlobal(name, module);
  if (!scope.nonlocals.has(name)) {
    const own = scope.bindings.get(name);
    if (own) return { kind: 'binding', name, scope, bindings: own };
  }
  for (let outer = scope.parent; outer && outer !== module; outer = outer.parent) {
    // A class body is not an enclosing scope for what is nested in it.
    if (outer.kind === 'class') continue;
    if (outer.globals.has(name)) return lookupGlobal(name, module);
    if (outer.nonlocals.has(name)) continue;
    const found = outer.bindings.get(name);
    if (found) return { kind: 'binding', name, scope: outer, bindings: found };
  }
  return lookupGlobal(name, module);
}

function lookupGlobal(name: string, module: ScopeRecord): Resolution {
  const found = module.bindings.get(name);
  if (found) return { kind: 'binding', name, scope: module, bindings: found };
  if (IMPLICIT_NAMES.has(name)) return { kind: 'implicit', name };
  if (BUILTINS.has(name)) return { kind: 'builtin', name };
  if (module.starImports.length > 0) return { kind: 'star', name, imports: module.starImports };
  return { kind: 'unresolved', name };
}
