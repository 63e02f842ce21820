import type { CleanResult } from "../engine/clean.js";
import type { CompiledRule } from "../rules/types.js";
import type { FileSummary } from "./stats.js";

/** One file of a run, as reports see it. */
export interface ReportEntry {
  /** The input path as given/discovered. */
  path: string;
  /** The input text (decoded), when the file could be read. */
  input?: string;
  result?: CleanResult;
  /** Why the file failed, when it did. */
  error?: string;
  /**
   * Set when the content guard left the document unchanged (suspicious: the
   * rules would have removed most of it): the reason. `result` then holds what
   * the rules would have removed; the output is the input.
   */
  guarded?: string;
  /** A file larger than --window-size, cleaned window by window: no input or result is kept, only its summary. */
  windowed?: { windows: number; summary: FileSummary };
}

/** A report being written during a run (`clean --report FILE`). */
export interface ReportSink {
  add(entry: ReportEntry): void | Promise<void>;
  finish(): Promise<void>;
}

export type ReportSinkFactory = (file: string, rules: readonly CompiledRule[]) => ReportSink;
