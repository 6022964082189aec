/**
 * A pre-filter on the raw source text, for visitors that run on very many
 * nodes but can only fire where a given word is written. Asking whether a
 * node's span holds the word costs two offset reads and a binary search,
 * where the structural test it guards would build several node objects.
 *
 * Only ever a necessary condition: a word counts wherever its letters appear
 * (inside a longer name, a string or a comment too), so the filter can let
 * too much through but never too little, provided the rule cannot fire
 * without that word spelled out inside the node it is given.
 */
import type { Span } from '../core/rule.js';

export class TextOccurrences {
  /** Start offsets of every occurrence of any of the words, ascending. */
  private readonly starts: number[];
  /** The length of the shortest word: an occurrence must fit inside a span. */
  private readonly shortest: number;

  constructor(source: string, words: Iterable<string>) {
    const list = [...words];
    this.shortest = Math.min(...list.map((word) => word.length));
    const starts: number[] = [];
    for (const word of list) {
      for (let at = source.indexOf(word); at >= 0; at = source.indexOf(word, at + 1)) starts.push(at);
    }
    this.starts = starts.sort((a, b) => a - b);
  }

  /** Whether the source holds any of the words at all. */
  get any(): boolean {
    return this.starts.length > 0;
  }

  /** Whether one of the words may lie inside the span (start inside it, with room for the shortest word). */
  within(span: Span): boolean {
    return this.startsIn(span.startIndex, span.endIndex - this.shortest);
  }

  /** Whether an occurrence starts at an offset in [from, last]. */
  private startsIn(from: number, last: number): boolean {
    const starts = this.starts;
    let low = 0;
    let high = starts.length;
    while (low < high) {
      const middle = (low + high) >> 1;
      if (starts[middle]! < from) low = middle + 1;
      else high = middle;
    }
    return low < starts.length && starts[low]! <= last;
  }
}
