import type { CleanResult } from "../engine/clean.js";
import type { FileOutcome, FileTask } from "./process-file.js";

/** Messages between the run loop and a worker thread (structured-cloned plain data). */
export type WorkerRequest = { kind: "file"; task: FileTask } | { kind: "text"; id: number; text: string };

export interface TextOutcome {
  id: number;
  result: CleanResult;
  guarded?: string;
  /** What the rules would have removed, when the guard fired. */
  proposed?: CleanResult;
  /** An exception escaped the engine (a bug): the document is passed through unchanged. */
  error?: string;
}

export type WorkerReply = { kind: "file"; outcome: FileOutcome } | { kind: "text"; outcome: TextOutcome };
