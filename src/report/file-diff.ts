import { makeDocument, type Line } from "../engine/document.js";
import { TIDY_RULE, type Span } from "../engine/spans.js";

/**
 * A line-level view of one file's removals, built from the engine's spans
 * (never by diffing the output): which lines lost what, and the hunks of a
 * unified diff. Every consumer (diff, explain, the reports) uses this model.
 */

/** A piece of an original line: kept, or removed by `span`. */
export interface Segment {
  text: string;
  span?: Span;
}

/** One original line touched by a removal (or pulled into a hunk because its line ending was). */
export interface ChangedLine {
  /** 0-based line number in the original. */
  index: number;
  /** The line without its ending. */
  text: string;
  eol: string;
  /** The line split into kept and removed pieces (line ending excluded). */
  segments: Segment[];
  /** The part of the line ending that survives ("" when it was removed). */
  keptEol: string;
  /** The removal that took (part of) the line ending. */
  eolSpan?: Span;
  /** The line is gone entirely, ending included. */
  deleted: boolean;
}

export type RowOp = " " | "-" | "+";

export interface Row {
  op: RowOp;
  text: string;
  /** The line has no line ending (last line of its file). */
  noEol: boolean;
  /** For `-` rows: the original line with its removed pieces. */
  line?: ChangedLine;
}

export interface Hunk {
  /** 1-based first line and line count on each side (unified-diff convention: start is one lower when count is 0). */
  oldStart: number;
  oldLines: number;
  newStart: number;
  newLines: number;
  rows: Row[];
  /** The spans removed in this hunk, in order. */
  spans: Span[];
  /** Rules that removed something in this hunk (the blank-line tidy only when nothing else did). */
  ruleIds: string[];
}

export interface FileDiff {
  hunks: Hunk[];
  /** Original lines removed entirely. */
  linesDeleted: number;
  /** Original lines that lost a part but stay. */
  linesEdited: number;
  /** UTF-8 bytes removed. */
  bytesRemoved: number;
}

export const DEFAULT_CONTEXT = 3;

/** Rules of a set of spans, in order of first appearance; the tidy pseudo-rule only when alone. */
export function rulesOf(spans: readonly Span[]): string[] {
  const ids: string[] = [];
  for (const s of spans) for (const id of s.ruleIds) if (!ids.includes(id)) ids.push(id);
  const real = ids.filter((id) => id !== TIDY_RULE);
  return real.length > 0 ? real : ids;
}

function changedLine(text: string, line: Line, spans: readonly Span[], from: number): ChangedLine {
  const segments: Segment[] = [];
  let pos = line.start;
  let keptEol = "";
  let eolPos = line.end;
  let eolSpan: Span | undefined;
  for (let k = from; k < spans.length && spans[k]!.start < line.next; k++) {
    const s = spans[k]!;
    if (s.end <= line.start) continue;
    const a = Math.max(s.start, line.start);
    const b = Math.min(s.end, line.end);
    if (a < b) {
      if (a > pos) segments.push({ text: text.slice(pos, a) });
      segments.push({ text: text.slice(a, b), span: s });
      pos = b;
    }
    // the part of the line ending that this span covers
    const ea = Math.max(s.start, line.end);
    const eb = Math.min(s.end, line.next);
    if (ea < eb) {
      keptEol += text.slice(eolPos, ea);
      eolPos = eb;
      eolSpan ??= s;
    }
  }
  if (pos < line.end) segments.push({ text: text.slice(pos, line.end) });
  keptEol += text.slice(eolPos, line.next);
  const allRemoved = segments.every((g) => g.span !== undefined);
  return { index: line.index, text: line.text, eol: text.slice(line.end, line.next), segments, keptEol, ...(eolSpan ? { eolSpan } : {}), deleted: allRemoved && keptEol === "" };
}

interface Group {
  first: number;
  last: number;
  lines: ChangedLine[];
  /** The new lines the group becomes. */
  added: { text: string; eol: boolean }[];
  spans: Span[];
}

/** The hunks of the removals `spans` (sorted, disjoint) from `text`. */
export function fileDiff(text: string, spans: readonly Span[], context = DEFAULT_CONTEXT): FileDiff {
  const doc = makeDocument(text);
  const { lines } = doc;
  let bytesRemoved = 0;
  for (const s of spans) bytesRemoved += Buffer.byteLength(text.slice(s.start, s.end));
  // 1. groups of consecutive lines the spans touch; a group goes on while its new text has an open line
  const groups: Group[] = [];
  let k = 0;
  let i = 0;
  while (i < lines.length) {
    while (k < spans.length && spans[k]!.end <= lines[i]!.start) k++;
    if (k >= spans.length) break;
    if (spans[k]!.start >= lines[i]!.next) {
      i++;
      continue;
    }
    const group: Group = { first: i, last: i, lines: [], added: [], spans: [] };
    let pending = "";
    let open = false;
    let kk = k;
    for (; i < lines.length; i++) {
      const line = lines[i]!;
      while (kk < spans.length && spans[kk]!.end <= line.start) kk++;
      const touched = kk < spans.length && spans[kk]!.start < line.next;
      if (!touched && !open) break;
      const cl = changedLine(text, line, spans, kk);
      group.lines.push(cl);
      group.last = i;
      const kept = cl.segments.filter((g) => !g.span).map((g) => g.text).join("");
      pending += kept;
      if (cl.keptEol) {
        group.added.push({ text: pending, eol: true });
        pending = "";
        open = false;
      } else if (!cl.deleted) open = true;
    }
    if (open) group.added.push({ text: pending, eol: false });
    for (let s = k; s < spans.length && spans[s]!.start < lines[group.last]!.next; s++) group.spans.push(spans[s]!);
    groups.push(group);
  }
  // 2. hunks: groups with their context, merged when less than two contexts apart
  const hunks: Hunk[] = [];
  let delta = 0; // new line number minus old line number, before the current group
  let linesDeleted = 0;
  let linesEdited = 0;
  const contextRow = (n: number): Row => ({ op: " ", text: lines[n]!.text, noEol: lines[n]!.next === lines[n]!.end });
  let current: (Hunk & { lastOld: number }) | undefined;
  const close = (h: Hunk & { lastOld: number }) => {
    for (let n = h.lastOld + 1; n < Math.min(lines.length, h.lastOld + 1 + context); n++) h.rows.push(contextRow(n));
    h.oldLines = h.rows.filter((r) => r.op !== "+").length;
    h.newLines = h.rows.filter((r) => r.op !== "-").length;
    if (h.oldLines === 0) h.oldStart--;
    if (h.newLines === 0) h.newStart--;
    h.ruleIds = rulesOf(h.spans);
    const { lastOld: _, ...hunk } = h;
    hunks.push(hunk);
  };
  for (const g of groups) {
    for (const l of g.lines) {
      if (l.deleted) linesDeleted++;
      else if (l.segments.some((s) => s.span) || l.keptEol !== l.eol) linesEdited++;
    }
    if (current && g.first - current.lastOld - 1 <= 2 * context) {
      for (let n = current.lastOld + 1; n < g.first; n++) current.rows.push(contextRow(n));
    } else {
      if (current) close(current);
      const from = Math.max(0, g.first - context);
      current = { oldStart: from + 1, oldLines: 0, newStart: from + 1 + delta, newLines: 0, rows: [], spans: [], ruleIds: [], lastOld: g.first - 1 };
      for (let n = from; n < g.first; n++) current.rows.push(contextRow(n));
    }
    for (const l of g.lines) current.rows.push({ op: "-", text: l.text, noEol: l.eol === "", line: l });
    for (const a of g.added) current.rows.push({ op: "+", text: a.text, noEol: !a.eol });
    current.spans.push(...g.spans);
    current.lastOld = g.last;
    delta += g.added.length - g.lines.length;
  }
  if (current) close(current);
  return { hunks, linesDeleted, linesEdited, bytesRemoved };
}
