/**
 * The baseline file: the findings a project has accepted for now, so that only
 * new ones are reported. Matching uses (path, rule, fingerprint); `line` and
 * `message` are there for the humans who read the file and review its diffs.
 */
export interface BaselineEntry {
  /** Relative to the baseline file's folder, `/`-separated. */
  readonly path: string;
  readonly rule: string;
  /** `pitfall/v1`: the same value SARIF carries in `partialFingerprints`. */
  readonly fingerprint: string;
  readonly message: string;
  readonly line: number;
}

export const BASELINE_VERSION = 1;

/** Deterministic: entries sorted, two-space indent, a final newline, so the same findings give the same bytes. */
export function formatBaseline(entries: readonly BaselineEntry[]): string {
  const findings = [...entries].sort(compareEntries).map(({ path, rule, fingerprint, message, line }) => ({ path, rule, fingerprint, message, line }));
  return `${JSON.stringify({ version: BASELINE_VERSION, tool: 'pitfall', findings }, null, 2)}\n`;
}

/** Why a text is not a baseline, with the JSON location of the first fault. */
export class BaselineFormatError extends Error {}

/** Reads a baseline file's text, checking every field, so that a damaged file is never half-applied. */
export function parseBaseline(text: string): BaselineEntry[] {
  let data: unknown;
  try {
    data = JSON.parse(text.replace(/^\uFEFF/, ''));
  } catch (error) {
    throw new BaselineFormatError(`not valid JSON (${(error as Error).message})`);
  }
  if (!isObject(data)) throw new BaselineFormatError('expected a JSON object with "version", "tool" and "findings"');
  if (data.tool !== 'pitfall') throw new BaselineFormatError('"tool" must be "pitfall"');
  if (data.version !== BASELINE_VERSION) throw new BaselineFormatError(`"version" is ${JSON.stringify(data.version) ?? 'missing'}; this pitfall reads version ${BASELINE_VERSION}`);
  if (!Array.isArray(data.findings)) throw new BaselineFormatError('"findings" must be an array');
  return data.findings.map((entry, index) => checkEntry(entry, `findings[${index}]`));
}

const FINGERPRINT = /^[0-9a-f]{16}:[1-9][0-9]*$/;

function checkEntry(entry: unknown, where: string): BaselineEntry {
  if (!isObject(entry)) throw new BaselineFormatError(`${where} must be an object`);
  const text = (key: string, valid: (value: string) => boolean, expected: string): string => {
    const value = entry[key];
    if (typeof value !== 'string' || !valid(value)) throw new BaselineFormatError(`${where}.${key} must be ${expected}`);
    return value;
  };
  const path = text('path', (value) => value !== '', 'a non-empty string');
  const rule = text('rule', (value) => value !== '', 'a rule id');
  const fingerprint = text('fingerprint', (value) => FINGERPRINT.test(value), 'a pitfall/v1 fingerprint such as "0123456789abcdef:1"');
  const message = text('message', () => true, 'a string');
  const line = entry.line;
  if (typeof line !== 'number' || !Number.isSafeInteger(line) || line < 1) throw new BaselineFormatError(`${where}.line must be a positive whole number`);
  return { path, rule, fingerprint, message, line };
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** By path, line, rule, then fingerprint and message, comparing UTF-16 code units so the order is the same everywhere. */
function compareEntries(a: BaselineEntry, b: BaselineEntry): number {
  return compare(a.path, b.path) || a.line - b.line || compare(a.rule, b.rule) || compare(a.fingerprint, b.fingerprint) || compare(a.message, b.message);
}

function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
