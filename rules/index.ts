/**
 * Every rule pitfall has, sorted by id. A test checks that ids, names, files,
 * fixtures and lesson sections agree with this list.
 */
import type { RuleDefinition } from '../src/core/rule.js';
import bareExcept from './exceptions/bare-except.js';
import mutableDefaultArgument from './mutability/mutable-default-argument.js';
import loopVariableClosure from './scope/loop-variable-closure.js';
import syntaxError from './syntax/syntax-error.js';

export const ALL_RULES: readonly RuleDefinition[] = [
  bareExcept,
  mutableDefaultArgument,
  loopVariableClosure,
  syntaxError,
];
