import type { CleanResult } from "../engine/clean.js";
import type { CompiledRule } from "../rules/types.js";

/** One file of a run, as reports see it. */
export interface ReportEntry {
  /** The input path as given/discovered. */
  path: string;
  /** The input text (decoded), when the file could be read. */
  input?: string;
  result?: CleanResult;
  /** Why the file failed, when it did. */
  error?: string;
}

/** A report being written during a run (`clean --report FILE`). */
export interface ReportSink {
  add(entry: ReportEntry): void | Promise<void>;
  finish(): Promise<void>;
}

export type ReportSinkFactory = (file: string, rules: readonly CompiledRule[]) => ReportSink;
