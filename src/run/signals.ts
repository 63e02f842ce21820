import { unlinkSync } from "node:fs";
import { constants } from "node:os";

export interface StopState {
  requested: boolean;
  signal?: NodeJS.Signals;
}

/** The conventional exit code of a run stopped by a signal (130 for SIGINT, 143 for SIGTERM). */
export const signalExitCode = (sig: NodeJS.Signals) => 128 + (constants.signals[sig] ?? 0);

/** Remove temporary files synchronously (a forced exit). */
export function removeTemps(paths: readonly string[]): void {
  for (const p of paths) {
    try {
      unlinkSync(p);
    } catch {
      /* already renamed or never created */
    }
  }
}

/**
 * On SIGINT/SIGTERM: stop taking new files and let the ones in progress
 * finish (a clean shutdown: every file old or new, no temporary left). A
 * second signal exits at once, after removing the temporaries in progress.
 * Returns the function that removes the handlers.
 */
export function onStopSignals(stop: StopState, stderr: NodeJS.WritableStream, temps: () => string[]): () => void {
  const handler = (sig: NodeJS.Signals) => {
    if (stop.signal) {
      removeTemps(temps());
      process.exit(signalExitCode(sig));
    }
    stop.requested = true;
    stop.signal = sig;
    stderr.write(`\nboilerstrip: ${sig} received: finishing the files in progress, then stopping (send it again to quit now)\n`);
  };
  const sigs: NodeJS.Signals[] = ["SIGINT", "SIGTERM"];
  for (const s of sigs) process.on(s, handler);
  return () => {
    for (const s of sigs) process.off(s, handler);
  };
}
