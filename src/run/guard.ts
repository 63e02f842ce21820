import type { CleanResult } from "../engine/clean.js";

export interface GuardOptions {
  /** Largest share of a document's characters the rules may remove (0..1; default 0.6). */
  maxShare: number;
}

export const DEFAULT_GUARD: GuardOptions = { maxShare: 0.6 };

const isSpace = (c: number) => c === 32 || (c >= 9 && c <= 13) || c === 0xa0 || c === 0xfeff || c === 0x2028 || c === 0x2029 || c === 0x3000 || (c >= 0x2000 && c <= 0x200a);

/** Non-whitespace characters (UTF-16 units) of text[start, end). */
function visible(text: string, start: number, end: number): number {
  let n = 0;
  for (let i = start; i < end; i++) if (!isSpace(text.charCodeAt(i))) n++;
  return n;
}

/**
 * The longest paragraph by visible characters: [start, end, visible chars].
 * A paragraph is one line: scraped text puts each block (paragraph, cell,
 * link) on its own line, so a run of non-blank lines is usually a menu, not
 * prose (measured on the dev bench: counting runs made the guard fire on a
 * third of the pages, mostly on menus).
 */
export function longestParagraph(text: string): [number, number, number] {
  let best: [number, number, number] = [0, 0, 0];
  let lineStart = 0;
  let count = 0;
  for (let i = 0; i <= text.length; i++) {
    const c = i < text.length ? text.charCodeAt(i) : 10;
    if (c === 10 || c === 13) {
      if (count > best[2]) best = [lineStart, i, count];
      if (c === 13 && text.charCodeAt(i + 1) === 10) i++;
      lineStart = i + 1;
      count = 0;
    } else if (!isSpace(c)) count++;
  }
  return best;
}

/** Visible characters of [start, end) covered by the spans (sorted, disjoint). */
function removedIn(text: string, spans: CleanResult["spans"], start: number, end: number): number {
  let n = 0;
  for (const s of spans) {
    if (s.end <= start) continue;
    if (s.start >= end) break;
    n += visible(text, Math.max(s.start, start), Math.min(s.end, end));
  }
  return n;
}

const pct = (x: number) => `${Math.round(100 * x)}%`;

/**
 * The content guard: why a cleaning result must not be used, or undefined
 * when it may. It fires when the removals take more than `maxShare` of the
 * document's visible (non-whitespace) characters, or more than `maxShare` of
 * its longest paragraph: both mean the rules are probably eating the article.
 */
export function guardReason(input: string, result: CleanResult, options: GuardOptions = DEFAULT_GUARD): string | undefined {
  if (!result.changed || result.spans.length === 0) return undefined;
  const total = visible(input, 0, input.length);
  if (total === 0) return undefined;
  const removed = removedIn(input, result.spans, 0, input.length);
  if (removed / total > options.maxShare) {
    return `would remove ${pct(removed / total)} of the text (guard limit ${pct(options.maxShare)}); left unchanged`;
  }
  const [pStart, pEnd, pCount] = longestParagraph(input);
  const pRemoved = removedIn(input, result.spans, pStart, pEnd);
  if (pCount > 0 && pRemoved / pCount > options.maxShare) {
    let line = 1;
    for (let i = 0; i < pStart; i++) if (input.charCodeAt(i) === 10) line++;
    return `would remove ${pct(pRemoved / pCount)} of the longest paragraph (line ${line}, ${pCount} characters); left unchanged`;
  }
  return undefined;
}
