import { defineRule, type PythonVersion, type SyntaxNode, type Visitors } from '../../src/core/rule.js';
import { genericParts, typingName } from '../../src/analysis/annotations.js';

/** `typing` aliases of builtin classes, subscriptable since Python 3.9 (PEP 585). */
const BUILTIN_ALIASES: Readonly<Record<string, string>> = {
  'typing.List': 'list',
  'typing.Dict': 'dict',
  'typing.Set': 'set',
  'typing.FrozenSet': 'frozenset',
  'typing.Tuple': 'tuple',
  'typing.Type': 'type',
};

const PEP_585: PythonVersion = [3, 9];
const PEP_604: PythonVersion = [3, 10];
/** From here on, forward references inside `list[...]` resolve like those inside `List[...]`. */
const FORWARD_REFS_IN_BUILTINS: PythonVersion = [3, 11];

/** Where an annotation hangs from its parent: parameters, return types, annotated assignments. */
const ANNOTATED_PARENTS = new Set(['typed_parameter', 'typed_default_parameter', 'function_definition', 'assignment']);

/** Longer annotations are shown shortened in the message. */
const MAX_SHOWN = 48;

export default defineRule({
  id: 'TYP003',
  name: 'deprecated-typing-alias',
  concept: 'type-hints',
  level: 'note',
  enabledByDefault: true,
  category: 'maintainability',
  precision: 'high',
  checksStubs: true,
  usesSemanticModel: true,
  message: '`{written}` uses a deprecated `typing` alias; write `{suggestion}`, supported since Python {version}, which your target version includes',
  create(context): Visitors {
    const atLeast = (version: PythonVersion): boolean =>
      context.targetVersion[0] > version[0] || (context.targetVersion[0] === version[0] && context.targetVersion[1] >= version[1]);
    // Read on first use: the target version and the model are only needed when an annotation is met.
    let builtins: boolean | undefined;
    let unions = false;

    const checkAnnotation = (annotation: SyntaxNode): void => {
      // Every name and subscript in the annotation, outside strings; no recursion.
      const heads = new Set<number>();
      const stack: SyntaxNode[] = [annotation];
      while (stack.length > 0) {
        const node = stack.pop()!;
        if (node.type === 'string' || node.type === 'lambda' || node.type === 'call') continue;
        const generic = genericParts(node);
        if (generic) {
          heads.add(generic.head.startIndex);
          report(node, generic.head, generic.args);
        } else if (node.type === 'identifier' || node.type === 'attribute') {
          if (!heads.has(node.startIndex)) report(node, node, undefined);
          continue;
        }
        for (let i = node.namedChildCount - 1; i >= 0; i--) stack.push(node.namedChild(i)!);
      }
    };

    /** Reports `node` when `head` names a deprecated alias; `args` are its subscript arguments, if any. */
    const report = (node: SyntaxNode, head: SyntaxNode, args: SyntaxNode[] | undefined): void => {
      const qualified = typingName(context.semantic, head);
      if (!qualified) return;
      const builtin = BUILTIN_ALIASES[qualified];
      const long = context.text(node).length > MAX_SHOWN || context.text(node).includes('\n');
      const argsText = args && !long ? args.map((arg) => context.text(arg)).join(', ') : '...';
      const written = args ? `${context.text(head)}[${argsText}]` : context.text(head);
      if (builtin) {
        // Before 3.11, `get_type_hints` may leave `list["Node"]` unresolved where `List["Node"]` worked.
        if (!atLeast(FORWARD_REFS_IN_BUILTINS) && args?.some(containsString)) return;
        context.report(node, { written, suggestion: args ? `${builtin}[${argsText}]` : builtin, version: '3.9' });
        return;
      }
      if (!unions || !args || args.length === 0) return;
      // `Optional["Node"]` cannot become `"Node" | None`: `str | None` raises at run time.
      if (args.some((arg) => arg.type === 'string' || arg.type === 'concatenated_string')) return;
      let suggestion: string | undefined;
      if (qualified === 'typing.Optional' && args.length === 1) {
        suggestion = long ? '... | None' : `${context.text(args[0]!)} | None`;
      } else if (qualified === 'typing.Union') {
        suggestion = long ? '... | ...' : args.map((arg) => context.text(arg)).join(' | ');
      }
      if (suggestion) context.report(node, { written, suggestion, version: '3.10' });
    };

    return {
      type(node) {
        builtins ??= ((unions = atLeast(PEP_604)), atLeast(PEP_585));
        if (!builtins) return;
        const parent = node.parent;
        if (!parent || !ANNOTATED_PARENTS.has(parent.type)) return;
        const field = parent.type === 'function_definition' ? 'return_type' : 'type';
        if (parent.childForFieldName(field)?.startIndex !== node.startIndex) return;
        checkAnnotation(node);
      },
    };
  },
});

/** Whether an annotation has a quoted forward reference anywhere inside. */
function containsString(node: SyntaxNode): boolean {
  const stack = [node];
  while (stack.length > 0) {
    const current = stack.pop()!;
    if (current.type === 'string' || current.type === 'concatenated_string') return true;
    for (let i = 0; i < current.namedChildCount; i++) stack.push(current.namedChild(i)!);
  }
  return false;
}
