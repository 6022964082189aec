import { defineRule, type SyntaxNode, type Visitors } from '../../src/core/rule.js';
import type { ClassInfo, SemanticModel } from '../../src/semantic/index.js';
import {
  baseCallee,
  className,
  decoratorSlots,
  localClassOf,
  slotsOf,
  stringLiteral,
} from '../../src/analysis/classes.js';
import { builtinAncestry, builtinExceptionName, caughtTypes, isBareExcept } from '../../src/analysis/exceptions.js';
import { unparenthesized } from '../../src/analysis/collections.js';

/** Imported bases whose instances have no `__dict__` and no settable attributes of their own. */
const SLOTTED_BASES = new Set([
  'builtins.object',
  'builtins.int',
  'builtins.float',
  'builtins.complex',
  'builtins.str',
  'builtins.bytes',
  'builtins.tuple',
  'builtins.frozenset',
  'typing.Generic',
  'typing_extensions.Generic',
  'abc.ABC',
]);

/** Overriding any of these changes what attribute assignment or lookup does. */
const ATTRIBUTE_HOOKS = ['__setattr__', '__getattr__', '__getattribute__', '__delattr__'];

/** Methods whose first parameter is the class, not an instance. */
const IMPLICIT_CLASS_METHODS = new Set(['__new__', '__init_subclass__', '__class_getitem__']);

/** What may be assigned on instances of a fully slotted class. */
interface SlotLayout {
  readonly cls: ClassInfo;
  /** Mangled slot names and class-body names (properties and other descriptors) of the class and its bases. */
  readonly allowed: ReadonlySet<string>;
}

export default defineRule({
  id: 'SLO003',
  name: 'assigning-non-slot',
  concept: 'slots',
  level: 'error',
  enabledByDefault: true,
  category: 'correctness',
  precision: 'high',
  usesSemanticModel: true,
  message: 'Class `{cls}` {problem}; {remedy}',
  create(context): Visitors {
    // Only classes declaring `__slots__` are checked.
    if (!/__slots__/.test(context.source)) return {};
    const semantic = context.semantic;
    const layouts = new Map<number, SlotLayout | null>();

    const layoutOf = (info: ClassInfo): SlotLayout | null => {
      let layout = layouts.get(info.node.startIndex);
      if (layout === undefined) {
        layout = computeLayout(semantic, info);
        layouts.set(info.node.startIndex, layout);
      }
      return layout;
    };

    /** The slotted class whose instance `object` is: the receiver of one of its methods. */
    const receiverLayout = (object: SyntaxNode | null): SlotLayout | null => {
      if (object?.type !== 'identifier') return null;
      const resolution = semantic.resolve(object);
      if (resolution?.kind !== 'binding' || resolution.bindings.length !== 1) return null;
      const binding = resolution.bindings[0]!;
      if (binding.kind !== 'parameter' || binding.scope.kind !== 'function') return null;
      const method = semantic.functionInfo(binding.scope.node);
      if (!method?.isMethod || !method.class || method.parameters[0] !== binding) return null;
      if (IMPLICIT_CLASS_METHODS.has(method.name)) return null;
      if (method.decorators.length > 0) {
        if (!method.decorators.every((decorator) => isPlainMethodDecorator(semantic, decorator))) return null;
      }
      return layoutOf(method.class);
    };

    const checkTarget = (statement: SyntaxNode, target: SyntaxNode): void => {
      const object = target.childForFieldName('object');
      const attribute = target.childForFieldName('attribute');
      if (!attribute) return;
      const name = context.text(attribute);
      // `__class__` and other dunders are object's own; `__dict__` is reported where it is read.
      if (name.startsWith('__') && name.endsWith('__')) return;
      const layout = receiverLayout(object);
      if (!layout || layout.allowed.has(mangle(name, layout.cls.name))) return;
      const receiver = context.text(object!);
      context.report(statement, {
        cls: className(layout.cls),
        problem: `has \`__slots__\` without \`${name}\`, so \`${receiver}.${name} = ...\` raises \`AttributeError\``,
        remedy: `add \`"${name}"\` to \`__slots__\``,
      });
    };

    const checkAssignment = (statement: SyntaxNode): void => {
      const left = statement.childForFieldName('left');
      for (const target of attributeTargets(left)) checkTarget(statement, target);
    };

    return {
      assignment: checkAssignment,
      augmented_assignment: checkAssignment,
      attribute(node) {
        // Cheap text test first: attributes are everywhere, `.__dict__` is rare.
        if (!context.source.startsWith('__dict__', node.endIndex - 8)) return;
        const attribute = node.childForFieldName('attribute');
        if (!attribute || context.text(attribute) !== '__dict__') return;
        const object = node.childForFieldName('object');
        const layout = receiverLayout(object);
        if (!layout) return;
        const receiver = context.text(object!);
        if (isGuardedRead(semantic, node, object!)) return;
        context.report(node, {
          cls: className(layout.cls),
          problem: `has \`__slots__\` and no \`__dict__\`, so \`${receiver}.__dict__\` raises \`AttributeError\``,
          remedy: 'read the attributes named in `__slots__` with `getattr`, or add `"__dict__"` to `__slots__`',
        });
      },
    };
  },
});

/**
 * The layout of a class whose every instance is slotted, as far as the module
 * shows: the class and all its bases declare literal `__slots__` without
 * `__dict__`, every base is a module class or a known slotted one, nothing
 * hooks attribute access, no metaclass or unknown decorator could change the
 * class, and no module subclass widens it. Null otherwise.
 */
function computeLayout(semantic: SemanticModel, info: ClassInfo): SlotLayout | null {
  const allowed = new Set<string>();
  const seen = new Set<number>();
  const queue: ClassInfo[] = [info];
  while (queue.length > 0) {
    const current = queue.shift()!;
    if (seen.has(current.node.startIndex)) continue;
    seen.add(current.node.startIndex);
    if (!addClass(semantic, current, allowed)) return null;
    for (const base of current.bases) {
      const local = localClassOf(semantic, base);
      if (local) {
        queue.push(local);
        continue;
      }
      const qualified = base.type === 'identifier' || base.type === 'attribute' || base.type === 'subscript'
        ? semantic.qualifiedName(baseCallee(base))
        : undefined;
      if (qualified === undefined || !isSlottedImport(qualified)) return null;
    }
  }
  // A subclass in the module may supply the attribute (an abstract base that assigns what subclasses declare).
  for (const scope of semantic.scopes) {
    if (scope.kind !== 'class' || seen.has(scope.node.startIndex)) continue;
    const other = semantic.classInfo(scope.node);
    if (!other || !other.bases.some((base) => derivesFrom(semantic, base, seen))) continue;
    if (!addClass(semantic, other, allowed)) return null;
  }
  return { cls: info, allowed };
}

/** Adds a class's slots and body names to `allowed`; false when the class is not plainly slotted. */
function addClass(semantic: SemanticModel, info: ClassInfo, allowed: Set<string>): boolean {
  const slots = slotsOf(semantic, info);
  if (!slots || !slots.complete || slots.names.has('__dict__')) return false;
  if (info.keywords.length > 0 || decoratorSlots(semantic, info) !== 'unslotted') return false;
  if (ATTRIBUTE_HOOKS.some((hook) => info.scope.bindings.has(hook))) return false;
  for (const name of slots.names) allowed.add(mangle(name, info.name));
  for (const [name, bindings] of info.scope.bindings) {
    if (bindings.some((binding) => binding.kind !== 'annotation' && binding.kind !== 'delete')) allowed.add(mangle(name, info.name));
  }
  return true;
}

/** Whether a base expression names one of the classes in `classes` (by start offset). */
function derivesFrom(semantic: SemanticModel, base: SyntaxNode, classes: ReadonlySet<number>): boolean {
  const local = localClassOf(semantic, base);
  return local !== undefined && classes.has(local.node.startIndex);
}

function isSlottedImport(qualified: string): boolean {
  return SLOTTED_BASES.has(qualified) || qualified.startsWith('collections.abc.');
}

/** Decorators that keep the first parameter an instance. */
function isPlainMethodDecorator(semantic: SemanticModel, decorator: SyntaxNode): boolean {
  const callee = decorator.type === 'call' ? decorator.childForFieldName('function') : decorator;
  const name = semantic.qualifiedName(callee);
  return name === 'abc.abstractmethod' || name === 'typing.override' || name === 'typing_extensions.override' || name === 'typing.final';
}

/** Python's private-name mangling: `__x` written in class `_Cls` is `_Cls__x`. */
function mangle(name: string, cls: string): string {
  if (!name.startsWith('__') || name.endsWith('__')) return name;
  const stripped = cls.replace(/^_+/, '');
  return stripped ? `_${stripped}${name}` : name;
}

/** The `X.NAME` targets of an assignment's left side, through tuple and list unpacking. */
function attributeTargets(left: SyntaxNode | null): SyntaxNode[] {
  const targets: SyntaxNode[] = [];
  const stack: SyntaxNode[] = left ? [left] : [];
  while (stack.length > 0) {
    const current = stack.pop()!;
    switch (current.type) {
      case 'attribute':
        targets.push(current);
        break;
      case 'pattern_list':
      case 'tuple_pattern':
      case 'list_pattern':
      case 'parenthesized_expression':
      case 'list_splat_pattern':
      case 'tuple':
      case 'list':
        for (const child of current.namedChildren) stack.push(child);
        break;
    }
  }
  return targets.reverse();
}

/** The exceptions whose handlers catch `AttributeError`. */
const CATCHES_ATTRIBUTE_ERROR = new Set(builtinAncestry('AttributeError'));

/**
 * Whether a `receiver.__dict__` read cannot raise where it stands: it runs only
 * after `hasattr(receiver, "__dict__")` held (an `if`, a conditional
 * expression, the right side of `and`), or inside a `try` whose handler
 * catches `AttributeError`. Looks at the enclosing nodes up to the method.
 */
function isGuardedRead(semantic: SemanticModel, read: SyntaxNode, receiver: SyntaxNode): boolean {
  const path = [...semantic.ancestors(read), read];
  for (let i = path.length - 2; i >= 0; i--) {
    const holder = path[i]!;
    const child = path[i + 1]!;
    switch (holder.type) {
      case 'function_definition':
      case 'lambda':
      case 'class_definition':
        return false;
      case 'if_statement':
      case 'elif_clause':
      case 'while_statement':
        if (isField(holder, 'consequence', child) || isField(holder, 'body', child)) {
          if (hasDictTest(semantic, holder.childForFieldName('condition'), receiver, false)) return true;
        }
        break;
      case 'else_clause': {
        const statement = path[i - 1];
        if (statement?.type === 'if_statement' && statement.childrenForFieldName('alternative').length === 1) {
          if (hasDictTest(semantic, statement.childForFieldName('condition'), receiver, true)) return true;
        }
        break;
      }
      case 'conditional_expression':
        // `a if test else b`: the first operand runs when the test held.
        if (holder.namedChild(0)?.startIndex === child.startIndex && hasDictTest(semantic, holder.namedChild(1), receiver, false)) return true;
        break;
      case 'boolean_operator':
        if (holder.childForFieldName('operator')?.type === 'and' && isField(holder, 'right', child)) {
          if (hasDictTest(semantic, holder.childForFieldName('left'), receiver, false)) return true;
        }
        break;
      case 'try_statement':
        if (isField(holder, 'body', child) && holder.namedChildren.some((clause) => clause.type === 'except_clause' && catchesAttributeError(semantic, clause))) return true;
        break;
    }
  }
  return false;
}

function isField(holder: SyntaxNode, field: string, child: SyntaxNode): boolean {
  return holder.childForFieldName(field)?.startIndex === child.startIndex;
}

/** `hasattr(receiver, "__dict__")`, alone or in an `and` chain; with `negated`, `not hasattr(...)`. */
function hasDictTest(semantic: SemanticModel, condition: SyntaxNode | null, receiver: SyntaxNode, negated: boolean): boolean {
  const test = unparenthesized(condition);
  if (!test) return false;
  if (negated) return test.type === 'not_operator' && hasDictTest(semantic, test.childForFieldName('argument'), receiver, false);
  if (test.type === 'boolean_operator' && test.childForFieldName('operator')?.type === 'and') {
    return hasDictTest(semantic, test.childForFieldName('left'), receiver, false) || hasDictTest(semantic, test.childForFieldName('right'), receiver, false);
  }
  if (test.type !== 'call' || semantic.qualifiedName(test.childForFieldName('function')) !== 'builtins.hasattr') return false;
  const args = test.childForFieldName('arguments')?.namedChildren.filter((arg) => arg.type !== 'comment') ?? [];
  return args.length === 2 && sameVariable(semantic, args[0]!, receiver) && stringLiteral(semantic, args[1]!) === '__dict__';
}

/** Two identifiers that name the same local variable (the method's receiver). */
function sameVariable(semantic: SemanticModel, a: SyntaxNode, b: SyntaxNode): boolean {
  if (a.type !== 'identifier' || b.type !== 'identifier') return false;
  const first = semantic.resolve(a);
  const second = semantic.resolve(b);
  return first?.kind === 'binding' && second?.kind === 'binding' && first.bindings.length === 1 && first.bindings[0] === second.bindings[0];
}

function catchesAttributeError(semantic: SemanticModel, clause: SyntaxNode): boolean {
  if (isBareExcept(clause)) return true;
  return caughtTypes(clause).some((type) => CATCHES_ATTRIBUTE_ERROR.has(builtinExceptionName(semantic, type) ?? ''));
}
