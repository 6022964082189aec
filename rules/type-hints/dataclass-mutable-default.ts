import { defineRule, type FixSuggestion, type SyntaxNode } from '../../src/core/rule.js';
import { genericParts, typingName, unwrapType } from '../../src/analysis/annotations.js';
import { containerDisplayKind } from '../../src/analysis/containers.js';

/**
 * Calls returning a list, dict or set (or a dict subclass): `@dataclass` rejects
 * these defaults on every Python version.
 */
const FACTORIES: Readonly<Record<string, string>> = {
  'builtins.list': 'list',
  'builtins.dict': 'dict',
  'builtins.set': 'set',
  'collections.OrderedDict': 'OrderedDict',
  'collections.defaultdict': 'defaultdict',
  'collections.Counter': 'Counter',
};

/** How a kind reads in the message. */
const KIND_NAMES: Readonly<Record<string, string>> = {
  list: 'a list',
  dict: 'a dict',
  set: 'a set',
  OrderedDict: 'an `OrderedDict`',
};

/** Annotations that make a class attribute something other than a field. */
const NOT_FIELDS = new Set(['typing.ClassVar', 'dataclasses.InitVar']);

export default defineRule({
  id: 'TYP005',
  name: 'dataclass-mutable-default',
  concept: 'type-hints',
  level: 'error',
  enabledByDefault: true,
  category: 'correctness',
  precision: 'very-high',
  usesSemanticModel: true,
  message: 'Field `{field}` of dataclass `{cls}` defaults to {kind}, which `@dataclass` rejects with `ValueError`; use `field(default_factory={factory})`',
  create(context) {
    const semantic = context.semantic;
    let fieldName: string | null | undefined;

    /** How this file can name `dataclasses.field`: `field`, `dc.field`, or null when it cannot. */
    const fieldFunction = (): string | null => {
      if (fieldName !== undefined) return fieldName;
      fieldName = null;
      for (const [name, bindings] of semantic.module.bindings) {
        const binding = bindings[0];
        if (bindings.length !== 1 || !binding) continue;
        if (binding.kind === 'from-import' && binding.importedName === 'dataclasses.field') return (fieldName = name);
        if (binding.kind === 'import' && binding.importedName === 'dataclasses') {
          fieldName ??= `${name}.field`;
        }
      }
      return fieldName;
    };

    /** `[]`, `{}`, `set()`, `list()`, `dict()`: the factory builds the same value. */
    const isEmpty = (value: SyntaxNode): boolean => {
      if (value.type === 'list' || value.type === 'dictionary') return value.namedChildren.every((child) => child.type === 'comment');
      if (value.type !== 'call') return false;
      const args = value.childForFieldName('arguments');
      return !!args && args.namedChildren.every((child) => child.type === 'comment');
    };

    const mutableKind = (value: SyntaxNode): string | undefined => {
      const display = containerDisplayKind(value);
      if (display) return display;
      if (value.type !== 'call') return undefined;
      const qualified = semantic.qualifiedName(value.childForFieldName('function'));
      return qualified ? FACTORIES[qualified] : undefined;
    };

    const checkField = (cls: string, assignment: SyntaxNode): void => {
      const annotation = unwrapType(assignment.childForFieldName('type'));
      const value = assignment.childForFieldName('right');
      const target = assignment.childForFieldName('left');
      if (!annotation || !value || target?.type !== 'identifier') return;
      const head = genericParts(annotation)?.head ?? annotation;
      if (NOT_FIELDS.has(typingName(semantic, head) ?? '')) return;
      const field = context.text(target);

      let kind = mutableKind(value);
      let replaced: SyntaxNode = value;
      let viaField = false;
      if (!kind && value.type === 'call' && semantic.qualifiedName(value.childForFieldName('function')) === 'dataclasses.field') {
        // `field(default=[])`: the same check runs on the field's default.
        for (const argument of value.childForFieldName('arguments')?.namedChildren ?? []) {
          if (argument.type !== 'keyword_argument' || context.text(argument.childForFieldName('name') ?? argument) !== 'default') continue;
          const inner = argument.childForFieldName('value');
          kind = inner ? mutableKind(inner) : undefined;
          if (kind) {
            replaced = argument;
            viaField = true;
          }
        }
      }
      if (!kind) return;
      const emptyValue = viaField ? replaced.childForFieldName('value')! : value;
      const callee = emptyValue.type === 'call' ? emptyValue.childForFieldName('function') : null;
      const factory = !isEmpty(emptyValue) ? `lambda: ${context.text(emptyValue)}` : callee ? context.text(callee) : kind;
      let fix: FixSuggestion | undefined;
      // Only where the factory builds exactly the value written (an empty container) and `field` is importable as written.
      if (isEmpty(emptyValue) && kind !== 'defaultdict') {
        const fieldCall = viaField ? undefined : fieldFunction();
        if (viaField || fieldCall) {
          fix = {
            description: `Use \`default_factory=${factory}\``,
            edits: [{ span: replaced, replacement: viaField ? `default_factory=${factory}` : `${fieldCall}(default_factory=${factory})` }],
          };
        }
      }
      context.report(assignment, { field, cls, kind: KIND_NAMES[kind] ?? `a \`${kind}\``, factory }, fix ? { fix } : undefined);
    };

    return {
      class_definition(definition) {
        if (!semantic.isDecoratedWith(definition, 'dataclasses.dataclass')) return;
        const nameNode = definition.childForFieldName('name');
        const cls = nameNode ? context.text(nameNode) : '?';
        for (const statement of definition.childForFieldName('body')?.namedChildren ?? []) {
          if (statement.type !== 'expression_statement') continue;
          const assignment = statement.namedChildren.find((child) => child.type !== 'comment');
          if (assignment?.type === 'assignment') checkField(cls, assignment);
        }
      },
    };
  },
});
