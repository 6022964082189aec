/**
 * Every rule pitfall has, sorted by id. A test checks that ids, names, files,
 * fixtures and lesson sections agree with this list.
 */
import type { RuleDefinition } from '../src/core/rule.js';
import bareExcept from './exceptions/bare-except.js';
import mutableDefaultArgument from './mutability/mutable-default-argument.js';
import unusedSuppression from './suppressions/unused-suppression.js';
import syntaxError from './syntax/syntax-error.js';
import loopVariableClosure from './scope/loop-variable-closure.js';
import eqWithoutHash from './object-model/eq-without-hash.js';
import typeEqualityCheck from './object-model/type-equality-check.js';
import notImplementedConfusion from './object-model/not-implemented-confusion.js';
import incompleteIterator from './object-model/incomplete-iterator.js';
import builtinSubclassOverride from './object-model/builtin-subclass-override.js';
import slotsParentWithoutSlots from './slots/slots-parent-without-slots.js';
import slotsClassVariableConflict from './slots/slots-class-variable-conflict.js';
import assigningNonSlot from './slots/assigning-non-slot.js';

export const ALL_RULES: readonly RuleDefinition[] = [
  bareExcept,
  mutableDefaultArgument,
  eqWithoutHash,
  typeEqualityCheck,
  notImplementedConfusion,
  incompleteIterator,
  builtinSubclassOverride,
  unusedSuppression,
  loopVariableClosure,
  slotsParentWithoutSlots,
  slotsClassVariableConflict,
  assigningNonSlot,
  syntaxError,
];
