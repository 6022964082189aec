import { defineRule, type SyntaxNode, type Visitors } from '../../src/core/rule.js';
import { plainArguments, someNode } from '../../src/analysis/collections.js';
import { TextOccurrences } from '../../src/analysis/text-occurrences.js';

/** Builtins that walk their argument exactly once, by qualified name, with what a generator adds beyond memory. */
const ONE_PASS_CONSUMERS: Readonly<Record<string, string>> = {
  'builtins.sum': '',
  'builtins.min': '',
  'builtins.max': '',
  'builtins.tuple': '',
  'builtins.frozenset': '',
  'builtins.any': ', which also lets `any()` stop at the first true item',
  'builtins.all': ', which also lets `all()` stop at the first false item',
};

export default defineRule({
  id: 'GEN002',
  name: 'materialized-reduction',
  concept: 'comprehensions',
  level: 'note',
  enabledByDefault: true,
  category: 'performance',
  precision: 'high',
  usesSemanticModel: true,
  message: '`{func}()` reads its argument once, yet a full list is built for it; drop the square brackets to pass a generator expression{benefit}',
  create(context): Visitors {
    // A comprehension spells `for`: a call without the word inside cannot take one as its argument.
    const fors = new TextOccurrences(context.source, ['for']);
    if (!fors.any) return {};
    return {
      call(call) {
        // Cheap tests first: this runs on every call in the file.
        if (!fors.within(call)) return;
        const list = call.childForFieldName('arguments');
        if (list?.type !== 'argument_list' || list.namedChildCount !== 1 || list.firstNamedChild?.type !== 'list_comprehension') return;
        const args = plainArguments(call);
        if (args?.length !== 1 || args[0]!.type !== 'list_comprehension') return;
        const qualified = context.semantic.qualifiedName(call.childForFieldName('function'));
        if (qualified === undefined) return;
        const benefit = ONE_PASS_CONSUMERS[qualified];
        if (benefit === undefined || isAsync(args[0]!)) return;
        // No fix: the generator runs interleaved with the consumer (and turns a
        // StopIteration inside it into RuntimeError), so the rewrite is not
        // behaviour-preserving in every program.
        context.report(call, { func: qualified.slice('builtins.'.length), benefit });
      },
    };
  },
});

/** `[x async for x in y]` or `[await f(x) for x in y]`: as a generator expression it would become an async generator. */
function isAsync(comprehension: SyntaxNode): boolean {
  return someNode(comprehension, (node) => {
    if (node.type === 'await') return true;
    return node.type === 'for_in_clause' && node.children.some((child) => child.type === 'async');
  });
}
