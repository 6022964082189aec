import { defineRule, type SyntaxNode } from '../../src/core/rule.js';
import type { SemanticModel } from '../../src/semantic/index.js';
import { unparenthesized, usesOfName } from '../../src/analysis/collections.js';

export default defineRule({
  id: 'COL006',
  name: 'sorted-top-k',
  concept: 'collections',
  level: 'note',
  enabledByDefault: true,
  category: 'performance',
  precision: 'high',
  usesSemanticModel: true,
  message: '`sorted(...)[:{k}]` sorts every item to keep only the first `{k}`; use `{replacement}`',
  create(context) {
    const semantic = context.semantic;
    return {
      subscript(subscript) {
        const call = unparenthesized(subscript.childForFieldName('value'));
        if (call?.type !== 'call' || semantic.qualifiedName(call.childForFieldName('function')) !== 'builtins.sorted') return;
        const k = headSliceStop(subscript);
        if (!k) return;
        const parts = sortedArguments(call);
        if (!parts) return;
        // Code that already compares `k` with something (`if n >= size:`) chose the full sort on purpose.
        if (k.type === 'identifier' && guardedBy(subscript, k.text, semantic)) return;
        const kText = context.text(k);
        const keyText = parts.key ? `, key=${context.text(parts.key)}` : '';
        let replacement: string;
        if (parts.reverse && isCountOrder(parts, semantic)) {
          replacement = `collections.Counter(...).most_common(${kText})`;
        } else {
          replacement = `heapq.${parts.reverse ? 'nlargest' : 'nsmallest'}(${kText}, ...${keyText.length <= 40 ? keyText : ', key=...'})`;
        }
        context.report(subscript, { k: kText, replacement });
      },
    };
  },
});

/** Whether an `if`/`elif` around the node (in its own function) tests the name `k`. */
function guardedBy(node: SyntaxNode, name: string, semantic: SemanticModel): boolean {
  const boundary = semantic.scopeOf(node).node;
  const path = semantic.ancestors(node);
  for (let i = path.length - 1; i >= 0; i--) {
    const ancestor = path[i]!;
    if (ancestor.startIndex === boundary.startIndex && ancestor.type === boundary.type) break;
    if (ancestor.type !== 'if_statement' && ancestor.type !== 'elif_clause' && ancestor.type !== 'while_statement') continue;
    const condition = ancestor.childForFieldName('condition');
    if (condition && usesOfName(condition, name).length > 0) return true;
  }
  return false;
}

/** `[:k]` or `[0:k]` with `k` an integer literal or a plain name: `k`. */
function headSliceStop(subscript: SyntaxNode): SyntaxNode | undefined {
  const indexes = subscript.childrenForFieldName('subscript');
  if (indexes.length !== 1 || indexes[0]!.type !== 'slice') return undefined;
  const slice = indexes[0]!;
  // Parts of a slice by position around its colons: [start] : [stop] [: step]
  const parts: (SyntaxNode | null)[] = [null];
  for (const child of slice.children) {
    if (child.type === ':') parts.push(null);
    else if (child.type !== 'comment') parts[parts.length - 1] = child;
  }
  if (parts.length !== 2) return undefined;
  const [start, stop] = parts;
  if (start && !(start.type === 'integer' && start.text === '0')) return undefined;
  if (!stop || (stop.type !== 'integer' && stop.type !== 'identifier')) return undefined;
  return stop;
}

/** `sorted(items, key=..., reverse=True|False)`: one positional argument and literal `reverse`, else undefined. */
function sortedArguments(call: SyntaxNode): { items: SyntaxNode; key: SyntaxNode | undefined; reverse: boolean } | undefined {
  const args = call.childForFieldName('arguments');
  if (args?.type !== 'argument_list') return undefined;
  let items: SyntaxNode | undefined;
  let key: SyntaxNode | undefined;
  let reverse = false;
  for (const arg of args.namedChildren) {
    if (arg.type === 'comment') continue;
    if (arg.type === 'keyword_argument') {
      const name = arg.childForFieldName('name')?.text;
      const value = arg.childForFieldName('value');
      if (name === 'key' && value) key = value;
      else if (name === 'reverse' && (value?.type === 'true' || value?.type === 'false')) reverse = value.type === 'true';
      else return undefined;
    } else if (arg.type === 'list_splat' || arg.type === 'dictionary_splat' || items) {
      return undefined;
    } else {
      items = arg;
    }
  }
  return items ? { items, key, reverse } : undefined;
}

/** `sorted(d.items(), key=lambda kv: kv[1], ...)` or `key=operator.itemgetter(1)`: ranking a dict's entries by their values. */
function isCountOrder(parts: { items: SyntaxNode; key: SyntaxNode | undefined }, semantic: SemanticModel): boolean {
  const items = unparenthesized(parts.items);
  const callee = items?.type === 'call' ? items.childForFieldName('function') : null;
  if (callee?.type !== 'attribute' || callee.childForFieldName('attribute')?.text !== 'items') return false;
  const key = unparenthesized(parts.key);
  if (!key) return false;
  if (key.type === 'lambda') {
    const params = key.childForFieldName('parameters')?.namedChildren ?? [];
    const body = unparenthesized(key.childForFieldName('body'));
    if (params.length !== 1 || params[0]!.type !== 'identifier' || body?.type !== 'subscript') return false;
    const index = body.childrenForFieldName('subscript');
    return body.childForFieldName('value')?.text === params[0]!.text && index.length === 1 && index[0]!.text === '1';
  }
  if (key.type === 'call' && semantic.qualifiedName(key.childForFieldName('function')) === 'operator.itemgetter') {
    const args = key.childForFieldName('arguments')?.namedChildren ?? [];
    return args.length === 1 && args[0]!.text === '1';
  }
  return false;
}
