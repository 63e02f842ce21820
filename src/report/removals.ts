import { lineAt, makeDocument } from "../engine/document.js";
import type { Span } from "../engine/spans.js";

/** One removal as reports and `explain` show it. */
export interface Removal {
  ruleId: string;
  /** Every rule whose removal overlaps this one, `ruleId` first. */
  ruleIds: string[];
  category: string;
  /** Byte range [start, end) in the file as stored (UTF-8, a BOM counts 3 bytes). */
  bytes: [number, number];
  /** 1-based first and last line touched (a removed line ending belongs to its line). */
  lines: [number, number];
  /** 1-based column (in characters) where the removal starts on its first line. */
  column: number;
  text: string;
}

/** The spans of a file as removals with byte and line ranges (one pass over the text). */
export function toRemovals(text: string, spans: readonly Span[]): Removal[] {
  const doc = makeDocument(text);
  const out: Removal[] = [];
  let pos = 0;
  let bytes = 0;
  const byteAt = (offset: number) => {
    bytes += Buffer.byteLength(text.slice(pos, offset));
    pos = offset;
    return bytes;
  };
  for (const s of spans) {
    const first = doc.lines.length ? lineAt(doc, s.start) : 0;
    const last = doc.lines.length ? lineAt(doc, Math.max(s.start, s.end - 1)) : 0;
    const lineStart = doc.lines[first]?.start ?? 0;
    out.push({
      ruleId: s.ruleId,
      ruleIds: [...s.ruleIds],
      category: s.category,
      bytes: [byteAt(s.start), byteAt(s.end)],
      lines: [first + 1, last + 1],
      column: [...text.slice(lineStart, s.start)].length + 1,
      text: text.slice(s.start, s.end),
    });
  }
  return out;
}
