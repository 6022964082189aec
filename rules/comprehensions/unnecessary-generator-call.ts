import { defineRule, type SyntaxNode, type Visitors } from '../../src/core/rule.js';
import { someNode } from '../../src/analysis/collections.js';
import { TextOccurrences } from '../../src/analysis/text-occurrences.js';

/** The comprehension each constructor call stands for, by qualified name. */
const COMPREHENSION_OF: Readonly<Record<string, { readonly shape: string; readonly kind: string }>> = {
  'builtins.list': { shape: '[... for ...]', kind: 'list' },
  'builtins.set': { shape: '{... for ...}', kind: 'set' },
  'builtins.dict': { shape: '{key: value for ...}', kind: 'dict' },
};

export default defineRule({
  id: 'GEN003',
  name: 'unnecessary-generator-call',
  concept: 'comprehensions',
  level: 'note',
  enabledByDefault: true,
  category: 'maintainability',
  precision: 'very-high',
  usesSemanticModel: true,
  message: '`{func}()` wraps a generator expression only to build a {func}; write the {func} comprehension `{shape}` directly',
  create(context): Visitors {
    // A generator expression spells `for`: a call without the word inside cannot take one as its argument.
    const fors = new TextOccurrences(context.source, ['for']);
    if (!fors.any) return {};
    return {
      call(call) {
        if (!fors.within(call)) return;
        // `list(x for x in y)`: the generator expression is the whole argument list.
        const generator = call.childForFieldName('arguments');
        if (generator?.type !== 'generator_expression') return;
        const qualified = context.semantic.qualifiedName(call.childForFieldName('function'));
        const target = qualified === undefined ? undefined : COMPREHENSION_OF[qualified];
        if (!target || isAsync(generator)) return;
        const body = generator.childForFieldName('body');
        if (!body) return;
        const inner = { startIndex: body.endIndex, endIndex: generator.endIndex - 1 };
        // A walrus, lambda or yield needs its own parentheses once it stands alone as a key or value.
        const part = (node: SyntaxNode): string =>
          ['named_expression', 'lambda', 'yield'].includes(node.type) ? `(${context.text(node)})` : context.text(node);
        let replacement: string;
        if (target.kind === 'dict') {
          // Only a literal pair `(k, v)` says which part is the key.
          const pair = body.type === 'tuple' ? body.namedChildren : [];
          if (pair.length !== 2 || pair.some((part) => part.type === 'list_splat' || part.type === 'comment')) return;
          replacement = `{${part(pair[0]!)}: ${part(pair[1]!)}${context.text(inner)}}`;
        } else {
          const open = target.kind === 'list' ? '[' : '{';
          const close = target.kind === 'list' ? ']' : '}';
          replacement = `${open}${context.text({ startIndex: generator.startIndex + 1, endIndex: generator.endIndex - 1 })}${close}`;
        }
        const data = { func: target.kind, shape: target.shape };
        // A rewrite would drop comments written inside the call: report without a fix then.
        if (someNode(call, (node) => node.type === 'comment')) {
          context.report(call, data);
          return;
        }
        context.report(call, data, {
          fix: {
            description: `Replace the \`${target.kind}()\` call with a ${target.kind} comprehension`,
            edits: [{ span: call, replacement }],
          },
        });
      },
    };
  },
});

/** `list(x async for x in y)` or an `await` inside: an async generator, which `list()` cannot consume anyway. */
function isAsync(generator: SyntaxNode): boolean {
  return someNode(generator, (node) => {
    if (node.type === 'await') return true;
    return node.type === 'for_in_clause' && node.children.some((child) => child.type === 'async');
  });
}
