import type { LineInfo } from "../../engine/features.js";

// A text-mode browser wraps each paragraph over several lines. Line and block rules
// judge such a paragraph as one: its lines joined are matched, and go together.

/** The lines of the wrapped paragraph that line `i` belongs to, as [first, last]; [i, i] in unwrapped text. */
export function paragraphOf(lines: readonly LineInfo[], i: number): [number, number] {
  let first = i;
  while (first > 0 && !lines[first]!.paraFirst) first--;
  let last = i;
  while (last + 1 < lines.length && !lines[last + 1]!.paraFirst && !lines[last + 1]!.blank) last++;
  return [first, last];
}

/** The text of lines first..last joined with spaces (list markers and edge whitespace off), as a rule judges it. */
export function paragraphText(lines: readonly LineInfo[], first: number, last: number): string {
  return lines
    .slice(first, last + 1)
    .map((l) => l.content)
    .join(" ");
}

/** Line `i` is one of several lines of a wrapped paragraph. */
export function inWrappedParagraph(lines: readonly LineInfo[], i: number): boolean {
  const next = lines[i + 1];
  return !lines[i]!.paraFirst || (next !== undefined && !next.paraFirst && !next.blank);
}

/** Whether a document has wrapped paragraphs at all (asked by every line and block rule: computed once per document). */
const wrappedDocs = new WeakMap<readonly LineInfo[], boolean>();
export function hasWrappedParagraphs(lines: readonly LineInfo[]): boolean {
  let wrapped = wrappedDocs.get(lines);
  if (wrapped === undefined) wrappedDocs.set(lines, (wrapped = lines.some((l) => !l.paraFirst)));
  return wrapped;
}

/**
 * The lines a rule must look at: the rule index's candidates (`picked`, undefined: every line), and in a
 * document with wrapped paragraphs also every line of a paragraph of several lines (the index scanned single
 * lines, not the joined text of a wrapped paragraph).
 */
export function linesToJudge(lines: readonly LineInfo[], picked: readonly number[] | undefined): Iterable<number> {
  if (!picked) return lines.keys();
  if (!hasWrappedParagraphs(lines)) return picked;
  const isCandidate = new Uint8Array(lines.length);
  for (const i of picked) isCandidate[i] = 1;
  const out: number[] = [];
  for (let i = 0; i < lines.length; i++) if (isCandidate[i] || inWrappedParagraph(lines, i)) out.push(i);
  return out;
}
