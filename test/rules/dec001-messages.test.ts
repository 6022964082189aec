/** DEC001 names the function the wrapper stands in for. */
import { describe, expect, it } from 'vitest';
import rule from '../../rules/decorators/wrapper-missing-wraps.js';
import { lintWith } from '../helpers.js';

const messages = (source: string) => lintWith([rule], source).findings.map((finding) => finding.message);

describe('DEC001 advice', () => {
  it('names the parameter the wrapper hands its arguments to, not one it only calls for a side effect', () => {
    const [message] = messages('def first_invoke(func1, func2):\n    def wrapper(*args, **kwargs):\n        func1()\n        return func2(*args, **kwargs)\n\n    return wrapper\n');
    expect(message).toContain('replaces `func2`');
    expect(message).toContain('`@functools.wraps(func2)`');
  });

  it('names the decorated function in the usual shape', () => {
    const [message] = messages('def timed(func):\n    def wrapper(*args):\n        return func(*args)\n\n    return wrapper\n');
    expect(message).toContain('`@functools.wraps(func)`');
  });
});
