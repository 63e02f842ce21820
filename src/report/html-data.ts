import type { Span } from "../engine/spans.js";
import type { FileRecord } from "./file-record.js";

/**
 * The compact per-file record the HTML report embeds as JSON and renders on
 * demand. Rules and categories are indexes into the report's tables.
 *
 * A hunk is `[firstLine, rows]`; a row is a context line `[text]` or a changed
 * original line `[segments]` where a segment is `[text, rule]` (rule -1: kept)
 * or `[text, rule, 1]` (first piece of a removal: the rule's label goes there).
 * A removed line ending is the segment `["\n", rule]`.
 */
export interface HtmlFile {
  p: string;
  /** bytes in, bytes removed, lines deleted, lines edited, removals */
  i: number;
  r: number;
  d: number;
  e: number;
  n: number;
  /** rules (first rule of each removal) and categories hit */
  u: number[];
  c: number[];
  /** content guard reason */
  g?: string;
  h: HtmlHunk[];
  /** hunks left out to keep the report small */
  t?: number;
}

export type HtmlSegment = [string, number] | [string, number, 1];
export type HtmlRow = [string] | [HtmlSegment[]];
export type HtmlHunk = [number, HtmlRow[]];

/** Longest line kept in the HTML data (characters); longer ones are cut in the middle. */
export const HTML_MAX_LINE = 400;

const cut = (s: string) => (s.length > HTML_MAX_LINE ? `${s.slice(0, HTML_MAX_LINE / 2)} … ${s.slice(-HTML_MAX_LINE / 2)}` : s);

/** Interning tables for rule ids and categories. */
export class Index {
  readonly names: string[] = [];
  private readonly map = new Map<string, number>();
  of(name: string): number {
    let i = this.map.get(name);
    if (i === undefined) {
      i = this.names.length;
      this.names.push(name);
      this.map.set(name, i);
    }
    return i;
  }
}

export function htmlFile(r: FileRecord, rules: Index, categories: Index): HtmlFile {
  const u = [...new Set(r.removals.map((x) => rules.of(x.ruleId)))].sort((a, b) => a - b);
  const c = [...new Set(r.removals.map((x) => categories.of(x.category)))].sort((a, b) => a - b);
  const hunks: HtmlHunk[] = [];
  let labelled: Span | undefined;
  for (const h of r.diff?.hunks ?? []) {
    const rows: HtmlRow[] = [];
    for (const row of h.rows) {
      if (row.op === " ") rows.push([cut(row.text)]);
      else if (row.op === "-" && row.line) {
        const segs: HtmlSegment[] = [];
        const push = (text: string, span: Span | undefined) => {
          if (!span) return void segs.push([cut(text), -1]);
          const rule = rules.of(span.ruleId);
          if (span !== labelled) {
            labelled = span;
            segs.push([cut(text), rule, 1]);
          } else segs.push([cut(text), rule]);
        };
        for (const s of row.line.segments) push(s.text, s.span);
        if (row.line.eolSpan) push("\n", row.line.eolSpan);
        rows.push([segs]);
      }
    }
    hunks.push([h.oldStart, rows]);
  }
  return {
    p: r.path,
    i: r.bytesIn,
    r: r.diff?.bytesRemoved ?? 0,
    d: r.diff?.linesDeleted ?? 0,
    e: r.diff?.linesEdited ?? 0,
    n: r.removals.length,
    u,
    c,
    ...(r.guarded !== undefined ? { g: r.guarded } : {}),
    h: hunks,
  };
}

/** Drop trailing hunks until the record's JSON fits `budget` characters (the first hunk always stays, its lines cut short if needed). */
export function fitBudget(f: HtmlFile, budget: number): HtmlFile {
  let json = JSON.stringify(f.h);
  if (json.length <= budget) return f;
  const h = [...f.h];
  let dropped = f.t ?? 0;
  while (h.length > 1 && json.length > budget) {
    h.pop();
    dropped++;
    json = JSON.stringify(h);
  }
  if (json.length > budget && h.length === 1) {
    const [start, rows] = h[0]!;
    const kept: HtmlRow[] = [];
    let size = 0;
    for (const row of rows) {
      size += JSON.stringify(row).length;
      if (size > budget && kept.length > 0) break;
      kept.push(row);
    }
    if (kept.length < rows.length) dropped++;
    h[0] = [start, kept];
  }
  return { ...f, h, ...(dropped ? { t: dropped } : {}) };
}
