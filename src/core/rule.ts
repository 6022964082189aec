import type Parser from 'tree-sitter';
import type { Level } from './types.js';
import type { SemanticModel } from '../semantic/index.js';

export type SyntaxNode = Parser.SyntaxNode;

/** A Python version as [major, minor], e.g. [3, 9]. */
export type PythonVersion = readonly [number, number];

/** Without configuration, pitfall assumes code must still run on Python 3.9. */
export const DEFAULT_TARGET_VERSION: PythonVersion = [3, 9];

/** Anything with a UTF-16 start and end offset into the source: a node, or a span built from nodes. */
export interface Span {
  readonly startIndex: number;
  readonly endIndex: number;
}

/** The `{name}` placeholders of a message template, as a union of names. */
export type Placeholders<Template extends string> =
  Template extends `${string}{${infer Name}}${infer Rest}` ? Name | Placeholders<Rest> : never;

/** What `report` must pass for a template: exactly its placeholders. */
export type MessageData<Template extends string> = [Placeholders<Template>] extends [never]
  ? Record<string, never>
  : Record<Placeholders<Template>, string | number>;

/** A suggested rewrite, in source offsets; the engine converts it to positions. */
export interface FixSuggestion {
  readonly description: string;
  readonly edits: readonly { readonly span: Span; readonly replacement: string }[];
}

export interface ReportOptions {
  readonly fix?: FixSuggestion;
}

/** What a rule sees of the file it is linting. Rules never touch the file system or print. */
export interface RuleContext<Template extends string = string> {
  readonly path: string;
  readonly source: string;
  /** The source text of a node or span. */
  text(span: Span): string;
  report(span: Span, data: MessageData<Template>, options?: ReportOptions): void;
  /** The oldest Python the code must run on, as [major, minor]: rules about newer syntax or deprecations depend on it. */
  readonly targetVersion: PythonVersion;
  /** What the names of this file mean: scopes, bindings, resolution. Built on first access, once per file. */
  readonly semantic: SemanticModel;
}

export type Visitor = (node: SyntaxNode) => void;

/**
 * Visitors keyed by tree-sitter node type: `"for_statement"` runs when the walk
 * enters such a node, `"for_statement:exit"` when it leaves it.
 */
export type Visitors = Readonly<Record<string, Visitor>>;

/** What kind of harm the pitfall does: wrong behaviour, wasted time or memory, or code that is harder to read and change. */
export const RULE_CATEGORIES = ['correctness', 'performance', 'maintainability'] as const;
export type RuleCategory = (typeof RULE_CATEGORIES)[number];

/**
 * How often a finding is right on real code, the scale GitHub code scanning
 * sorts by: `very-high` when the pattern is wrong by construction, `high` when
 * a review on real code found no or few false positives, `medium` when the
 * rule needs judgement or many findings were debatable.
 */
export const RULE_PRECISIONS = ['very-high', 'high', 'medium'] as const;
export type RulePrecision = (typeof RULE_PRECISIONS)[number];

export interface RuleDefinition<Template extends string = string> {
  /** Stable forever: three capitals and three digits, e.g. `MUT001`. */
  readonly id: string;
  /** Names the pitfall, kebab-case, unique. */
  readonly name: string;
  /** The concept folder under `rules/` whose lesson explains this rule. */
  readonly concept: string;
  readonly level: Level;
  readonly enabledByDefault: boolean;
  /** What kind of harm the pitfall does (a SARIF tag, shown by `pitfall rules`). */
  readonly category: RuleCategory;
  /** How often a finding is right on real code (SARIF `precision`, shown by `pitfall rules`). */
  readonly precision: RulePrecision;
  /** One line: what is wrong here and what to do, with `{placeholders}` for the specifics. */
  readonly message: Template;
  /**
   * Set when the rule reads `context.semantic`: the engine then builds the model
   * in the same tree walk that dispatches nodes. A rule that reads it without
   * saying so still works, at the price of a second walk.
   */
  readonly usesSemanticModel?: boolean;
  /**
   * Set when the rule also runs on stub files (`.pyi`). Stubs describe types
   * and never run, so only rules about what annotations say (and about syntax
   * and suppressions) apply there; a rule about run-time behaviour would only
   * flag the shape of an API that the stub copies from its implementation.
   */
  readonly checksStubs?: boolean;
  /** Called once per file; the returned visitors share that file's state. */
  create(context: RuleContext<Template>): Visitors;
}

/** A stub (`.pyi`) holds only declarations. */
export function isStubFile(path: string): boolean {
  return path.endsWith('.pyi');
}

/** Whether the rule runs on the file at `path`: on a stub, only rules that check stubs do. */
export function runsOn(rule: Pick<RuleDefinition, 'checksStubs'>, path: string): boolean {
  return rule.checksStubs === true || !isStubFile(path);
}

/** Declares a rule; the identity function, there for the typing of `message` and `report`. */
export function defineRule<const Template extends string>(
  definition: RuleDefinition<Template>,
): RuleDefinition<Template> {
  return definition;
}

/** Fills a message template; a missing placeholder is a bug in the rule, so it throws. */
export function formatMessage(template: string, data: Readonly<Record<string, string | number>>): string {
  return template.replace(/\{(\w+)\}/g, (_, name: string) => {
    const value = data[name];
    if (value === undefined) throw new Error(`message placeholder {${name}} was not given`);
    return String(value);
  });
}
