import Python from 'tree-sitter-python';

interface TypeInfo {
  readonly type: string;
  readonly named: boolean;
  readonly fields?: Record<string, { readonly types: readonly { readonly type: string; readonly named: boolean }[] }>;
  readonly children?: { readonly types: readonly { readonly type: string; readonly named: boolean }[] };
  readonly subtypes?: readonly { readonly type: string; readonly named: boolean }[];
}

/** For each named type with children, every type that can occur anywhere below it (from the grammar's node-types). */
let descendants: Map<string, Set<string>> | undefined;

function computeDescendants(): Map<string, Set<string>> {
  const infos = (Python as unknown as { nodeTypeInfo: readonly TypeInfo[] }).nodeTypeInfo;
  const subtypes = new Map<string, string[]>();
  for (const info of infos) if (info.subtypes) subtypes.set(info.type, info.subtypes.map((s) => s.type));
  // A supertype (`expression`) never appears in a tree: expand it to the concrete types.
  const concrete = (type: string, into: Set<string>): void => {
    const stack = [type];
    while (stack.length > 0) {
      const next = stack.pop()!;
      const subs = subtypes.get(next);
      if (subs) stack.push(...subs);
      else into.add(next);
    }
  };
  const direct = new Map<string, Set<string>>();
  for (const info of infos) {
    if (!info.named || info.subtypes) continue;
    const kids = new Set<string>();
    for (const field of Object.values(info.fields ?? {})) for (const t of field.types) concrete(t.type, kids);
    for (const t of info.children?.types ?? []) concrete(t.type, kids);
    if (kids.size > 0) direct.set(info.type, kids);
  }
  // Transitive closure by fixpoint: the grammar is small and recursive, so no recursion here either.
  const closed = new Map<string, Set<string>>();
  for (const [type, kids] of direct) closed.set(type, new Set(kids));
  for (let changed = true; changed; ) {
    changed = false;
    for (const set of closed.values()) {
      const before = set.size;
      for (const kid of [...set]) for (const deeper of closed.get(kid) ?? []) set.add(deeper);
      if (set.size !== before) changed = true;
    }
  }
  return closed;
}

/**
 * Keywords that share their name with a named node type, and the node type
 * whose first child they are. A rule asking for `lambda` gets both the
 * `lambda` expression and its `lambda` keyword, and node-types does not list
 * anonymous children, so these are added by hand.
 */
const KEYWORD_HOMES: Readonly<Record<string, string>> = {
  lambda: 'lambda',
  await: 'await',
  yield: 'yield',
  type: 'type_alias_statement',
};

/** What a set of wanted types means for a walk that skips children. */
export interface Reach {
  /** Some wanted type is a leaf (a token, `identifier`, `comment`...), which can be almost anywhere: skip nothing. */
  readonly leaves: boolean;
  /** Node types whose leading keyword is wanted (`lambda` is both a node type and its keyword). */
  readonly keywordHomes: ReadonlySet<string>;
  /** Can a string without interpolations (not an f- or t-string) hold a node of a wanted type? */
  readonly plainString: boolean;
  /** Can a node of this type hold, strictly below it, a node of a wanted type? */
  readonly below: (type: string) => boolean;
}

/**
 * Answers from the grammar's node-types, "maybe" (true) wherever they cannot
 * be trusted to be complete: anonymous tokens are not listed as children, so a
 * wanted leaf makes every node a maybe.
 */
export function analyseWanted(wanted: ReadonlySet<string>): Reach {
  descendants ??= computeDescendants();
  const table = descendants;
  const targets = new Set(wanted);
  const keywordHomes = new Set<string>();
  for (const type of wanted) {
    if (!table.has(type)) return { leaves: true, keywordHomes, plainString: true, below: () => true };
    const home = KEYWORD_HOMES[type];
    if (home !== undefined) {
      targets.add(home);
      keywordHomes.add(home);
    }
  }
  const below = (type: string): boolean => {
    if (keywordHomes.has(type)) return true;
    const under = table.get(type);
    if (!under) return false; // a leaf: nothing below it
    for (const target of targets) if (under.has(target)) return true;
    return false;
  };
  // string_start, string_end and the escapes inside string_content are leaves, so only string_content can be wanted here.
  return { leaves: false, keywordHomes, plainString: wanted.has('string_content'), below };
}
