import Parser from 'tree-sitter';
import Python from 'tree-sitter-python';
import { LineIndex } from '../core/positions.js';
import {
  DEFAULT_TARGET_VERSION,
  formatMessage,
  runsOn,
  type PythonVersion,
  type FixSuggestion,
  type RuleContext,
  type RuleDefinition,
  type Span,
  type SyntaxNode,
  type Visitor,
} from '../core/rule.js';
import type { Finding, Fix, Level, Problem } from '../core/types.js';
import { buildSemanticModel } from '../semantic/index.js';
import { lazySemanticModel } from './lazy-model.js';
import { SYNTAX_ERROR_RULE } from '../../rules/syntax/syntax-error.js';
import { EventRecorder } from './recorder.js';
import { walkTree, type WalkHandler } from './walker.js';

export interface LintResult {
  readonly findings: Finding[];
  readonly problems: Problem[];
  /** Comments that may steer pitfall (`# noqa…`, `# pitfall: …`), in source order. */
  readonly directives: DirectiveComment[];
}

export interface DirectiveComment {
  /** 1-based line the comment is on. */
  readonly line: number;
  readonly text: string;
}

/** Cheap pre-check: a file without these words has no directive comments, and its comments are not collected. */
const DIRECTIVE_WORDS = /noqa|pitfall:/i;

export interface LinterOptions {
  /** The rules to run; SYN001 among them means syntax errors are reported. */
  readonly rules: readonly RuleDefinition[];
  /** Per-rule level overrides, by rule id. */
  readonly levels?: ReadonlyMap<string, Level>;
  /** The oldest Python the code must run on; default 3.9. */
  readonly targetVersion?: PythonVersion;
}

interface Registered {
  readonly rule: RuleDefinition;
  readonly visit: Visitor;
}

/**
 * Lints Python source text: parse, one walk dispatching nodes to the rules that
 * asked for their type, findings out. Holds a parser and nothing that one file
 * could leak into the next, so each worker thread can own one.
 */
export class Linter {
  private readonly parser = new Parser();
  private readonly reportSyntaxErrors: boolean;
  private readonly rules: readonly RuleDefinition[];
  /** Some rule reads the semantic model: build it for every file, in the dispatch walk. */
  private readonly withModel: boolean;

  constructor(private readonly options: LinterOptions) {
    this.parser.setLanguage(Python as unknown as Parser.Language);
    this.reportSyntaxErrors = options.rules.some((rule) => rule.id === SYNTAX_ERROR_RULE.id);
    this.rules = options.rules.filter((rule) => rule.id !== SYNTAX_ERROR_RULE.id);
    this.withModel = this.rules.some((rule) => rule.usesSemanticModel === true);
  }

  lintText(path: string, text: string): LintResult {
    // Python reads a lone CR as a line break; tree-sitter does not. Same length, so offsets stay put.
    const source = text.includes('\r') ? text.replace(/\r(?!\n)/g, '\n') : text;
    const tree = this.parser.parse(source);
    const lines = new LineIndex(source);
    const findings: Finding[] = [];
    const problems: Problem[] = [];

    const toFinding = (rule: RuleDefinition, span: Span, message: string, fix?: FixSuggestion): Finding => ({
      ruleId: rule.id,
      ruleName: rule.name,
      concept: rule.concept,
      level: this.options.levels?.get(rule.id) ?? rule.level,
      message,
      path,
      start: lines.position(span.startIndex),
      end: lines.position(span.endIndex),
      lineText: lines.lineText(lines.lineOf(span.startIndex) + 1),
      ...(fix ? { fix: toFix(fix, lines) } : {}),
    });

    const semantic = lazySemanticModel(() => buildSemanticModel(tree, source));

    const enter = new Map<string, Registered[]>();
    const exit = new Map<string, Registered[]>();
    for (const rule of this.rules) {
      if (!runsOn(rule, path)) continue;
      const context: RuleContext = {
        path,
        source,
        targetVersion: this.options.targetVersion ?? DEFAULT_TARGET_VERSION,
        text: (span) => source.slice(span.startIndex, span.endIndex),
        report: (span, data, options) => {
          findings.push(toFinding(rule, span, formatMessage(rule.message, data), options?.fix));
        },
        semantic: semantic.model,
      };
      const visitors = rule.create(context);
      for (const [key, visit] of Object.entries(visitors)) {
        const isExit = key.endsWith(':exit');
        const table = isExit ? exit : enter;
        const type = isExit ? key.slice(0, -':exit'.length) : key;
        let list = table.get(type);
        if (!list) table.set(type, (list = []));
        list.push({ rule, visit });
      }
    }

    const crashed = new Set<string>();
    const runAll = (registered: readonly Registered[]) => (node: SyntaxNode): void => {
      for (const { rule, visit } of registered) {
        if (crashed.has(rule.id)) continue;
        try {
          visit(node);
        } catch (error) {
          crashed.add(rule.id);
          problems.push({
            path,
            kind: 'internal',
            message: `internal error in rule ${rule.id} (${rule.name}), which was stopped for this file: ${describe(error)}`,
          });
        }
      }
    };

    const syntax = SYNTAX_ERROR_RULE;
    const handler: WalkHandler = {
      visitorsFor: (type) => {
        const onEnter = enter.get(type);
        const onExit = exit.get(type);
        if (!onEnter && !onExit) return undefined;
        return { ...(onEnter ? { enter: runAll(onEnter) } : {}), ...(onExit ? { exit: runAll(onExit) } : {}) };
      },
      error: (node) => {
        if (this.reportSyntaxErrors) {
          findings.push(toFinding(syntax, node, formatMessage(syntax.message, { detail: describeErrorRegion(node, source) })));
        }
      },
      missing: (node) => {
        if (this.reportSyntaxErrors) {
          findings.push(toFinding(syntax, node, formatMessage(syntax.message, { detail: `Could not parse: expected \`${node.type}\` here` })));
        }
      },
    };
    const directives: DirectiveComment[] = [];
    if (DIRECTIVE_WORDS.test(source)) {
      // A comment in an unparsable region can be met twice: with the region, and again if a walk enters it.
      const seen = new Set<number>();
      handler.comment = (startIndex, endIndex) => {
        if (seen.has(startIndex)) return;
        seen.add(startIndex);
        const text = source.slice(startIndex, endIndex);
        if (DIRECTIVE_WORDS.test(text)) directives.push({ line: lines.lineOf(startIndex) + 1, text });
      };
    }
    if (this.withModel) {
      // One pass builds the model and records the dispatch; rules run after, on the complete model.
      const recorder = new EventRecorder(tree, handler, new Set([...enter.keys(), ...exit.keys()]));
      semantic.provide(buildSemanticModel(tree, source, recorder));
      recorder.replay();
    } else {
      walkTree(tree, handler);
    }
    directives.sort((a, b) => a.line - b.line);
    return { findings, problems, directives };
  }
}

function describeErrorRegion(node: SyntaxNode, source: string): string {
  const text = source.slice(node.startIndex, Math.min(node.endIndex, node.startIndex + 40));
  const firstLine = text.split(/\r\n|\r|\n/, 1)[0]!.trim();
  return firstLine ? `Could not parse the code starting at \`${firstLine}\`` : 'Could not parse this region';
}

function toFix(fix: FixSuggestion, lines: LineIndex): Fix {
  return {
    description: fix.description,
    edits: fix.edits.map((edit) => ({
      start: lines.position(edit.span.startIndex),
      end: lines.position(edit.span.endIndex),
      replacement: edit.replacement,
    })),
  };
}

function describe(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
