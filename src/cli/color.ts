/**
 * Whether to colour output: an explicit `--color`/`--no-color` wins, then the
 * NO_COLOR and FORCE_COLOR conventions, then whether the stream is a terminal.
 */
export function shouldColor(flag: boolean | undefined, stream: { isTTY?: boolean }, env: NodeJS.ProcessEnv): boolean {
  if (flag !== undefined) return flag;
  if (env.NO_COLOR !== undefined && env.NO_COLOR !== '') return false;
  if (env.FORCE_COLOR !== undefined) return env.FORCE_COLOR !== '0' && env.FORCE_COLOR !== 'false';
  return stream.isTTY === true;
}
