import type Parser from 'tree-sitter';

/**
 * Node types the semantic walk tells apart, as small integers, looked up by
 * the grammar's numeric type id: reading `cursor.nodeTypeId` and indexing an
 * array costs far less than building and comparing a type string per node.
 */
export const enum K {
  /** Any other named node with children: walked, names inside are read. */
  Generic,
  /** A token or named leaf with nothing to bind or read (punctuation, keywords, numbers, comments). */
  Leaf,
  /** A named node whose subtree holds no names (`pass`, `break`, `*` separators). */
  NoNames,
  Identifier,
  String,
  Error,
  Module,
  FunctionDef,
  ClassDef,
  Lambda,
  Parameters,
  /** `default_parameter`, `typed_parameter`, `typed_default_parameter` */
  Parameter,
  ListSplatPattern,
  DictSplatPattern,
  Comprehension,
  ForInClause,
  Block,
  Assignment,
  AugmentedAssignment,
  NamedExpression,
  ForStatement,
  WithItem,
  AsPattern,
  AsPatternTarget,
  ExceptClause,
  Import,
  ImportFrom,
  FutureImport,
  AliasedImport,
  DottedName,
  RelativeImport,
  WildcardImport,
  Global,
  Nonlocal,
  Delete,
  Attribute,
  Subscript,
  KeywordArgument,
  /** Nodes that stay targets inside a target: `a, b`, `(a, b)`, `[a, b]`, `*a` */
  TargetContainer,
  CaseClause,
  CasePattern,
  ClassPattern,
  KeywordPattern,
  SplatPattern,
  DictPattern,
  TypeParameter,
  TypeAlias,
  Type,
  ConstrainedType,
  SplatType,
  GenericType,
  Yield,
  /** Tokens that move a parent from one part to the next. */
  TokColon,
  TokEquals,
  TokAs,
  TokIn,
  TokFor,
  TokImport,
  TokDot,
  TokArrow,
  TokAsync,
  TokComma,
  TokLParen,
  TokStar,
  /** `)`, `]`, `}`: always the last child of their parent (only comments could follow). */
  TokClose,
}

/** Facts about a node type that let the walk skip children it has no use for. */
export const enum Shape {
  /** The first child is a fixed token that means nothing to the model (`return`, `(`, `lambda`). */
  LeadingToken = 1,
  /** Nothing meaningful follows a `block` child (`def`, `with`, `except`, `else`...). */
  BlockLast = 2,
  /** A `call`: nothing follows its argument list. */
  Call = 4,
  /** An `argument_list`. */
  ArgumentList = 8,
  /** A `decorated_definition`: nothing follows the definition. */
  Decorated = 16,
  /** A `for` or `while` statement: recorded in its scope, so most loop questions need no tree walk. */
  Loop = 32,
}

const SHAPES = new Map<string, number>([
  ...[
    'argument_list', 'parameters', 'parenthesized_expression', 'tuple', 'list', 'dictionary', 'set',
    'list_comprehension', 'set_comprehension', 'dictionary_comprehension', 'generator_expression',
    'list_pattern', 'tuple_pattern', 'dict_pattern', 'return_statement', 'if_statement', 'elif_clause',
    'else_clause', 'while_statement', 'try_statement', 'except_clause', 'except_group_clause',
    'finally_clause', 'raise_statement', 'assert_statement', 'delete_statement', 'global_statement',
    'nonlocal_statement', 'not_operator', 'await', 'decorator', 'class_definition', 'lambda',
    'import_statement', 'import_from_statement', 'future_import_statement', 'yield', 'list_splat',
    'dictionary_splat', 'list_splat_pattern', 'dictionary_splat_pattern', 'splat_pattern',
    'unary_operator', 'if_clause', 'match_statement', 'case_clause', 'type_alias_statement',
    'print_statement', 'exec_statement', 'interpolation', 'parenthesized_list_splat', 'type_parameter',
    'format_expression', 'string', 'chevron',
  ].map((type): [string, number] => [type, Shape.LeadingToken]),
]);
for (const type of ['function_definition', 'class_definition', 'with_statement', 'except_clause', 'except_group_clause', 'else_clause', 'finally_clause', 'elif_clause', 'case_clause']) {
  SHAPES.set(type, (SHAPES.get(type) ?? 0) | Shape.BlockLast);
}
SHAPES.set('call', Shape.Call);
SHAPES.set('argument_list', (SHAPES.get('argument_list') ?? 0) | Shape.ArgumentList);
SHAPES.set('decorated_definition', Shape.Decorated);
for (const type of ['for_statement', 'while_statement']) SHAPES.set(type, (SHAPES.get(type) ?? 0) | Shape.Loop);

const NAMED = new Map<string, K>(Object.entries({
  identifier: K.Identifier,
  string: K.String,
  ERROR: K.Error,
  module: K.Module,
  function_definition: K.FunctionDef,
  class_definition: K.ClassDef,
  lambda: K.Lambda,
  parameters: K.Parameters,
  lambda_parameters: K.Parameters,
  default_parameter: K.Parameter,
  typed_parameter: K.Parameter,
  typed_default_parameter: K.Parameter,
  list_splat_pattern: K.ListSplatPattern,
  dictionary_splat_pattern: K.DictSplatPattern,
  list_comprehension: K.Comprehension,
  set_comprehension: K.Comprehension,
  dictionary_comprehension: K.Comprehension,
  generator_expression: K.Comprehension,
  for_in_clause: K.ForInClause,
  block: K.Block,
  assignment: K.Assignment,
  augmented_assignment: K.AugmentedAssignment,
  named_expression: K.NamedExpression,
  for_statement: K.ForStatement,
  with_item: K.WithItem,
  as_pattern: K.AsPattern,
  as_pattern_target: K.AsPatternTarget,
  except_clause: K.ExceptClause,
  except_group_clause: K.ExceptClause,
  import_statement: K.Import,
  import_from_statement: K.ImportFrom,
  future_import_statement: K.FutureImport,
  aliased_import: K.AliasedImport,
  dotted_name: K.DottedName,
  relative_import: K.RelativeImport,
  wildcard_import: K.WildcardImport,
  global_statement: K.Global,
  nonlocal_statement: K.Nonlocal,
  delete_statement: K.Delete,
  attribute: K.Attribute,
  subscript: K.Subscript,
  keyword_argument: K.KeywordArgument,
  pattern_list: K.TargetContainer,
  tuple_pattern: K.TargetContainer,
  list_pattern: K.TargetContainer,
  tuple: K.TargetContainer,
  list: K.TargetContainer,
  parenthesized_expression: K.TargetContainer,
  expression_list: K.TargetContainer,
  list_splat: K.TargetContainer,
  case_clause: K.CaseClause,
  case_pattern: K.CasePattern,
  class_pattern: K.ClassPattern,
  keyword_pattern: K.KeywordPattern,
  splat_pattern: K.SplatPattern,
  dict_pattern: K.DictPattern,
  type_parameter: K.TypeParameter,
  type_alias_statement: K.TypeAlias,
  type: K.Type,
  constrained_type: K.ConstrainedType,
  splat_type: K.SplatType,
  generic_type: K.GenericType,
  yield: K.Yield,
  // leaves and name-free subtrees
  integer: K.Leaf,
  float: K.Leaf,
  true: K.Leaf,
  false: K.Leaf,
  none: K.Leaf,
  comment: K.Leaf,
  ellipsis: K.Leaf,
  string_start: K.Leaf,
  string_content: K.Leaf,
  string_end: K.Leaf,
  escape_sequence: K.Leaf,
  escape_interpolation: K.Leaf,
  type_conversion: K.Leaf,
  line_continuation: K.Leaf,
  pass_statement: K.NoNames,
  break_statement: K.NoNames,
  continue_statement: K.NoNames,
  keyword_separator: K.NoNames,
  positional_separator: K.NoNames,
  import_prefix: K.NoNames,
}));

const TOKENS = new Map<string, K>(Object.entries({
  ':': K.TokColon,
  '=': K.TokEquals,
  as: K.TokAs,
  in: K.TokIn,
  for: K.TokFor,
  import: K.TokImport,
  '.': K.TokDot,
  '->': K.TokArrow,
  async: K.TokAsync,
  ',': K.TokComma,
  '(': K.TokLParen,
  '*': K.TokStar,
  ')': K.TokClose,
  ']': K.TokClose,
  '}': K.TokClose,
}));

/**
 * Kind by grammar type id, filled as ids are met (the ids are fixed for the
 * grammar). Read it as `KINDS[id] ?? learnKind(id, cursor)`.
 */
export const KINDS: K[] = [];

/** Shape flags by grammar type id, filled by `learnKind` alongside `KINDS`. */
export const SHAPE_FLAGS: number[] = [];

/** The kind of the node under the cursor, whose type id is `id`, the first time that id is met. */
export function learnKind(id: number, cursor: Parser.TreeCursor): K {
  const type = cursor.nodeType;
  let kind: K;
  if (type === 'ERROR') kind = K.Error;
  else if (cursor.nodeIsNamed) kind = NAMED.get(type) ?? K.Generic;
  else if (type.includes(' ')) kind = K.NoNames; // `is not`, `not in`: tokens made of tokens
  else kind = TOKENS.get(type) ?? K.Leaf;
  if (id !== 0xffff) {
    KINDS[id] = kind;
    SHAPE_FLAGS[id] = cursor.nodeIsNamed ? (SHAPES.get(type) ?? 0) : 0;
  }
  return kind;
}
