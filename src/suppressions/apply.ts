import { formatMessage, runsOn, type RuleDefinition } from '../core/rule.js';
import type { Finding, Level, Position } from '../core/types.js';
import { UNUSED_SUPPRESSION_RULE } from '../../rules/suppressions/unused-suppression.js';
import { SYNTAX_ERROR_RULE } from '../../rules/syntax/syntax-error.js';
import type { Directive, NamedRule } from './directives.js';

export interface SuppressionContext {
  readonly path: string;
  /** The rules that ran on this file. */
  readonly enabled: readonly RuleDefinition[];
  /** Every rule pitfall knows, to tell a disabled rule from an unknown one. */
  readonly known: readonly RuleDefinition[];
  readonly levels?: ReadonlyMap<string, Level>;
  readonly lineText: (line: number) => string;
}

export interface Suppressed {
  /** What is reported: findings no comment suppressed, and PIT001 findings. */
  readonly findings: Finding[];
  readonly suppressed: Finding[];
}

interface Named {
  readonly rule: NamedRule;
  readonly line: number;
  readonly resolved?: RuleDefinition;
  used: boolean;
}

/**
 * Applies suppression comments to a file's findings. A finding is suppressed by
 * a `# noqa` on its first line, or by a `# noqa: …` / `# pitfall: ignore[…]`
 * on that line naming its rule by id or name; `# pitfall: skip-file`
 * suppresses everything. With PIT001 enabled, each named rule that suppressed
 * nothing is reported, itself subject to the same comments.
 */
export function applySuppressions(findings: readonly Finding[], directives: readonly Directive[], context: SuppressionContext): Suppressed {
  if (directives.some((directive) => directive.kind === 'skip-file')) return { findings: [], suppressed: [...findings] };

  const blanketLines = new Set<number>();
  const namedByLine = new Map<number, Named[]>();
  for (const directive of directives) {
    if (directive.kind === 'skip-file') continue;
    if (directive.rules === undefined) {
      blanketLines.add(directive.line);
      continue;
    }
    let list = namedByLine.get(directive.line);
    if (!list) namedByLine.set(directive.line, (list = []));
    for (const rule of directive.rules) list.push({ rule, line: directive.line, resolved: resolveRule(context.known, rule.text), used: false });
  }

  const kept: Finding[] = [];
  const suppressed: Finding[] = [];
  const sortOut = (finding: Finding): void => {
    const naming = (namedByLine.get(finding.start.line) ?? []).filter((named) => named.resolved?.id === finding.ruleId);
    for (const named of naming) named.used = true;
    if (naming.length > 0 || blanketLines.has(finding.start.line)) suppressed.push(finding);
    else kept.push(finding);
  };
  for (const finding of findings) sortOut(finding);

  if (context.enabled.some((rule) => rule.id === UNUSED_SUPPRESSION_RULE.id)) {
    const unparsed = unparsedLines(findings);
    const enabled = new Set(context.enabled.map((rule) => rule.id));
    const unused: Finding[] = [];
    for (const [line, names] of namedByLine) {
      const seen = new Set<string>();
      for (const named of names) {
        const reason = unusedReason(named, enabled, seen, unparsed(line), context.path);
        if (named.resolved) seen.add(named.resolved.id);
        if (reason) unused.push(unusedFinding(named, reason, context, line));
      }
    }
    // PIT001 findings go through the same comments: `# noqa: PIT001` on a line keeps them quiet.
    for (const finding of unused) sortOut(finding);
    for (const [line, names] of namedByLine) {
      for (const named of names) {
        if (named.resolved?.id !== UNUSED_SUPPRESSION_RULE.id || named.used) continue;
        const finding = unusedFinding(named, `\`${named.rule.text}\` reports nothing on this line`, context, line);
        (blanketLines.has(line) ? suppressed : kept).push(finding);
      }
    }
  }
  return { findings: kept, suppressed };
}

/** By exact id (any case) or name, as `pitfall rule` finds rules. */
function resolveRule(known: readonly RuleDefinition[], text: string): RuleDefinition | undefined {
  const upper = text.toUpperCase();
  const lower = text.toLowerCase();
  return known.find((rule) => rule.id === upper || rule.name === lower);
}

/** Whether a line lies in a region that could not be parsed (a SYN001 finding), where no other rule ran. */
function unparsedLines(findings: readonly Finding[]): (line: number) => boolean {
  const regions = findings.filter((finding) => finding.ruleId === SYNTAX_ERROR_RULE.id);
  return (line) => regions.some((region) => region.start.line <= line && line <= region.end.line);
}

/**
 * Why a named rule in a suppression comment is unused, or undefined when it is
 * not (or cannot be known: in an unparsable region only SYN001 ran, so silence
 * from any other rule there proves nothing).
 */
function unusedReason(
  named: Named,
  enabled: ReadonlySet<string>,
  seenOnLine: ReadonlySet<string>,
  inUnparsedRegion: boolean,
  path: string,
): string | undefined {
  const written = `\`${named.rule.text}\``;
  const rule = named.resolved;
  if (!rule) return `${written} is not a pitfall rule`;
  if (rule.id === UNUSED_SUPPRESSION_RULE.id) return undefined;
  if (seenOnLine.has(rule.id)) return `${written} names ${rule.id} a second time on this line`;
  if (named.used) return undefined;
  if (inUnparsedRegion && rule.id !== SYNTAX_ERROR_RULE.id && enabled.has(rule.id)) return undefined;
  const which = named.rule.text.toUpperCase() === rule.id ? written : `${written} (${rule.id})`;
  if (enabled.has(rule.id)) return `${which} reports nothing on this line`;
  return runsOn(rule, path) ? `${which} is not enabled for this file` : `${which} does not run on stub files (.pyi)`;
}

function unusedFinding(named: Named, reason: string, context: SuppressionContext, line: number): Finding {
  const rule = UNUSED_SUPPRESSION_RULE;
  const text = context.lineText(line);
  return {
    ruleId: rule.id,
    ruleName: rule.name,
    concept: rule.concept,
    level: context.levels?.get(rule.id) ?? rule.level,
    message: formatMessage(rule.message, { reason }),
    path: context.path,
    start: positionInLine(text, line, named.rule.start),
    end: positionInLine(text, line, named.rule.end),
    lineText: text,
  };
}

/** A position from a UTF-16 offset into one line's text: columns in code points and in UTF-16 units, 1-based. */
function positionInLine(text: string, line: number, offset: number): Position {
  return { line, column: [...text.slice(0, offset)].length + 1, utf16Column: offset + 1 };
}
