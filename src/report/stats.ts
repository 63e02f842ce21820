import type { CleanResult } from "../engine/clean.js";
import { TIDY_RULE } from "../engine/spans.js";

export interface Tally {
  spans: number;
  bytes: number;
}

const countLines = (s: string) => {
  if (s.length === 0) return 0;
  let n = 0;
  for (let i = s.indexOf("\n"); i >= 0; i = s.indexOf("\n", i + 1)) n++;
  return s.endsWith("\n") ? n : n + 1;
};

/** What a run needs to know about one cleaned file (small: it crosses from worker threads). */
export interface FileSummary {
  bytesIn: number;
  bytesRemoved: number;
  linesRemoved: number;
  changed: boolean;
  /** Per rule with non-tidy spans: [ruleId, category, bytes, spans]. */
  removals: RuleRemovals[];
}

/** What one rule removed from a file: [ruleId, category, bytes, spans]. */
export type RuleRemovals = [string, string, number, number];

/** Add spans of a rule to per-rule totals kept in `byRule` (insertion order kept). */
export function tallyRemoval(byRule: Map<string, RuleRemovals>, ruleId: string, category: string, bytes: number, spans = 1): void {
  const t = byRule.get(ruleId);
  if (t) (t[2] += bytes), (t[3] += spans);
  else byRule.set(ruleId, [ruleId, category, bytes, spans]);
}

export function summarize(input: string, result: CleanResult): FileSummary {
  const bytesIn = Buffer.byteLength(input);
  if (!result.changed) return { bytesIn, bytesRemoved: 0, linesRemoved: 0, changed: false, removals: [] };
  return {
    bytesIn,
    bytesRemoved: bytesIn - Buffer.byteLength(result.text),
    linesRemoved: countLines(input) - countLines(result.text),
    changed: true,
    removals: perRule(input, result),
  };
}

function perRule(input: string, result: CleanResult): RuleRemovals[] {
  const byRule = new Map<string, RuleRemovals>();
  for (const s of result.spans) if (s.ruleId !== TIDY_RULE) tallyRemoval(byRule, s.ruleId, s.category, Buffer.byteLength(input.slice(s.start, s.end)));
  return [...byRule.values()];
}

/** Totals of a run, fed file by file. */
export class RunStats {
  filesRead = 0;
  filesChanged = 0;
  bytesIn = 0;
  bytesRemoved = 0;
  linesRemoved = 0;
  readonly failures: { path: string; reason: string }[] = [];
  /** Documents the content guard left unchanged. */
  readonly guarded: { path: string; reason: string }[] = [];
  readonly byRule = new Map<string, Tally>();
  readonly byCategory = new Map<string, Tally>();

  add(input: string, result: CleanResult): void {
    this.addSummary(summarize(input, result));
  }

  addSummary(s: FileSummary): void {
    this.filesRead++;
    this.bytesIn += s.bytesIn;
    if (!s.changed) return;
    this.filesChanged++;
    this.bytesRemoved += s.bytesRemoved;
    this.linesRemoved += s.linesRemoved;
    for (const [ruleId, category, bytes, spans] of s.removals) {
      for (const [map, key] of [[this.byRule, ruleId], [this.byCategory, category]] as const) {
        const t = map.get(key) ?? { spans: 0, bytes: 0 };
        t.spans += spans;
        t.bytes += bytes;
        map.set(key, t);
      }
    }
  }

  fail(path: string, reason: string): void {
    this.failures.push({ path, reason });
  }

  guard(path: string, reason: string): void {
    this.guarded.push({ path, reason });
  }
}
