/** COL002 and COL004 advice fits the code it is given for. */
import { describe, expect, it } from 'vitest';
import manualGrouping from '../../rules/collections/manual-grouping.js';
import rangeLenLoop from '../../rules/collections/range-len-loop.js';
import { lintWith } from '../helpers.js';

const messages = (rule: Parameters<typeof lintWith>[0][number], source: string) =>
  lintWith([rule], source).findings.map((finding) => finding.message);

describe('COL002 advice', () => {
  it('offers defaultdict or setdefault for a dict grouped by a computed key', () => {
    const [message] = messages(manualGrouping, 'def f(groups, row):\n    if row.key not in groups:\n        groups[row.key] = []\n    groups[row.key].append(row)\n');
    expect(message).toContain('make `groups` a `collections.defaultdict(list)` or write `groups.setdefault(row.key, [])`');
  });

  it('offers only setdefault when the key is a field name, since the dict holds other fields too', () => {
    const [message] = messages(manualGrouping, 'def f(params, key, value):\n    if "Destination" not in params:\n        params["Destination"] = {}\n    params["Destination"][key] = value\n');
    expect(message).toMatch(/; write `params\.setdefault\("Destination", \{\}\)`$/);
  });
});

describe('COL004 advice', () => {
  it('suggests zip over sequences that exist before the loop', () => {
    const [message] = messages(rangeLenLoop, 'def f(gens, monoms):\n    for i in range(len(gens)):\n        print(gens[i], monoms[i])\n');
    expect(message).toContain('use `zip(gens, monoms)`');
  });

  it('falls back to enumerate when the other sequence is bound inside the loop', () => {
    const [message] = messages(rangeLenLoop, 'def f(gens, poly):\n    for i in range(len(gens)):\n        for monom in poly.monoms():\n            if monom[i]:\n                print(gens[i])\n');
    expect(message).toContain('use `for i, item in enumerate(gens)`');
  });
});
