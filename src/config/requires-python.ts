import { TARGET_VERSIONS, type TargetVersion } from './keys.js';
import { KeyLocator } from './locate.js';
import type { TomlFile } from './toml-file.js';
import { isTable } from './validate.js';

/** The oldest Python a project declares in `[project] requires-python`, with where it is written. */
export interface DeclaredPython {
  readonly target: TargetVersion;
  readonly specifier: string;
  readonly file: string;
  readonly line?: number;
}

/**
 * The target version a pyproject.toml implies through `[project] requires-python`
 * (PEP 621), as ruff infers its own: the lowest Python the specifier admits,
 * clamped to the versions pitfall knows. Undefined when the file has no such
 * field, or one pitfall cannot read with certainty (then the default applies).
 */
export function declaredPython(file: TomlFile): DeclaredPython | undefined {
  const project = file.table.project;
  if (!isTable(project)) return undefined;
  const specifier = project['requires-python'];
  if (typeof specifier !== 'string') return undefined;
  const lowest = lowestPython(specifier);
  if (!lowest) return undefined;
  return { target: clampToKnown(lowest), specifier, file: file.path, line: new KeyLocator(file.text).lineOf(['project', 'requires-python']) };
}

/** One clause of a PEP 440 version specifier: an operator and a release like `3.10` or `3.10.*`. */
const CLAUSE = /^(~=|===|==|!=|<=|>=|<|>)\s*v?(\d+)(?:\.(\d+|\*))?(?:\.(?:\d+|\*))*(?:[-_.]?(?:a|b|rc|alpha|beta|c|pre|preview|post|dev)\d*)*(?:\+[a-z0-9.]+)?$/i;

/**
 * The lowest major.minor a specifier set admits, from its lower bounds
 * (`>=3.9`, `>3.8`, `~=3.10`, `==3.11.*`); clauses that only exclude or cap
 * (`!=`, `<`, `<=`) do not raise it. Undefined when there is no lower bound or
 * some clause is not a PEP 440 specifier (a Poetry-style `^3.8`, say).
 */
export function lowestPython(specifier: string): readonly [number, number] | undefined {
  let lowest: [number, number] | undefined;
  for (const raw of specifier.split(',')) {
    const clause = raw.trim();
    if (clause === '') continue;
    const match = CLAUSE.exec(clause);
    if (!match) return undefined;
    const [, operator, majorText, minorText] = match;
    if (operator === '!=' || operator === '<' || operator === '<=') continue;
    const version: [number, number] = [Number(majorText), minorText === undefined || minorText === '*' ? 0 : Number(minorText)];
    if (!lowest || compare(version, lowest) > 0) lowest = version;
  }
  return lowest;
}

function compare(a: readonly [number, number], b: readonly [number, number]): number {
  return a[0] !== b[0] ? a[0] - b[0] : a[1] - b[1];
}

/** Older than pitfall's oldest known version means that one (what rules check is the same); newer means the newest. */
function clampToKnown(version: readonly [number, number]): TargetVersion {
  const known = TARGET_VERSIONS.map((name) => [name, [Number(name[2]), Number(name.slice(3))] as const] as const);
  const oldest = known[0]!;
  const newest = known[known.length - 1]!;
  if (compare(version, oldest[1]) <= 0) return oldest[0];
  if (compare(version, newest[1]) >= 0) return newest[0];
  return known.find(([, known]) => compare(known, version) === 0)?.[0] ?? oldest[0];
}
