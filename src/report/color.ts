import { Chalk, supportsColor, type ChalkInstance } from "chalk";

/**
 * The colours of a command's output: `--color` / `--no-color` win, then
 * NO_COLOR (any non-empty value) and FORCE_COLOR, then colour only on a terminal.
 */
export function colorLevel(flag: boolean | undefined, stream: NodeJS.WritableStream, env: NodeJS.ProcessEnv = process.env): 0 | 1 | 2 | 3 {
  const terminal = supportsColor ? supportsColor.level : 1;
  const on = (): 1 | 2 | 3 => (terminal > 0 ? terminal : 1) as 1 | 2 | 3;
  if (flag === false) return 0;
  if (flag === true) return on();
  if (env.NO_COLOR) return 0;
  if (env.FORCE_COLOR !== undefined && env.FORCE_COLOR !== "") return env.FORCE_COLOR === "0" || env.FORCE_COLOR === "false" ? 0 : on();
  return (stream as { isTTY?: boolean }).isTTY ? on() : 0;
}

export function makeChalk(flag: boolean | undefined, stream: NodeJS.WritableStream): ChalkInstance {
  return new Chalk({ level: colorLevel(flag, stream) });
}
