import { readFile } from 'node:fs/promises';
import { writeFileAtomically } from '../cli/output.js';
import { BaselineFormatError, formatBaseline, parseBaseline, type BaselineEntry } from './format.js';

/** A baseline that cannot be read or written; the message names the file as the user gave it. */
export class BaselineError extends Error {}

export async function readBaseline(absolute: string, shownAs: string): Promise<BaselineEntry[]> {
  let text: string;
  try {
    text = await readFile(absolute, 'utf8');
  } catch (error) {
    throw new BaselineError(`cannot read the baseline ${shownAs}: ${systemMessage(error)}`);
  }
  try {
    return parseBaseline(text);
  } catch (error) {
    if (!(error instanceof BaselineFormatError)) throw error;
    throw new BaselineError(`the baseline ${shownAs} is malformed: ${error.message}`);
  }
}

/** Atomically, so a reader (or an interrupted run) never sees half a baseline. */
export async function writeBaseline(absolute: string, shownAs: string, entries: readonly BaselineEntry[]): Promise<void> {
  try {
    await writeFileAtomically(absolute, formatBaseline(entries));
  } catch (error) {
    throw new BaselineError(`cannot write the baseline ${shownAs}: ${systemMessage(error)}`);
  }
}

/** "no such file or directory" rather than Node's "ENOENT: no such file or directory, open '/abs/path'". */
function systemMessage(error: unknown): string {
  const message = (error as Error).message;
  return /^E[A-Z]+: ([^,]+)/.exec(message)?.[1] ?? message;
}
