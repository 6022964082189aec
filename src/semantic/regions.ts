/**
 * Which scope a span of source is evaluated in, by position. Built on first
 * use from the scopes' nodes: a def's or class's body, a lambda's body, the
 * inside of a comprehension's brackets minus its first iterable (which runs in
 * the enclosing scope). Everything else of a def (name, decorators, defaults,
 * annotations) lies outside those regions and so belongs to the enclosing scope.
 */
import type { ScopeRecord } from './records.js';

interface Region {
  readonly start: number;
  readonly end: number;
  readonly scope: ScopeRecord;
  /** The region directly containing this one. */
  outer: Region | undefined;
  readonly depth: number;
}

export class RegionIndex {
  private readonly regions: Region[] = [];

  constructor(module: ScopeRecord, scopes: readonly ScopeRecord[], sourceLength: number) {
    const depthOf = new Map<ScopeRecord, number>();
    const raw: Omit<Region, 'outer'>[] = [{ start: 0, end: sourceLength, scope: module, depth: 0 }];
    for (const scope of scopes) {
      const depth = scope.parent ? (depthOf.get(scope.parent) ?? 0) + 1 : 0;
      depthOf.set(scope, depth);
      if (scope === module) continue;
      const node = scope.node;
      switch (scope.kind) {
        case 'function':
        case 'class':
        case 'lambda': {
          if (scope.bodyStart >= 0) {
            raw.push({ start: scope.bodyStart, end: scope.bodyEnd, scope, depth });
            break;
          }
          const body = node.childForFieldName('body');
          if (body) raw.push({ start: body.startIndex, end: body.endIndex, scope, depth });
          break;
        }
        case 'comprehension': {
          // Inside the brackets; the comprehension node itself is evaluated outside.
          raw.push({ start: node.startIndex + 1, end: node.endIndex - 1, scope, depth });
          const firstClause = node.namedChildren.find((child) => child.type === 'for_in_clause');
          const enclosing = scope.parent!;
          if (firstClause) {
            for (const iterable of firstClause.childrenForFieldName('right')) {
              raw.push({ start: iterable.startIndex, end: iterable.endIndex, scope: enclosing, depth: depth + 1 });
            }
          }
          break;
        }
        case 'type-parameters':
        case 'module':
          break;
      }
    }
    raw.sort((a, b) => a.start - b.start || b.end - a.end || a.depth - b.depth);
    const open: Region[] = [];
    for (const entry of raw) {
      while (open.length > 0 && !contains(open[open.length - 1]!, entry.start, entry.end)) open.pop();
      const region: Region = { ...entry, outer: open[open.length - 1] };
      this.regions.push(region);
      open.push(region);
    }
  }

  /** The scope of the innermost region holding the whole span. */
  scopeAt(start: number, end: number): ScopeRecord {
    const regions = this.regions;
    let low = 0;
    let high = regions.length - 1;
    while (low < high) {
      const middle = (low + high + 1) >> 1;
      if (regions[middle]!.start <= start) low = middle;
      else high = middle - 1;
    }
    let region: Region | undefined = regions[low];
    while (region && !contains(region, start, end)) region = region.outer;
    return (region ?? regions[0]!).scope;
  }
}

function contains(region: { start: number; end: number }, start: number, end: number): boolean {
  return region.start <= start && end <= region.end;
}
