import { defineRule, type SyntaxNode } from '../../src/core/rule.js';
import type { SemanticModel } from '../../src/semantic/index.js';
import { isNameUse, plainArguments, sameExpression, someNode, unparenthesized } from '../../src/analysis/collections.js';

/** Methods that change a list's length or order: with them in the body, `enumerate` would see a different list than `range(len(...))`. */
const MUTATORS = new Set(['append', 'extend', 'insert', 'pop', 'remove', 'clear', 'sort', 'reverse', '__setitem__', '__delitem__']);

export default defineRule({
  id: 'COL004',
  name: 'range-len-loop',
  concept: 'collections',
  level: 'note',
  enabledByDefault: true,
  category: 'maintainability',
  precision: 'high',
  usesSemanticModel: true,
  message: '`for {index} in range(len({seq}))` indexes `{seq}[{index}]` by hand; {suggestion}',
  create(context) {
    const semantic = context.semantic;
    return {
      for_statement(loop) {
        if (loop.children.some((child) => child.type === 'async')) return;
        const index = loop.childForFieldName('left');
        if (index?.type !== 'identifier') return;
        const seq = rangeLenTarget(loop.childForFieldName('right'), semantic);
        // `self` indexed inside `__iter__`-like code would recurse through enumerate; leave it alone.
        if (!seq || (seq.type === 'identifier' && seq.text === 'self')) return;
        // A dict indexed by 0..n-1 is not a sequence: enumerate would hand out its keys.
        if (seq.type === 'identifier' && mayBeMapping(seq, semantic)) return;
        const body = loop.childForFieldName('body');
        if (!body) return;
        const usage = indexUsage(body, index.text, seq, semantic);
        if (!usage) return;
        // Code after the loop that reads the index (where a `break` left it) still needs it: enumerate keeps it.
        const binding = semantic.bindingAt(index);
        if (binding && semantic.readsOf(binding).some((read) => read.startIndex >= loop.endIndex)) usage.onlySubscripts = false;
        const others = [...usage.others.values()];
        // `zip` needs every sequence before the loop starts; one the body binds itself is not there yet.
        if (others.some((other) => boundInside(other, body, semantic))) usage.onlySubscripts = false;
        const seqText = context.text(seq);
        let suggestion: string;
        if (usage.onlySubscripts && others.length === 0) suggestion = `iterate over \`${seqText}\` directly`;
        else if (usage.onlySubscripts && others.length <= 2) suggestion = `use \`zip(${[seqText, ...others.map((other) => context.text(other))].join(', ')})\``;
        else suggestion = `use \`for ${index.text}, item in enumerate(${seqText})\``;
        context.report(
          { startIndex: loop.startIndex, endIndex: loop.childForFieldName('right')!.endIndex },
          { index: index.text, seq: seqText, suggestion },
        );
      },
    };
  },
});

const MAPPING_FACTORIES = new Set(['builtins.dict', 'collections.defaultdict', 'collections.OrderedDict', 'collections.Counter']);

/** Whether some assignment to the name builds a dict. */
function mayBeMapping(name: SyntaxNode, semantic: SemanticModel): boolean {
  const resolution = semantic.resolve(name);
  if (resolution?.kind !== 'binding') return false;
  return resolution.bindings.some((binding) => {
    const assignment = binding.node.parent;
    if (assignment?.type !== 'assignment') return false;
    const value = unparenthesized(assignment.childForFieldName('right'));
    if (value?.type === 'dictionary' || value?.type === 'dictionary_comprehension') return true;
    if (value?.type !== 'call') return false;
    const qualified = semantic.qualifiedName(value.childForFieldName('function'));
    return qualified !== undefined && MAPPING_FACTORIES.has(qualified);
  });
}

/** `range(len(seq))` or `range(0, len(seq))` with `seq` a name or attribute chain: `seq`. */
function rangeLenTarget(iterable: SyntaxNode | null, semantic: SemanticModel): SyntaxNode | undefined {
  const call = unparenthesized(iterable);
  if (call?.type !== 'call' || semantic.qualifiedName(call.childForFieldName('function')) !== 'builtins.range') return undefined;
  const args = plainArguments(call);
  if (!args || args.length === 0 || args.length > 2) return undefined;
  if (args.length === 2 && !(args[0]!.type === 'integer' && args[0]!.text === '0')) return undefined;
  const length = args[args.length - 1]!;
  if (length.type !== 'call' || semantic.qualifiedName(length.childForFieldName('function')) !== 'builtins.len') return undefined;
  const inner = plainArguments(length);
  const seq = inner?.length === 1 ? inner[0]! : undefined;
  if (!seq || (seq.type !== 'identifier' && seq.type !== 'attribute')) return undefined;
  return someNode(seq, (node) => node.type !== 'identifier' && node.type !== 'attribute') ? undefined : seq;
}

/**
 * How the body uses the index: it must read `seq[index]` at least once, never
 * assign or delete `seq[index]`, never rebind the index or the sequence, never
 * do arithmetic with the index, and never change the sequence's length.
 * `others` are the other sequences subscripted with the bare index.
 */
function indexUsage(body: SyntaxNode, index: string, seq: SyntaxNode, semantic: SemanticModel): { onlySubscripts: boolean; others: Map<string, SyntaxNode> } | undefined {
  let readsSeq = false;
  let onlySubscripts = true;
  const others = new Map<string, SyntaxNode>();
  const blocked = someNode(body, (node) => {
    if (node.type === 'call') {
      const callee = node.childForFieldName('function');
      if (callee?.type === 'attribute' && sameExpression(callee.childForFieldName('object'), seq) && MUTATORS.has(callee.childForFieldName('attribute')?.text ?? '')) return true;
      return false;
    }
    if (node.type === 'assignment' || node.type === 'augmented_assignment' || node.type === 'delete_statement' || node.type === 'for_statement' || node.type === 'named_expression') {
      // Rebinding the index or the sequence, or writing/deleting `seq[...]`, changes what enumerate would see.
      const targets = node.type === 'delete_statement' ? node.namedChildren : [node.childForFieldName(node.type === 'named_expression' ? 'name' : 'left')];
      for (const target of targets) {
        if (!target) continue;
        const hit = someNode(target, (part) => {
          if (part.type === 'identifier' && part.text === index && isNameUse(part)) return true;
          if (sameExpression(part, seq) && part.parent?.type !== 'attribute') return true;
          return part.type === 'subscript' && sameExpression(part.childForFieldName('value'), seq);
        });
        if (hit) return true;
      }
      return false;
    }
    if (node.type !== 'identifier' || node.text !== index || !isNameUse(node)) return false;
    // A use of the index: `seq[index]`, `other[index]`, or something else.
    const parent = node.parent;
    if (parent?.type === 'augmented_assignment' || parent?.type === 'slice') return true;
    // `range(i + 1, len(seq))` walks the other positions from this one (pairs, triangles): the loop is about positions.
    if (isRangeArgument(parent, semantic)) return true;
    if (parent?.type === 'binary_operator' || parent?.type === 'unary_operator') {
      // Arithmetic on the index inside a subscript (`seq[i + 1]`) reaches other items: not an enumerate loop.
      let outer: SyntaxNode = parent;
      while (outer.parent && ['binary_operator', 'unary_operator', 'parenthesized_expression'].includes(outer.parent.type)) outer = outer.parent;
      const holder = outer.parent;
      if (holder?.type === 'subscript' && holder.childForFieldName('value')?.startIndex !== outer.startIndex) return true;
      if (holder?.type === 'slice' || isRangeArgument(holder, semantic)) return true;
      onlySubscripts = false;
      return false;
    }
    if (parent?.type === 'subscript' && parent.childrenForFieldName('subscript').length === 1 && parent.childForFieldName('subscript')?.startIndex === node.startIndex) {
      const target = parent.childForFieldName('value')!;
      if (sameExpression(target, seq)) readsSeq = true;
      else if (target.type !== 'identifier' && target.type !== 'attribute') onlySubscripts = false;
      else others.set(target.text.replace(/\s+/g, ''), target);
      return false;
    }
    onlySubscripts = false;
    return false;
  });
  if (blocked || !readsSeq) return undefined;
  others.delete(seq.text.replace(/\s+/g, ''));
  return { onlySubscripts, others };
}

/** Whether the name at the root of `sequence` (`row` in `row.cells`) is bound inside the loop body, e.g. by an inner `for`. */
function boundInside(sequence: SyntaxNode, body: SyntaxNode, semantic: SemanticModel): boolean {
  let root = sequence;
  while (root.type === 'attribute') root = root.childForFieldName('object') ?? root;
  if (root.type !== 'identifier') return false;
  const resolution = semantic.resolve(root);
  return resolution?.kind === 'binding' && resolution.bindings.some((binding) => binding.startIndex >= body.startIndex && binding.endIndex <= body.endIndex);
}

/** Whether `node` is the argument list of a call to the builtin `range`. */
function isRangeArgument(node: SyntaxNode | null | undefined, semantic: SemanticModel): boolean {
  if (node?.type !== 'argument_list') return false;
  const call = node.parent;
  return call?.type === 'call' && semantic.qualifiedName(call.childForFieldName('function')) === 'builtins.range';
}
