import { TIDY_RULE } from "../engine/spans.js";
import type { FileDiff } from "./file-diff.js";
import type { Removal } from "./removals.js";
import type { FileSummary } from "./stats.js";

export interface Tally {
  /** Removals whose (first) rule is this one. */
  removals: number;
  /** UTF-8 bytes those removals took out. */
  bytes: number;
  /** Files with at least one such removal. */
  files: number;
}

export interface Totals {
  files: number;
  filesChanged: number;
  filesFailed: number;
  /** Files the content guard left unchanged. */
  filesGuarded: number;
  bytesIn: number;
  bytesRemoved: number;
  linesDeleted: number;
  linesEdited: number;
  removals: number;
  byRule: Record<string, Tally>;
  byCategory: Record<string, Tally>;
}

/**
 * The totals every report format prints, so the JSON, Markdown and HTML of one
 * run agree. A removal counts for its first rule (`ruleId`), so per-rule
 * removals and bytes add up to the run's; the blank-line tidy is counted as `tidy/blank-lines`.
 */
export class TotalsBuilder {
  readonly totals: Totals = { files: 0, filesChanged: 0, filesFailed: 0, filesGuarded: 0, bytesIn: 0, bytesRemoved: 0, linesDeleted: 0, linesEdited: 0, removals: 0, byRule: {}, byCategory: {} };

  fail(): void {
    this.totals.files++;
    this.totals.filesFailed++;
  }

  guard(): void {
    this.totals.filesGuarded++;
  }

  /** A file known only by its summary (cleaned in windows): no diff, so no lines edited. */
  addSummary(s: FileSummary): void {
    const t = this.totals;
    t.files++;
    t.bytesIn += s.bytesIn;
    if (!s.changed) return;
    t.filesChanged++;
    t.bytesRemoved += s.bytesRemoved;
    t.linesDeleted += s.linesRemoved;
    const seen = new Set<string>();
    for (const [ruleId, category, bytes, spans] of s.removals) this.tally(seen, ruleId, category, bytes, spans);
  }

  /** Count removals of one rule in a file (`seen`: the rules and categories the file already counted). */
  private tally(seen: Set<string>, ruleId: string, category: string, bytes: number, removals: number): void {
    const t = this.totals;
    t.removals += removals;
    for (const [table, key] of [[t.byRule, ruleId], [t.byCategory, category]] as const) {
      const tally = (table[key] ??= { removals: 0, bytes: 0, files: 0 });
      tally.removals += removals;
      tally.bytes += bytes;
      const fileKey = `${table === t.byRule ? "r" : "c"}:${key}`;
      if (!seen.has(fileKey)) (seen.add(fileKey), tally.files++);
    }
  }

  add(input: string, diff: FileDiff | undefined, removals: readonly Removal[]): void {
    const t = this.totals;
    t.files++;
    t.bytesIn += Buffer.byteLength(input);
    if (!diff || removals.length === 0) return;
    t.filesChanged++;
    t.bytesRemoved += diff.bytesRemoved;
    t.linesDeleted += diff.linesDeleted;
    t.linesEdited += diff.linesEdited;
    const seen = new Set<string>();
    for (const r of removals) this.tally(seen, r.ruleId, r.category, r.bytes[1] - r.bytes[0], 1);
  }
}

/** Rules of a file in order of bytes removed, the tidy last. */
export function sortedTallies(table: Record<string, Tally>): [string, Tally][] {
  return Object.entries(table).sort((a, b) => Number(a[0] === TIDY_RULE) - Number(b[0] === TIDY_RULE) || b[1].bytes - a[1].bytes || (a[0] < b[0] ? -1 : 1));
}
