import { defineRule, type SyntaxNode, type Visitors } from '../../src/core/rule.js';
import { genericParts, typingName } from '../../src/analysis/annotations.js';

const CHECKS: Readonly<Record<string, string>> = {
  'builtins.isinstance': 'isinstance',
  'builtins.issubclass': 'issubclass',
};

export default defineRule({
  id: 'TYP004',
  name: 'isinstance-non-runtime-protocol',
  concept: 'type-hints',
  level: 'error',
  enabledByDefault: true,
  category: 'correctness',
  precision: 'high',
  usesSemanticModel: true,
  message: '`{check}()` with protocol `{protocol}` raises `TypeError` because it is not `@runtime_checkable`; decorate `{protocol}` with `@typing.runtime_checkable`',
  create(context): Visitors {
    // Only a class deriving from `Protocol` can be misused here; any alias still spells it on its import line.
    if (!/\bProtocol\b/.test(context.source)) return {};
    const semantic = context.semantic;
    const verdicts = new Map<number, boolean>();

    /** The class statement a name refers to, when the name is bound once, by `class`. */
    const classOf = (node: SyntaxNode): SyntaxNode | undefined => {
      if (node.type !== 'identifier') return undefined;
      const resolution = semantic.resolve(node);
      if (resolution?.kind !== 'binding' || resolution.bindings.length !== 1) return undefined;
      const binding = resolution.bindings[0]!;
      return binding.kind === 'class' ? binding.definedScope?.node : undefined;
    };

    const isRuntimeCheckable = (definition: SyntaxNode): boolean =>
      semantic.isDecoratedWith(definition, 'typing.runtime_checkable') ||
      semantic.isDecoratedWith(definition, 'typing_extensions.runtime_checkable');

    /**
     * A protocol class (with `Protocol` among its bases) that is certainly not runtime
     * checkable: not decorated, and every other base is `Generic` or another such protocol of
     * this file. The decorator's effect is inherited at run time, and a base from elsewhere
     * might carry it, so any other base means "don't know".
     */
    const isPlainProtocol = (definition: SyntaxNode): boolean => {
      const cached = verdicts.get(definition.startIndex);
      if (cached !== undefined) return cached;
      let verdict = true;
      const seen = new Set<number>();
      const pending: SyntaxNode[] = [definition];
      while (pending.length > 0 && verdict) {
        const node = pending.pop()!;
        if (seen.has(node.startIndex)) continue;
        seen.add(node.startIndex);
        if (isRuntimeCheckable(node)) {
          verdict = false;
          break;
        }
        let isProtocol = false;
        for (const base of semantic.classInfo(node)?.bases ?? []) {
          const head = genericParts(base)?.head ?? base;
          const name = typingName(semantic, head);
          if (name === 'typing.Protocol') {
            isProtocol = true;
            continue;
          }
          if (name === 'typing.Generic') continue;
          const parent = classOf(head);
          if (!parent) {
            verdict = false;
            break;
          }
          pending.push(parent);
        }
        // The checked class must itself list `Protocol`, and so must the protocols it extends.
        if (!isProtocol) verdict = false;
      }
      verdicts.set(definition.startIndex, verdict);
      return verdict;
    };

    return {
      call(call) {
        const check = CHECKS[semantic.qualifiedName(call.childForFieldName('function')) ?? ''];
        if (!check) return;
        const args = call.childForFieldName('arguments')?.namedChildren.filter((child) => child.type !== 'comment') ?? [];
        const classes = args[1];
        if (args.length !== 2 || !classes) return;
        for (const candidate of candidates(classes)) {
          const definition = classOf(candidate);
          if (!definition || !isPlainProtocol(definition)) continue;
          context.report(call, { check, protocol: context.text(candidate) });
          return;
        }
      },
    };
  },
});

/** The class expressions of `isinstance`'s second argument: a name, a tuple of them, or `A | B`. */
function candidates(node: SyntaxNode): SyntaxNode[] {
  const found: SyntaxNode[] = [];
  const stack = [node];
  while (stack.length > 0) {
    const current = stack.pop()!;
    if (current.type === 'tuple' || current.type === 'parenthesized_expression') {
      stack.push(...current.namedChildren.filter((child) => child.type !== 'comment'));
    } else if (current.type === 'binary_operator' && current.childForFieldName('operator')?.type === '|') {
      for (const side of [current.childForFieldName('left'), current.childForFieldName('right')]) if (side) stack.push(side);
    } else if (current.type === 'identifier') {
      found.push(current);
    }
  }
  return found.sort((a, b) => a.startIndex - b.startIndex);
}
