/** OBJ005 names only the overrides that change something, and only the built-in methods that really bypass them. */
import { describe, expect, it } from 'vitest';
import rule from '../../rules/object-model/builtin-subclass-override.js';
import { lintWith } from '../helpers.js';

const messages = (source: string) => lintWith([rule], source).findings.map((finding) => finding.message);

describe('OBJ005 message', () => {
  it('leaves out overrides that only hand their arguments on to the built-in', () => {
    const [message] = messages(
      'class Backends(dict):\n    def __getitem__(self, key):\n        return super().__getitem__(key or "x")\n\n    def __setitem__(self, key, value):\n        super().__setitem__(key, value)\n',
    );
    expect(message).toContain('overrides `__getitem__` of `dict`');
  });

  it('does not claim iteration bypasses a class that defines its own `__iter__`', () => {
    const [message] = messages(
      'class Stack(list):\n    def __iter__(self):\n        return iter(set(list.__iter__(self)))\n\n    def __len__(self):\n        return len(list(iter(self)))\n',
    );
    expect(message).toContain('bypasses in `copy` and `sort`');
    expect(message).not.toContain('iteration');
  });
});
