/** ASY001's advice is in the terms of the event loop the module is written for: advice for another library would not run there. */
import { describe, expect, it } from 'vitest';
import rule from '../../rules/asyncio/blocking-call-in-async.js';
import { lintWith } from '../helpers.js';

const BODY = 'import time\n\n\nasync def tick():\n    time.sleep(1)\n    open("log.txt")\n';

function advice(header: string): string[] {
  return lintWith([rule], `${header}${BODY}`).findings.map((finding) => finding.message.split('; use ')[1]!);
}

describe('ASY001 advice follows the event-loop library', () => {
  it('speaks asyncio by default', () => {
    expect(advice('')).toEqual(['`await asyncio.sleep(...)`', '`await asyncio.to_thread(...)` or an async file library']);
  });

  it('speaks trio in a module that imports trio, however it is imported', () => {
    for (const header of ['import trio\n', 'from trio import to_thread\n', 'import trio.testing as tt\n']) {
      expect(advice(header), header).toEqual(['`await trio.sleep(...)`', '`await trio.open_file(...)`']);
    }
  });

  it('speaks anyio when the module imports anyio, even beside trio (anyio runs on either loop)', () => {
    expect(advice('import trio\nimport anyio\n')).toEqual(['`await anyio.sleep(...)`', '`await anyio.open_file(...)`']);
  });

  it('is not fooled by a module merely named like one', () => {
    expect(advice('import triolet\n')[0]).toBe('`await asyncio.sleep(...)`');
  });
});
