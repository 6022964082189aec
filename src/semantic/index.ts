/**
 * The semantic model of a Python file: scopes with Python's rules, every
 * binding, every name use resolved (LEGB), qualified names through imports,
 * and the questions rules ask about defs, classes and loops. Built once per
 * file, on first request (`context.semantic`).
 */
import type Parser from 'tree-sitter';
import { buildScopes } from './builder.js';
import { SemanticModel } from './model.js';
import { applyDeclarations } from './resolve.js';
import type { EventRecorder } from '../engine/recorder.js';

export { SemanticModel } from './model.js';
export { BUILTINS } from './builtins.js';
export { sameNode } from './queries.js';
export type {
  Binding,
  BindingKind,
  ClassInfo,
  FunctionInfo,
  Reference,
  ReferenceKind,
  Resolution,
  Scope,
  ScopeKind,
  StarImport,
} from './types.js';

/** With a `recorder`, the same cursor pass also records rule-dispatch events (see `EventRecorder`). */
export function buildSemanticModel(tree: Parser.Tree, source: string, recorder?: EventRecorder): SemanticModel {
  const built = buildScopes(tree, source, recorder);
  applyDeclarations(built.module, built.scopes);
  return new SemanticModel(built, source);
}
