/** OBJ002 only speaks of rejected subclasses where a class can have them. */
import { describe, expect, it } from 'vitest';
import rule from '../../rules/object-model/type-equality-check.js';
import { lintWith } from '../helpers.js';

const messages = (source: string) => lintWith([rule], source).findings.map((finding) => finding.message);

describe('OBJ002 message', () => {
  it('says an exact test rejects subclasses of a class that can have them', () => {
    expect(messages('def f(x):\n    return type(x) == dict\n')[0]).toContain('rejects subclasses of `dict`; use `isinstance(x, dict)`');
  });

  it('calls a test against a final class a long spelling of `isinstance`, not a subclass check', () => {
    const [message] = messages('import types\n\n\ndef f(x):\n    return type(x) is not bool or type(x) is types.FunctionType\n');
    expect(message).toBe('`type(x) is not bool` spells `isinstance` the long way (no class can derive from `bool`); use `not isinstance(x, bool)`');
    expect(messages('import types\n\n\ndef f(x):\n    return type(x) is types.FunctionType\n')[0]).toContain('no class can derive from `types.FunctionType`');
  });
});
