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
import blockingCallInAsync from './asyncio/blocking-call-in-async.js';
import eqWithoutHash from './object-model/eq-without-hash.js';
import manualListBuilding from './comprehensions/manual-list-building.js';
import swallowedException from './exceptions/swallowed-exception.js';
import coroutineNeverAwaited from './asyncio/coroutine-never-awaited.js';
import danglingTask from './asyncio/dangling-task.js';
import asyncioRunInAsync from './asyncio/asyncio-run-in-async.js';
import raiseWithoutFrom from './exceptions/raise-without-from.js';
import materializedReduction from './comprehensions/materialized-reduction.js';
import typeEqualityCheck from './object-model/type-equality-check.js';
import controlFlowInFinally from './exceptions/control-flow-in-finally.js';
import unnecessaryGeneratorCall from './comprehensions/unnecessary-generator-call.js';
import tryConsiderElse from './exceptions/try-consider-else.js';
import comprehensionForSideEffects from './comprehensions/comprehension-for-side-effects.js';
import openWithoutWith from './context-managers/open-without-with.js';
import raiseGenericException from './exceptions/raise-generic-exception.js';
import notImplementedConfusion from './object-model/not-implemented-confusion.js';
import unreachableExcept from './exceptions/unreachable-except.js';
import incompleteIterator from './object-model/incomplete-iterator.js';
import lockAcquireWithoutFinally from './context-managers/lock-acquire-without-finally.js';
import contextmanagerYieldWithoutFinally from './context-managers/contextmanager-yield-without-finally.js';
import exitSwallowsAll from './context-managers/exit-swallows-all.js';
import tryExceptPass from './context-managers/try-except-pass.js';
import generatorConsumedTwice from './comprehensions/generator-consumed-twice.js';
import exceptionInheritsBaseexception from './exceptions/exception-inherits-baseexception.js';
import implicitOptional from './type-hints/implicit-optional.js';
import missingAnnotations from './type-hints/missing-annotations.js';
import builtinSubclassOverride from './object-model/builtin-subclass-override.js';
import manualCounter from './collections/manual-counter.js';
import slotsParentWithoutSlots from './slots/slots-parent-without-slots.js';
import manualGrouping from './collections/manual-grouping.js';
import threadsForCpuBound from './concurrency/threads-for-cpu-bound.js';
import processPoolWithoutMainGuard from './concurrency/process-pool-without-main-guard.js';
import unpicklableProcessTarget from './concurrency/unpicklable-process-target.js';
import listAsQueue from './collections/list-as-queue.js';
import slotsClassVariableConflict from './slots/slots-class-variable-conflict.js';
import deprecatedTypingAlias from './type-hints/deprecated-typing-alias.js';
import rangeLenLoop from './collections/range-len-loop.js';
import assigningNonSlot from './slots/assigning-non-slot.js';
import isinstanceNonRuntimeProtocol from './type-hints/isinstance-non-runtime-protocol.js';
import manualAnyAll from './collections/manual-any-all.js';
import listMultiplicationAliasing from './mutability/list-multiplication-aliasing.js';
import dataclassMutableDefault from './type-hints/dataclass-mutable-default.js';
import sortedTopK from './collections/sorted-top-k.js';
import isLiteralComparison from './mutability/is-literal-comparison.js';
import eqComparisonToSingleton from './mutability/eq-comparison-to-singleton.js';
import loopIterableMutation from './mutability/loop-iterable-mutation.js';
import parameterMutatedAndReturned from './mutability/parameter-mutated-and-returned.js';
import wrapperMissingWraps from './decorators/wrapper-missing-wraps.js';
import cachedInstanceMethod from './decorators/cached-instance-method.js';
import cacheUnhashableArgument from './decorators/cache-unhashable-argument.js';
import decoratorFactoryNotCalled from './decorators/decorator-factory-not-called.js';
import globalStatement from './scope/global-statement.js';
import unboundLocal from './scope/unbound-local.js';
import builtinShadowing from './scope/builtin-shadowing.js';

export const ALL_RULES: readonly RuleDefinition[] = [
  blockingCallInAsync,
  coroutineNeverAwaited,
  danglingTask,
  asyncioRunInAsync,
  manualCounter,
  manualGrouping,
  listAsQueue,
  rangeLenLoop,
  manualAnyAll,
  sortedTopK,
  threadsForCpuBound,
  processPoolWithoutMainGuard,
  unpicklableProcessTarget,
  openWithoutWith,
  lockAcquireWithoutFinally,
  contextmanagerYieldWithoutFinally,
  exitSwallowsAll,
  tryExceptPass,
  wrapperMissingWraps,
  cachedInstanceMethod,
  cacheUnhashableArgument,
  decoratorFactoryNotCalled,
  bareExcept,
  swallowedException,
  raiseWithoutFrom,
  controlFlowInFinally,
  tryConsiderElse,
  raiseGenericException,
  unreachableExcept,
  exceptionInheritsBaseexception,
  manualListBuilding,
  materializedReduction,
  unnecessaryGeneratorCall,
  comprehensionForSideEffects,
  generatorConsumedTwice,
  mutableDefaultArgument,
  listMultiplicationAliasing,
  isLiteralComparison,
  eqComparisonToSingleton,
  loopIterableMutation,
  parameterMutatedAndReturned,
  eqWithoutHash,
  typeEqualityCheck,
  notImplementedConfusion,
  incompleteIterator,
  builtinSubclassOverride,
  unusedSuppression,
  loopVariableClosure,
  globalStatement,
  unboundLocal,
  builtinShadowing,
  slotsParentWithoutSlots,
  slotsClassVariableConflict,
  assigningNonSlot,
  syntaxError,
  implicitOptional,
  missingAnnotations,
  deprecatedTypingAlias,
  isinstanceNonRuntimeProtocol,
  dataclassMutableDefault,
];
