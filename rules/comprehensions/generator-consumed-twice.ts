import { defineRule, type SyntaxNode } from '../../src/core/rule.js';
import { sameNode, type Binding, type Scope, type SemanticModel } from '../../src/semantic/index.js';
import { plainArguments, someNode, unparenthesized } from '../../src/analysis/collections.js';

/** Builtins that read an iterable to its end when it is their first argument. */
const FULL_CONSUMERS = new Set(['list', 'tuple', 'set', 'dict', 'frozenset', 'sum', 'min', 'max', 'sorted'].map((name) => `builtins.${name}`));
/** With more than one positional argument these compare their arguments instead of iterating the first. */
const SINGLE_ARGUMENT_ONLY = new Set(['builtins.min', 'builtins.max']);
const JUMPS = new Set(['return_statement', 'raise_statement', 'continue_statement', 'break_statement']);
const EAGER_COMPREHENSIONS = new Set(['list_comprehension', 'set_comprehension', 'dictionary_comprehension']);

interface Consumption {
  /** Where the pass happens: the call, the `*name`, or the name iterated by a loop or comprehension. */
  readonly node: SyntaxNode;
  /** The name's identifier. */
  readonly use: SyntaxNode;
}

export default defineRule({
  id: 'GEN005',
  name: 'generator-consumed-twice',
  concept: 'comprehensions',
  level: 'error',
  enabledByDefault: true,
  category: 'correctness',
  precision: 'high',
  usesSemanticModel: true,
  message: 'Generator `{name}` was already used up on line {line}, so this second pass sees no items; keep the items in a list or create a new generator',
  create(context) {
    const semantic = context.semantic;
    let generatorFunctions: ReadonlySet<string> | undefined;
    return {
      function_definition(definition) {
        const scope = semantic.scopeCreatedBy(definition);
        if (scope?.kind !== 'function') return;
        generatorFunctions ??= generatorFunctionNames(semantic);
        if (!mayBindGenerator(scope, generatorFunctions)) return;
        for (const [name, bindings] of scope.bindings) {
          if (bindings.length !== 1 || scope.globals.has(name) || scope.nonlocals.has(name)) continue;
          const binding = bindings[0]!;
          const assignment = generatorAssignment(binding, semantic);
          if (!assignment) continue;
          const passes: Consumption[] = [];
          for (const read of semantic.readsOf(binding)) {
            if (read.scope !== scope || read.startIndex < assignment.endIndex) continue;
            const consumption = consumptionAt(read.node, semantic);
            if (consumption) passes.push(consumption);
          }
          for (let later = 1; later < passes.length; later++) {
            const second = passes[later]!;
            const first = passes.slice(0, later).find((earlier) => onSamePath(earlier.use, second.use, semantic));
            if (first) context.report(second.node, { name, line: first.node.startPosition.row + 1 });
          }
        }
      },
    };
  },
});

/** The names of the file's synchronous generator functions: what `name = gen(...)` can call. */
function generatorFunctionNames(semantic: SemanticModel): Set<string> {
  const names = new Set<string>();
  for (const scope of semantic.scopes) {
    if (scope.kind === 'function' && scope.isGenerator && !scope.isAsync && scope.name !== undefined) names.add(scope.name);
  }
  return names;
}

/**
 * A cheap necessary condition for `generatorAssignment` to find anything in a
 * def, settled on the model's records before any node is read: the value
 * `(... for ...)` opens a generator-expression scope directly inside the def,
 * and the callee of `gen(...)` is a name the def reads, bound by a generator def.
 */
function mayBindGenerator(scope: Scope, generatorFunctions: ReadonlySet<string>): boolean {
  if (generatorFunctions.size > 0 && scope.references.some((reference) => generatorFunctions.has(reference.name))) return true;
  return scope.children.some((child) => child.kind === 'comprehension' && child.node.type === 'generator_expression');
}

/** `name = (... for ...)` or `name = gen(...)` with `gen` an undecorated generator function of this file. */
function generatorAssignment(binding: Binding, semantic: SemanticModel): SyntaxNode | undefined {
  if (binding.kind !== 'assignment') return undefined;
  const assignment = binding.node.parent;
  if (assignment?.type !== 'assignment' || assignment.childForFieldName('left')?.startIndex !== binding.node.startIndex) return undefined;
  if (assignment.childForFieldName('left')?.type !== 'identifier') return undefined;
  const value = unparenthesized(assignment.childForFieldName('right'));
  if (!value) return undefined;
  if (value.type === 'generator_expression') return isAsyncComprehension(value) ? undefined : assignment;
  if (value.type !== 'call') return undefined;
  const callee = value.childForFieldName('function');
  if (callee?.type !== 'identifier') return undefined;
  const resolution = semantic.resolve(callee);
  if (resolution?.kind !== 'binding' || resolution.bindings.length !== 1) return undefined;
  const def = resolution.bindings[0]!;
  const defined: Scope | undefined = def.definedScope;
  if (def.kind !== 'function' || !defined || !defined.isGenerator || defined.isAsync) return undefined;
  // A decorator such as `@contextmanager` turns the generator function into something else.
  return semantic.decorators(defined.node).length === 0 ? assignment : undefined;
}

/** Whether this read of the name iterates it to the end. */
function consumptionAt(use: SyntaxNode, semantic: SemanticModel): Consumption | undefined {
  const parent = use.parent;
  if (!parent) return undefined;
  const isField = (node: SyntaxNode, field: string): boolean => node.childForFieldName(field)?.startIndex === use.startIndex;
  switch (parent.type) {
    case 'for_statement': {
      // A loop that may `break` can leave items for a later pass on purpose.
      if (!isField(parent, 'right') || parent.type !== 'for_statement') return undefined;
      const body = parent.childForFieldName('body');
      if (!body || someNode(body, (node) => node.type === 'break_statement')) return undefined;
      return { node: use, use };
    }
    case 'for_in_clause':
      return isField(parent, 'right') && parent.parent && EAGER_COMPREHENSIONS.has(parent.parent.type) ? { node: use, use } : undefined;
    case 'list_splat':
      return parent.parent?.type === 'argument_list' || parent.parent?.type === 'list' || parent.parent?.type === 'tuple' ||
        parent.parent?.type === 'set' || parent.parent?.type === 'expression_list'
        ? { node: parent, use }
        : undefined;
    case 'argument_list': {
      const call = parent.parent;
      if (call?.type !== 'call') return undefined;
      const qualified = semantic.qualifiedName(call.childForFieldName('function'));
      if (qualified === undefined || !FULL_CONSUMERS.has(qualified)) return undefined;
      const args = plainArguments(call) ?? firstPositionalOnly(parent);
      if (!args || args[0]?.startIndex !== use.startIndex) return undefined;
      if (SINGLE_ARGUMENT_ONLY.has(qualified) && args.length !== 1) return undefined;
      return { node: call, use };
    }
    default:
      return undefined;
  }
}

/** The positional arguments before any keyword, when keywords (`key=`, `default=`) follow them. */
function firstPositionalOnly(args: SyntaxNode): SyntaxNode[] | undefined {
  const positional: SyntaxNode[] = [];
  for (const arg of args.namedChildren) {
    if (arg.type === 'comment') continue;
    if (arg.type === 'list_splat' || arg.type === 'dictionary_splat') return undefined;
    if (arg.type !== 'keyword_argument') positional.push(arg);
  }
  return positional;
}

/**
 * Whether running `first` can be followed by running `second` (which comes
 * later in the text): not when they sit in different arms of an `if`, `try`,
 * `match`, conditional expression or `and`/`or`, and not when a `return`,
 * `raise`, `break` or `continue` follows `first` on its way to `second`.
 */
function onSamePath(first: SyntaxNode, second: SyntaxNode, semantic: SemanticModel): boolean {
  const pathA = [...semantic.ancestors(first), first];
  const pathB = [...semantic.ancestors(second), second];
  let depth = 0;
  while (depth < pathA.length && depth < pathB.length && sameNode(pathA[depth]!, pathB[depth]!)) depth++;
  const common = pathA[depth - 1];
  const armA = pathA[depth];
  const armB = pathB[depth];
  if (!common || !armA || !armB) return false;
  // Inside the very loop that iterates it, a later pass takes the items the loop has not reached yet.
  if (common.type === 'for_statement' && armB.type === 'block' && sameNode(armA, common.childForFieldName('right')!)) return false;
  switch (common.type) {
    case 'if_statement':
      if (!sameNode(armA, common.childForFieldName('condition')!)) return false;
      break;
    case 'try_statement':
      // Handlers exclude each other and the `else`; only `finally`, or the `else` after the body, follows.
      if (armB.type !== 'finally_clause' && !(armA.type === 'block' && armB.type === 'else_clause')) return false;
      break;
    case 'conditional_expression':
    case 'boolean_operator':
      return false;
    default:
      if (armA.type === 'case_clause' && armB.type === 'case_clause') return false;
  }
  for (let level = pathA.length - 1; level >= depth; level--) {
    const node = pathA[level]!;
    if (node.type === 'return_statement' || node.type === 'raise_statement') return false;
    const container = pathA[level - 1];
    if (container?.type !== 'block' && container?.type !== 'module') continue;
    for (let sibling = node.nextNamedSibling; sibling; sibling = sibling.nextNamedSibling) {
      if (level === depth && sibling.startIndex >= armB.startIndex) break;
      if (JUMPS.has(sibling.type)) return false;
    }
  }
  return true;
}

function isAsyncComprehension(generator: SyntaxNode): boolean {
  return someNode(generator, (node) => node.type === 'await' || (node.type === 'for_in_clause' && node.children.some((child) => child.type === 'async')));
}
