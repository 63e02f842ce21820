import { fileDiff, type FileDiff } from "./file-diff.js";
import { toRemovals, type Removal } from "./removals.js";
import type { ReportEntry } from "./sink.js";
import type { TotalsBuilder } from "./totals.js";

/** What every report format needs of one file, computed once from its spans. */
export interface FileRecord {
  path: string;
  error?: string;
  input?: string;
  bytesIn: number;
  diff?: FileDiff;
  removals: Removal[];
  /** The content guard left the file unchanged: why, and what the rules would have removed. */
  guarded?: string;
  wouldRemove?: Removal[];
  /** Cleaned in windows (a file larger than --window-size): counted in the totals, shown without a diff. */
  windowed?: { windows: number; bytesRemoved: number; linesDeleted: number; changed: boolean };
}

export function fileRecord(entry: ReportEntry, totals: TotalsBuilder, context?: number): FileRecord {
  if (entry.windowed && entry.error === undefined) {
    const { windows, summary: s } = entry.windowed;
    totals.addSummary(s);
    if (entry.guarded !== undefined) totals.guard();
    return { path: entry.path, bytesIn: s.bytesIn, removals: [], windowed: { windows, bytesRemoved: s.bytesRemoved, linesDeleted: s.linesRemoved, changed: s.changed } };
  }
  if (entry.error !== undefined || entry.input === undefined || !entry.result) {
    totals.fail();
    return { path: entry.path, error: entry.error ?? "not read", bytesIn: 0, removals: [] };
  }
  const { input, result } = entry;
  if (entry.guarded !== undefined) {
    totals.add(input, undefined, []);
    totals.guard();
    return { path: entry.path, input, bytesIn: Buffer.byteLength(input), removals: [], guarded: entry.guarded, wouldRemove: toRemovals(input, result.spans) };
  }
  const removals = result.changed ? toRemovals(input, result.spans) : [];
  const diff = result.changed ? fileDiff(input, result.spans, context) : undefined;
  totals.add(input, diff, removals);
  return { path: entry.path, input, bytesIn: Buffer.byteLength(input), diff, removals };
}
