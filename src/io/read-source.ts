import { readFileSync } from 'node:fs';
import { decodeSource } from './decode.js';

export type ReadResult =
  | { readonly ok: true; readonly text: string }
  | { readonly ok: false; readonly kind: 'unreadable' | 'undecodable'; readonly message: string };

export type ReadFailure = Extract<ReadResult, { ok: false }>;

/** Reads and decodes one source file; every failure becomes a message, never an exception. */
export async function readSourceFile(absolute: string): Promise<ReadResult> {
  const read = await readSourceBytes(absolute);
  return read instanceof Uint8Array ? decodeBytes(read) : read;
}

/**
 * Reads one file's bytes, undecoded: what the result cache hashes. Synchronous
 * on purpose: each lint thread reads one file and then parses it, with nothing
 * else to do meanwhile, and an asynchronous read left the thread idle for
 * several thread-pool round trips per file (13% of a profile). Discovery only
 * lists regular files, so this never blocks on a FIFO.
 */
export async function readSourceBytes(absolute: string): Promise<Uint8Array | ReadFailure> {
  try {
    return readFileSync(absolute);
  } catch (error) {
    return { ok: false, kind: 'unreadable', message: describeReadError(error) };
  }
}

export function decodeBytes(bytes: Uint8Array): ReadResult {
  const decoded = decodeSource(bytes);
  return decoded.ok ? decoded : { ok: false, kind: 'undecodable', message: decoded.message };
}

function describeReadError(error: unknown): string {
  const code = (error as NodeJS.ErrnoException).code;
  switch (code) {
    case 'EACCES':
    case 'EPERM':
      return 'permission denied';
    case 'ENOENT':
      return 'disappeared before it could be read';
    case 'EISDIR':
      return 'is a directory';
    default:
      return `could not be read: ${(error as Error).message}`;
  }
}
