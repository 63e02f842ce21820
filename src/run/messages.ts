import type { CleanResult } from "../engine/clean.js";
import type { FileOutcome, FileTask } from "./process-file.js";
import type { HelperResult } from "./windows.js";

/** Work the run loop sends a worker thread (structured-cloned plain data). */
export type WorkerRequest =
  | { kind: "file"; task: FileTask }
  | { kind: "text"; id: number; text: string }
  /**
   * Clean one window of a big file another worker is writing (`path`: the file, for the corpus
   * counts' view of it). The window is UTF-8 bytes, handed over between threads, not copied.
   */
  | { kind: "window"; id: number; bytes: Uint8Array; path: string };

/** Everything a worker thread receives: work, or the result of a window it sent to be cleaned elsewhere (its own id). */
export type WorkerMessage = WorkerRequest | { kind: "cleaned"; result: HelperResult };

export interface TextOutcome {
  id: number;
  result: CleanResult;
  guarded?: string;
  /** What the rules would have removed, when the guard fired. */
  proposed?: CleanResult;
  /** An exception escaped the engine (a bug): the document is passed through unchanged. */
  error?: string;
}

/** A request's answer. */
export type WorkerReply = { kind: "file"; outcome: FileOutcome } | { kind: "text"; outcome: TextOutcome } | { kind: "window"; outcome: HelperResult };

/** Everything a worker thread sends the run loop. */
export type WorkerPost =
  | WorkerReply
  /** A worker writing a big file asks for one of its windows to be cleaned by another worker (`id`: its own). */
  | { kind: "ask"; id: number; bytes: Uint8Array; path: string }
  /** A request that reached a worker while it writes a big file, handed back to be sent to another worker. */
  | { kind: "returned"; req: WorkerRequest };

/** The buffers a message hands over instead of copying (a window's bytes, before or after cleaning). */
export function transferOf(msg: WorkerPost | WorkerMessage): ArrayBuffer[] {
  if (msg.kind === "ask" || (msg.kind === "window" && "bytes" in msg)) return [msg.bytes.buffer as ArrayBuffer];
  const r = msg.kind === "window" ? msg.outcome : msg.kind === "cleaned" ? msg.result : undefined;
  return r?.ok ? [r.window.bytes.buffer as ArrayBuffer] : [];
}
