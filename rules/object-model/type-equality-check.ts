import { defineRule, type SyntaxNode, type Visitors } from '../../src/core/rule.js';
import type { SemanticModel } from '../../src/semantic/index.js';

/** The comparisons that ask for one exact type. */
const TYPE_OPERATORS = new Set(['==', '!=', 'is', 'is not']);

export default defineRule({
  id: 'OBJ002',
  name: 'type-equality-check',
  concept: 'object-model',
  level: 'note',
  enabledByDefault: true,
  category: 'correctness',
  precision: 'high',
  usesSemanticModel: true,
  message: '`{check}` {effect}; use `{suggestion}`',
  create(context): Visitors {
    const semantic = context.semantic;
    return {
      comparison_operator(node) {
        const operands: SyntaxNode[] = [];
        const operators: string[] = [];
        for (let i = 0; i < node.childCount; i++) {
          const child = node.child(i)!;
          if (child.type === 'comment') continue;
          if (node.fieldNameForChild(i) === 'operators') operators.push(child.type);
          else operands.push(child);
        }
        for (let i = 0; i < operators.length; i++) {
          const operator = operators[i]!;
          const left = operands[i];
          const right = operands[i + 1];
          if (!left || !right || !TYPE_OPERATORS.has(operator)) continue;
          const leftType = typeCallArgument(semantic, left);
          const rightType = typeCallArgument(semantic, right);
          // `type(a) is type(b)` compares two objects' exact types on purpose.
          if (leftType && rightType) continue;
          const subject = leftType ?? rightType;
          const other = leftType ? right : left;
          if (!subject || !namesAType(other)) continue;
          // `typing.Union` and the other special forms are no classes: `isinstance` rejects them with `TypeError`.
          if (isTypingSpecialForm(semantic, other)) continue;
          const otherName = semantic.qualifiedName(other);
          // Every class derives from `object`: `isinstance(x, object)` is always true, and `type(x) is object` asks for a bare sentinel.
          if (otherName === 'builtins.object') continue;
          // `self.__class__` and a classmethod's `cls` are the class of an object, like `type(y)` in `type(x) is type(y)`.
          if (isClassOfObject(semantic, other) || isClassReceiver(semantic, other)) continue;
          const negated = operator === '!=' || operator === 'is not';
          const test = flat(`isinstance(${context.text(subject)}, ${context.text(other)})`);
          const cls = flat(context.text(other));
          context.report(node, {
            check: flat(`${context.text(left)} ${operator} ${context.text(right)}`),
            // `bool`, `types.FunctionType`: with no subclass to reject, the test is only a long spelling of `isinstance`.
            effect: FINAL_CLASSES.has(otherName ?? '')
              ? `spells \`isinstance\` the long way (no class can derive from \`${cls}\`)`
              : `rejects subclasses of \`${cls}\``,
            suggestion: negated ? `not ${test}` : test,
          });
          // One finding per comparison: `type(a) is int is type(b)` is one check to rewrite.
          return;
        }
      },
    };
  },
});

/** The `x` of a one-argument `type(x)` call where `type` is the builtin. */
function typeCallArgument(semantic: SemanticModel, node: SyntaxNode): SyntaxNode | undefined {
  if (node.type !== 'call') return undefined;
  if (semantic.qualifiedName(node.childForFieldName('function')) !== 'builtins.type') return undefined;
  const args = node.childForFieldName('arguments');
  if (args?.type !== 'argument_list') return undefined;
  const values = args.namedChildren.filter((child) => child.type !== 'comment');
  if (values.length !== 1) return undefined;
  const only = values[0]!;
  if (only.type === 'keyword_argument' || only.type === 'list_splat' || only.type === 'dictionary_splat') return undefined;
  // `type(None)`, `type(...)`, `type(NotImplemented)`: spelling the class of a singleton or literal, not testing a value.
  if (LITERALS.has(only.type)) return undefined;
  if (only.type === 'identifier' && SINGLETONS.has(semantic.qualifiedName(only) ?? '')) return undefined;
  return only;
}

const LITERALS = new Set([
  'none', 'true', 'false', 'ellipsis', 'integer', 'float', 'string', 'concatenated_string',
  'list', 'tuple', 'dictionary', 'set', 'list_comprehension', 'dictionary_comprehension', 'set_comprehension',
  'generator_expression', 'lambda',
]);

const SINGLETONS = new Set(['builtins.NotImplemented', 'builtins.Ellipsis']);

/** Names in `typing` that are special forms rather than classes: `isinstance(x, typing.Union)` raises `TypeError`. */
const SPECIAL_FORMS = new Set([
  'Annotated', 'Any', 'ClassVar', 'Concatenate', 'Final', 'Literal', 'LiteralString', 'Never', 'NoReturn',
  'NotRequired', 'Optional', 'ReadOnly', 'Required', 'Self', 'TypeAlias', 'TypeGuard', 'TypeIs', 'Union', 'Unpack',
]);

function isTypingSpecialForm(semantic: SemanticModel, node: SyntaxNode): boolean {
  const qualified = semantic.qualifiedName(node);
  if (qualified === undefined) return false;
  const [module, name, ...rest] = qualified.split('.');
  return (module === 'typing' || module === 'typing_extensions') && rest.length === 0 && SPECIAL_FORMS.has(name ?? '');
}

/** Classes CPython marks final: no class can derive from them, so an exact type test rejects no subclass. */
const FINAL_CLASSES = new Set([
  'builtins.bool', 'builtins.slice', 'builtins.range', 'builtins.memoryview',
  ...[
    'AsyncGeneratorType', 'BuiltinFunctionType', 'BuiltinMethodType', 'CellType', 'ClassMethodDescriptorType', 'CodeType',
    'CoroutineType', 'EllipsisType', 'FrameType', 'FunctionType', 'GeneratorType', 'GetSetDescriptorType', 'LambdaType',
    'MappingProxyType', 'MemberDescriptorType', 'MethodDescriptorType', 'MethodType', 'MethodWrapperType', 'NoneType',
    'NotImplementedType', 'TracebackType', 'UnionType', 'WrapperDescriptorType',
  ].map((name) => `types.${name}`),
]);

/** `obj.__class__`: the exact class of an object, as `type(obj)` is. */
function isClassOfObject(semantic: SemanticModel, node: SyntaxNode): boolean {
  if (node.type !== 'attribute') return false;
  const attribute = node.childForFieldName('attribute');
  return attribute?.type === 'identifier' && semantic.text(attribute) === '__class__';
}

/** Methods whose first parameter is the class they were called on, without `@classmethod`. */
const IMPLICIT_CLASS_METHODS = new Set(['__new__', '__init_subclass__', '__class_getitem__']);

/**
 * Whether a name is the first parameter of a classmethod (or `__new__`): the
 * class the method runs for, chosen at run time like `type(self)`.
 */
function isClassReceiver(semantic: SemanticModel, node: SyntaxNode): boolean {
  if (node.type !== 'identifier') return false;
  const resolution = semantic.resolve(node);
  if (resolution?.kind !== 'binding' || resolution.bindings.length !== 1) return false;
  const binding = resolution.bindings[0]!;
  if (binding.kind !== 'parameter') return false;
  const method = semantic.functionInfo(binding.scope.node);
  if (!method?.isMethod || method.parameters[0] !== binding) return false;
  return IMPLICIT_CLASS_METHODS.has(method.name) || semantic.isDecoratedWith(method.node, 'builtins.classmethod');
}

/** A plain or dotted name, the way a class is written: not a literal, a call or an expression. */
function namesAType(node: SyntaxNode): boolean {
  return node.type === 'identifier' || node.type === 'attribute';
}

/** Source text on one line, for a message. */
function flat(text: string): string {
  return text.replace(/\s+/g, ' ');
}
