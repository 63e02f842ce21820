/** What a command needs from its surroundings; tests pass their own streams. */
export interface CliContext {
  stdin: NodeJS.ReadableStream;
  stdout: NodeJS.WritableStream;
  stderr: NodeJS.WritableStream;
  /** The exit code the command decided on. */
  exitCode: number;
}

export function processContext(): CliContext {
  return { stdin: process.stdin, stdout: process.stdout, stderr: process.stderr, exitCode: 0 };
}
