import { defineRule, type SyntaxNode, type Visitors } from '../../src/core/rule.js';
import type { Binding, SemanticModel } from '../../src/semantic/index.js';
import { TextOccurrences } from '../../src/analysis/text-occurrences.js';

/**
 * Methods that remove or insert items in a list, dict or set, shifting a list's
 * positions or changing a dict's or set's size. `append`/`extend` are left out:
 * growing a list while walking it is the worklist idiom.
 */
const MUTATORS = new Set(['remove', 'pop', 'insert', 'clear', 'popitem', 'update', 'setdefault', 'add', 'discard']);

/** Mutators whose first argument is a list position. */
const POSITIONAL_MUTATORS = new Set(['pop', 'insert']);

/** Views that iterate the dict itself. */
const DICT_VIEWS = new Set(['items', 'keys', 'values']);

/** Nodes whose bodies run later, not during this pass of the loop. */
const DEFERRED = new Set(['function_definition', 'lambda', 'class_definition']);

export default defineRule({
  id: 'MUT005',
  name: 'loop-iterable-mutation',
  concept: 'mutability',
  level: 'error',
  enabledByDefault: true,
  category: 'correctness',
  precision: 'high',
  usesSemanticModel: true,
  message: '{action} changes `{name}` while the loop iterates over it, which skips items or raises `RuntimeError`; iterate over a copy (`list({name})`) or collect the changes and apply them after the loop',
  create(context): Visitors {
    const model = context.semantic;
    // A report needs a mutator method's name or `del` spelled inside the loop.
    const mutations = new TextOccurrences(context.source, [...MUTATORS, 'del']);
    if (!mutations.any) return {};
    return {
      for_statement(loop) {
        if (!mutations.within(loop)) return;
        const iterated = iteratedCollection(model, loop.childForFieldName('right'));
        const body = loop.childForFieldName('body');
        if (!iterated || !body) return;
        if (isRebound(model, iterated, body)) return;
        const stack: SyntaxNode[] = [...body.namedChildren];
        for (let node = stack.pop(); node; node = stack.pop()) {
          if (DEFERRED.has(node.type)) continue;
          stack.push(...node.namedChildren);
          let report: SyntaxNode | undefined;
          let action = '';
          if (node.type === 'call') {
            const callee = node.childForFieldName('function');
            const method = callee?.type === 'attribute' ? callee.childForFieldName('attribute')?.text : undefined;
            const object = callee?.childForFieldName('object');
            if (
              method &&
              MUTATORS.has(method) &&
              object &&
              sameCollection(model, object, iterated) &&
              !(POSITIONAL_MUTATORS.has(method) && changesAheadOfVisit(model, loop, node, firstArgument(node))) &&
              !movesVisitedItemToFront(model, loop, node, iterated)
            ) {
              report = node;
              action = `\`${context.text(object)}.${method}()\``;
            }
          } else if (node.type === 'delete_statement') {
            const targets = node.firstNamedChild?.type === 'expression_list' ? node.firstNamedChild.namedChildren : node.namedChildren;
            const deletesHere = (t: SyntaxNode): boolean =>
              t.type === 'subscript' &&
              sameCollection(model, t.childForFieldName('value'), iterated) &&
              !changesAheadOfVisit(model, loop, node, t.childForFieldName('subscript'));
            if (targets.some(deletesHere)) {
              report = node;
              action = '`del`';
            }
          }
          if (report && !leavesLoopAfter(model, report, loop)) {
            context.report(report, { action, name: context.text(iterated) });
          }
        }
      },
    };
  },
});

/** The collection a `for` walks directly: `NAME`, `a.b`, `NAME.items()`, `enumerate(NAME)`; undefined for copies and anything else. */
function iteratedCollection(model: SemanticModel, iterable: SyntaxNode | null): SyntaxNode | undefined {
  let node = iterable;
  while (node?.type === 'parenthesized_expression') node = node.firstNamedChild;
  if (node?.type === 'call') {
    const callee = node.childForFieldName('function');
    const args = node.childForFieldName('arguments')?.namedChildren ?? [];
    if (callee && model.qualifiedName(callee) === 'builtins.enumerate' && args.length >= 1) {
      return iteratedCollection(model, args[0]!);
    }
    if (callee?.type === 'attribute' && args.length === 0 && DICT_VIEWS.has(callee.childForFieldName('attribute')?.text ?? '')) {
      // Only a plain name: on an attribute, `keys()` may well be a custom method returning a copy.
      const object = callee.childForFieldName('object');
      return object?.type === 'identifier' && object.text !== 'self' ? object : undefined;
    }
    return undefined;
  }
  // `for x in self:` walks a class of our own, whose iterator may well work on a snapshot.
  if (node?.type === 'identifier' && (node.text === 'self' || node.text === 'cls')) return undefined;
  return node && isPlainReference(node) ? node : undefined;
}

function isPlainReference(node: SyntaxNode): boolean {
  let current: SyntaxNode | null = node;
  while (current?.type === 'attribute') current = current.childForFieldName('object');
  return current?.type === 'identifier';
}

function rootOf(node: SyntaxNode): SyntaxNode {
  let current = node;
  while (current.type === 'attribute') current = current.childForFieldName('object')!;
  return current;
}

/** Same name resolving to the same binding scope, with the same attribute chain. */
function sameCollection(model: SemanticModel, candidate: SyntaxNode | null, iterated: SyntaxNode): boolean {
  if (!candidate || !isPlainReference(candidate)) return false;
  if (candidate.text.replace(/\s+/g, '') !== iterated.text.replace(/\s+/g, '')) return false;
  const a = model.resolve(rootOf(candidate));
  const b = model.resolve(rootOf(iterated));
  if (a?.kind !== 'binding' || b?.kind !== 'binding') return false;
  return a.scope === b.scope && a.name === b.name;
}

/** The loop body binds the collection's name (or assigns its attribute chain) anew: later calls may act on another object. */
function isRebound(model: SemanticModel, iterated: SyntaxNode, body: SyntaxNode): boolean {
  const root = rootOf(iterated);
  const resolution = model.resolve(root);
  if (resolution?.kind !== 'binding') return true;
  if (resolution.bindings.some((b) => b.startIndex >= body.startIndex && b.startIndex < body.endIndex)) return true;
  if (iterated.type === 'identifier') return false;
  const chain = iterated.text.replace(/\s+/g, '');
  const stack: SyntaxNode[] = [body];
  for (let node = stack.pop(); node; node = stack.pop()) {
    if ((node.type === 'assignment' || node.type === 'augmented_assignment') && node.childForFieldName('left')?.text.replace(/\s+/g, '') === chain) {
      return true;
    }
    stack.push(...node.namedChildren);
  }
  return false;
}

/** The mutation is followed, on every path, by `return`, `raise` or a `break` out of this loop. */
function leavesLoopAfter(model: SemanticModel, mutation: SyntaxNode, loop: SyntaxNode): boolean {
  const path = [...model.ancestors(mutation), mutation];
  const loopIndex = path.findIndex((n) => n.startIndex === loop.startIndex && n.type === loop.type && n.endIndex === loop.endIndex);
  if (loopIndex < 0) return false;
  for (let i = path.length - 2; i > loopIndex; i--) {
    if (path[i]!.type !== 'block') continue;
    const statement = path[i + 1]!;
    if (statement.type === 'return_statement' || statement.type === 'raise_statement') return true;
    const breaksThisLoop = !path.slice(loopIndex + 1, i).some((n, k) => (n.type === 'for_statement' || n.type === 'while_statement') && path[loopIndex + 2 + k]?.type !== 'else_clause');
    for (let next = statement.nextNamedSibling; next; next = next.nextNamedSibling) {
      if (next.type === 'return_statement' || next.type === 'raise_statement') return true;
      if (next.type === 'break_statement' && breaksThisLoop) return true;
      if (next.type === 'continue_statement') break;
    }
  }
  return false;
}

function firstArgument(call: SyntaxNode): SyntaxNode | undefined {
  const first = call.childForFieldName('arguments')?.firstNamedChild;
  return first && first.type !== 'keyword_argument' ? first : undefined;
}

/**
 * `for i, x in enumerate(NAME):` … `for j in range(i + 1, …):` … `del NAME[j]`:
 * the position removed (or inserted at) lies ahead of the one being visited, so
 * the loop skips nothing; the pairwise-deduplication idiom.
 */
function changesAheadOfVisit(model: SemanticModel, loop: SyntaxNode, mutation: SyntaxNode, position: SyntaxNode | null | undefined): boolean {
  if (position?.type !== 'identifier') return false;
  const counter = enumerateCounter(model, loop);
  const resolved = model.resolve(position);
  if (!counter || resolved?.kind !== 'binding') return false;
  for (const inner of model.enclosingLoops(mutation)) {
    if (inner.startIndex === loop.startIndex) return false;
    const target = inner.childForFieldName('left');
    const binding = target && model.bindingAt(target);
    if (!binding || !resolved.bindings.includes(binding)) continue;
    const body = inner.childForFieldName('body');
    return !!body && !bindsWithin(resolved.bindings, body) && startsAfterCounter(model, inner.childForFieldName('right'), counter);
  }
  return false;
}

/**
 * `NAME.insert(0, NAME.pop(i))` for the enumerate counter `i` (either of its two calls):
 * the visited item moves to the front, the list keeps its length and every item
 * after it keeps its position, so the loop goes on with the right next item.
 */
function movesVisitedItemToFront(model: SemanticModel, loop: SyntaxNode, call: SyntaxNode, iterated: SyntaxNode): boolean {
  const isPop = methodOf(call) === 'pop';
  const insert = isPop ? call.parent?.parent : call;
  if (!insert || methodOf(insert) !== 'insert' || !sameCollection(model, insert.childForFieldName('function')!.childForFieldName('object'), iterated)) return false;
  const [position, item, extra] = insert.childForFieldName('arguments')?.namedChildren ?? [];
  if (position?.type !== 'integer' || position.text !== '0' || !item || extra) return false;
  if (item.type !== 'call' || methodOf(item) !== 'pop' || (isPop && call.startIndex !== item.startIndex)) return false;
  if (!sameCollection(model, item.childForFieldName('function')!.childForFieldName('object'), iterated)) return false;
  const index = item.childForFieldName('arguments')?.namedChildren ?? [];
  const counter = enumerateCounter(model, loop);
  const resolved = index.length === 1 && index[0]!.type === 'identifier' ? model.resolve(index[0]!) : undefined;
  return !!counter && resolved?.kind === 'binding' && resolved.bindings.includes(counter);
}

/** The method name of `obj.method(...)`. */
function methodOf(call: SyntaxNode): string | undefined {
  if (call.type !== 'call') return undefined;
  const callee = call.childForFieldName('function');
  return callee?.type === 'attribute' ? callee.childForFieldName('attribute')?.text : undefined;
}

/** The binding of `i` in `for i, x in enumerate(NAME):` (no `start=`), when the loop body never rebinds it. */
function enumerateCounter(model: SemanticModel, loop: SyntaxNode): Binding | undefined {
  const target = loop.childForFieldName('left');
  if (target?.type !== 'pattern_list' && target?.type !== 'tuple_pattern') return undefined;
  let iterable = loop.childForFieldName('right');
  while (iterable?.type === 'parenthesized_expression') iterable = iterable.firstNamedChild;
  if (iterable?.type !== 'call' || model.qualifiedName(iterable.childForFieldName('function')) !== 'builtins.enumerate') return undefined;
  if (iterable.childForFieldName('arguments')?.namedChildCount !== 1) return undefined;
  const first = target.firstNamedChild;
  const counter = first && model.bindingAt(first);
  const body = loop.childForFieldName('body');
  if (!counter || !body || bindsWithin(counter.scope.bindings.get(counter.name) ?? [], body)) return undefined;
  return counter;
}

/** `range(i + 1, …)` (or `range(1 + i, …)`) for the enumerate counter `i`: every position it yields is ahead of `i`. */
function startsAfterCounter(model: SemanticModel, iterable: SyntaxNode | null, counter: Binding): boolean {
  if (iterable?.type !== 'call' || model.qualifiedName(iterable.childForFieldName('function')) !== 'builtins.range') return false;
  const args = iterable.childForFieldName('arguments')?.namedChildren ?? [];
  const start = args[0];
  if (args.length < 2 || start?.type !== 'binary_operator' || start.childForFieldName('operator')?.type !== '+') return false;
  const operands = [start.childForFieldName('left'), start.childForFieldName('right')];
  const isCounter = (n: SyntaxNode | null): boolean => {
    const resolution = n?.type === 'identifier' ? model.resolve(n) : undefined;
    return resolution?.kind === 'binding' && resolution.bindings.includes(counter);
  };
  const isPositive = (n: SyntaxNode | null): boolean => n?.type === 'integer' && Number(n.text) >= 1;
  return (isCounter(operands[0]!) && isPositive(operands[1]!)) || (isPositive(operands[0]!) && isCounter(operands[1]!));
}

function bindsWithin(bindings: readonly Binding[], block: SyntaxNode): boolean {
  return bindings.some((b) => b.startIndex >= block.startIndex && b.startIndex < block.endIndex);
}
