/** What a command needs from its surroundings; tests pass their own streams. */
export interface CliContext {
  stdin: NodeJS.ReadableStream;
  stdout: NodeJS.WritableStream;
  stderr: NodeJS.WritableStream;
  /** The exit code the command decided on. */
  exitCode: number;
  /**
   * The exit code is at least this, whatever comes next (a file that would change, one that failed):
   * if standard output closes early (`boilerstrip check dir | head -1`), the process exits with it.
   */
  exitAtLeast?(code: number): void;
}

export function processContext(): CliContext {
  return {
    stdin: process.stdin, stdout: process.stdout, stderr: process.stderr, exitCode: 0,
    // bin/boilerstrip.js exits with process.exitCode on EPIPE; at the end, main's code replaces it
    exitAtLeast: (code) => {
      if (code > Number(process.exitCode ?? 0)) process.exitCode = code;
    },
  };
}
