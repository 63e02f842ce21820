import type { Document } from "./document.js";

/** A removal: the half-open range [start, end) of the document text, and why. */
export interface Span {
  start: number;
  end: number;
  /** The rule that removed it (the first one, when several rules overlap). */
  ruleId: string;
  category: string;
  /** Every rule whose removal overlaps this span, `ruleId` first. */
  ruleIds: string[];
}

/** What a rule proposes; the engine turns proposals into final spans. */
export interface Proposal {
  start: number;
  end: number;
  ruleId: string;
  category: string;
  /**
   * Every rule that proposes this removal, `ruleId` among them, when there are several: rules with
   * the same behaviour share one proposal (see sharedRuns), and a later pass carries a span's rules.
   */
  ruleIds?: string[];
}

export const TIDY_RULE = "tidy/blank-lines";

/** Sort and merge overlapping proposals into disjoint spans (touching ones stay apart, each with its rule); the proposals are not changed. */
export function mergeSpans(proposals: readonly Proposal[]): Span[] {
  const sorted = proposals.filter((p) => p.end > p.start).sort((a, b) => a.start - b.start || b.end - a.end);
  const out: Span[] = [];
  for (const p of sorted) {
    const last = out[out.length - 1];
    if (last && p.start < last.end) {
      if (p.end > last.end) last.end = p.end;
      for (const id of p.ruleIds ?? [p.ruleId]) if (!last.ruleIds.includes(id)) last.ruleIds.push(id);
      if (last.ruleId === TIDY_RULE && p.ruleId !== TIDY_RULE) {
        last.ruleId = p.ruleId;
        last.category = p.category;
      }
    } else {
      out.push({ start: p.start, end: p.end, ruleId: p.ruleId, category: p.category, ruleIds: p.ruleIds ? [...p.ruleIds] : [p.ruleId] });
    }
  }
  return out;
}

const isBlank = (s: string) => !/\S/.test(s);

/**
 * Turn rule proposals into the final removal spans for a document:
 * - a line whose visible content is entirely removed loses its line ending too;
 * - the blank lines a removal leaves are tidied: between kept lines, a gap keeps
 *   as many blank lines as the larger of the blank runs on either side of the
 *   removed lines; at the start or end of the document the gap disappears.
 * Blank lines that no removal touches are never changed.
 */
export function planRemovals(doc: Document, proposals: readonly Proposal[]): Span[] {
  if (proposals.length === 0) return [];
  const merged = mergeSpans(proposals);
  const { lines } = doc;
  const extra: Proposal[] = [];
  // 1. whole-line removal: covered[i] = the rule that emptied line i.
  const emptiedBy: (Span | undefined)[] = new Array(lines.length);
  let k = 0;
  for (const line of lines) {
    if (isBlank(line.text)) continue;
    while (k < merged.length && merged[k]!.end <= line.start) k++;
    // Is every non-whitespace character of the line inside some span?
    let j = k;
    let pos = line.start;
    let first: Span | undefined;
    let covered = true;
    while (j < merged.length && merged[j]!.start < line.end) {
      const s = merged[j]!;
      if (s.start > pos && /\S/.test(doc.text.slice(pos, s.start))) {
        covered = false;
        break;
      }
      first ??= s;
      pos = Math.max(pos, s.end);
      j++;
    }
    if (covered && pos < line.end && /\S/.test(doc.text.slice(pos, line.end))) covered = false;
    if (covered && first) {
      emptiedBy[line.index] = first;
      if (line.next > line.start) extra.push({ start: line.start, end: line.next, ruleId: first.ruleId, category: first.category });
    }
  }
  // 2. tidy blank lines around groups of removed lines.
  let i = 0;
  while (i < lines.length) {
    if (!emptiedBy[i]) {
      i++;
      continue;
    }
    // extend the group over removed and blank lines
    let a = i;
    while (a > 0 && (emptiedBy[a - 1] || isBlank(lines[a - 1]!.text))) a--;
    let b = i;
    while (b + 1 < lines.length && (emptiedBy[b + 1] || isBlank(lines[b + 1]!.text))) b++;
    // trim: only blank lines adjacent to a removed line belong to the group's edges
    let lead = 0;
    while (a + lead <= b && !emptiedBy[a + lead]) lead++;
    let trail = 0;
    while (b - trail >= a && !emptiedBy[b - trail]) trail++;
    const atStart = a === 0;
    const atEnd = b === lines.length - 1;
    const keep = atStart || atEnd ? 0 : Math.max(lead, trail);
    // blank lines in the group, in order; keep the first `keep` of them
    let kept = 0;
    for (let x = a; x <= b; x++) {
      if (emptiedBy[x]) continue;
      if (kept < keep) {
        kept++;
        continue;
      }
      const line = lines[x]!;
      extra.push({ start: line.start, end: line.next, ruleId: TIDY_RULE, category: "tidy" });
    }
    // At the end of the document, the kept text should not end with a dangling
    // line ending that the removed last line used to follow: drop the EOL of
    // the last kept line only if the original text had no final EOL.
    if (atEnd && a > 0) {
      const last = lines[lines.length - 1]!;
      if (last.next === last.end) {
        const prev = lines[a - 1]!;
        if (prev.next > prev.end) extra.push({ start: prev.end, end: prev.next, ruleId: TIDY_RULE, category: "tidy" });
      }
    }
    i = b + 1;
  }
  return mergeSpans([...proposals, ...extra]);
}

/** The text with the spans deleted. Spans must be sorted and disjoint. */
export function applySpans(text: string, spans: readonly { start: number; end: number }[]): string {
  if (spans.length === 0) return text;
  let out = "";
  let pos = 0;
  for (const s of spans) {
    out += text.slice(pos, s.start);
    pos = s.end;
  }
  return out + text.slice(pos);
}
