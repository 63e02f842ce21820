import type { CleanResult } from "../engine/clean.js";
import { TIDY_RULE } from "../engine/spans.js";

export interface Tally {
  spans: number;
  chars: number;
}

const countLines = (s: string) => {
  if (s.length === 0) return 0;
  let n = 0;
  for (let i = 0; i < s.length; i++) if (s.charCodeAt(i) === 10) n++;
  return s.endsWith("\n") ? n : n + 1;
};

/** Totals of a run, fed file by file. */
export class RunStats {
  filesRead = 0;
  filesChanged = 0;
  bytesIn = 0;
  bytesRemoved = 0;
  linesRemoved = 0;
  readonly failures: { path: string; reason: string }[] = [];
  readonly byRule = new Map<string, Tally>();
  readonly byCategory = new Map<string, Tally>();

  add(input: string, result: CleanResult): void {
    this.filesRead++;
    const inBytes = Buffer.byteLength(input);
    this.bytesIn += inBytes;
    if (!result.changed) return;
    this.filesChanged++;
    this.bytesRemoved += inBytes - Buffer.byteLength(result.text);
    this.linesRemoved += countLines(input) - countLines(result.text);
    for (const s of result.spans) {
      if (s.ruleId === TIDY_RULE) continue;
      for (const [map, key] of [[this.byRule, s.ruleId], [this.byCategory, s.category]] as const) {
        const t = map.get(key) ?? { spans: 0, chars: 0 };
        t.spans++;
        t.chars += s.end - s.start;
        map.set(key, t);
      }
    }
  }

  fail(path: string, reason: string): void {
    this.failures.push({ path, reason });
  }
}
