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

/** True when a rule asking for these types may get tokens (leaves or keywords), which a skipping walk steps over unread. */
export function wantsTokens(wanted: ReadonlySet<string>): boolean {
  descendants ??= computeDescendants();
  for (const type of wanted) if (!descendants.has(type) || Object.hasOwn(KEYWORD_HOMES, type)) return true;
  return false;
}

/**
 * Which node types may hold, strictly below them, a node of one of the `wanted`
 * types. Answers "maybe" (true) whenever the grammar's description cannot be
 * trusted to be complete: for leaf types (anonymous tokens are not listed as
 * children) and for types it does not know.
 */
export function reachPredicate(wanted: ReadonlySet<string>): (type: string) => boolean {
  descendants ??= computeDescendants();
  const table = descendants;
  const targets = new Set(wanted);
  const homes = new Set<string>();
  for (const type of wanted) {
    if (!table.has(type)) return () => true;
    const home = KEYWORD_HOMES[type];
    if (home !== undefined) {
      targets.add(home);
      homes.add(home);
    }
  }
  return (type) => {
    if (homes.has(type)) return true;
    const below = table.get(type);
    if (!below) return false; // a leaf: nothing below it
    for (const w of targets) if (below.has(w)) return true;
    return false;
  };
}
