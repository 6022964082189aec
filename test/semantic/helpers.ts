import Parser from 'tree-sitter';
import Python from 'tree-sitter-python';
import { buildSemanticModel, type SemanticModel } from '../../src/semantic/index.js';
import type { SyntaxNode } from '../../src/core/rule.js';

const parser = new Parser();
parser.setLanguage(Python as unknown as Parser.Language);

export interface Analysed {
  readonly source: string;
  readonly tree: Parser.Tree;
  readonly model: SemanticModel;
  /** The identifier `name` at its `occurrence`-th appearance (0-based) as a whole word in the source. */
  name(name: string, occurrence?: number): SyntaxNode;
  /** The smallest node spanning the `occurrence`-th appearance of `text`. */
  node(text: string, occurrence?: number, type?: string): SyntaxNode;
}

/** Parses and models a snippet; leading indentation common to all lines is removed. */
export function analyse(code: string): Analysed {
  const source = dedent(code);
  const tree = parser.parse(source);
  const model = buildSemanticModel(tree, source);
  const find = (pattern: RegExp, occurrence: number, what: string): [number, number] => {
    let match: RegExpExecArray | null;
    let seen = 0;
    pattern.lastIndex = 0;
    while ((match = pattern.exec(source))) {
      if (seen++ === occurrence) return [match.index, match.index + match[0].length];
    }
    throw new Error(`${what} occurrence ${occurrence} not found`);
  };
  return {
    source,
    tree,
    model,
    name(name, occurrence = 0) {
      const [start, end] = find(new RegExp(`(?<![\\w.])${escape(name)}(?!\\w)`, 'g'), occurrence, name);
      const node = tree.rootNode.descendantForIndex(start, end);
      if (node.type !== 'identifier') throw new Error(`${name} #${occurrence} is a ${node.type}, not an identifier`);
      return node;
    },
    node(text, occurrence = 0, type) {
      const [start, end] = find(new RegExp(escape(text), 'g'), occurrence, text);
      let node: SyntaxNode | null = tree.rootNode.descendantForIndex(start, end);
      if (type) while (node && node.type !== type) node = node.parent;
      if (!node) throw new Error(`no ${type} around ${text}`);
      return node;
    },
  };
}

function escape(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

function dedent(code: string): string {
  const lines = code.replace(/^\n/, '').split('\n');
  const indents = lines.filter((line) => line.trim()).map((line) => /^ */.exec(line)![0].length);
  const cut = Math.min(...indents);
  return lines.map((line) => line.slice(cut)).join('\n');
}

/** Where a name read at a node resolves: `builtin`, `module`, `function f`, `class C`, `lambda`, `comprehension`, `star`, `unresolved`. */
export function whereResolved(model: SemanticModel, node: SyntaxNode): string {
  const resolution = model.resolve(node);
  if (!resolution) return 'not a name';
  if (resolution.kind !== 'binding') return resolution.kind;
  const scope = resolution.scope;
  return scope.name ? `${scope.kind} ${scope.name}` : scope.kind;
}
