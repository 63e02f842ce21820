import { MatchText, startsListItem, type LineInfo } from "../../engine/features.js";
import type { MatchInput } from "../matcher.js";

// A text-mode browser wraps each paragraph over several lines. Line and block rules
// judge such a paragraph as one: its lines joined are matched, and go together.

/** The last line of the paragraph that line `i` belongs to (the paragraph shape rules judge). */
export function paragraphEnd(lines: readonly LineInfo[], i: number): number {
  let last = i;
  while (last + 1 < lines.length && !lines[last + 1]!.paraFirst && !lines[last + 1]!.blank) last++;
  return last;
}

/**
 * What line and block rules judge as one input: a wrapped paragraph, or one list item of it. A
 * list item that fills the line width looks like a paragraph wrapped into the next item; its
 * wording is judged on its own ("Click to share on Twitter (Opens in new window)" under "Share
 * this:"), while shape rules keep the joined paragraph.
 */
const opensUnit = (lines: readonly LineInfo[], k: number) => lines[k]!.paraFirst || startsListItem(lines[k]!);

/** The last line of the match unit that line `i` belongs to. */
export function unitEnd(lines: readonly LineInfo[], i: number): number {
  let last = i;
  while (last + 1 < lines.length && !lines[last + 1]!.blank && !opensUnit(lines, last + 1)) last++;
  return last;
}

/** The lines of the match unit that line `i` belongs to, as [first, last]; [i, i] in unwrapped text. */
export function unitOf(lines: readonly LineInfo[], i: number): [number, number] {
  let first = i;
  while (first > 0 && !opensUnit(lines, first)) first--;
  return [first, unitEnd(lines, i)];
}

/** Whether a later pass looks at lines first..last again (`focus`: the lines a cut touched): it does when one of them is marked. */
export function paragraphFocused(focus: readonly boolean[], first: number, last: number): boolean {
  for (let k = first; k <= last; k++) if (focus[k]) return true;
  return false;
}

/** Per document (its line array): the joined paragraphs made so far, by first and last line (every line and block rule asks for the same ones). */
const joinedDocs = new WeakMap<readonly LineInfo[], Map<number, MatchText>>();

/**
 * Paragraph first..last as a matcher sees it: a single line itself; the lines of a wrapped paragraph
 * as one input, list markers and edge whitespace off each line, joined with spaces.
 */
export function paragraphInput(lines: readonly LineInfo[], first: number, last: number): MatchInput {
  if (first === last) return lines[first]!;
  let joined = joinedDocs.get(lines);
  if (!joined) joinedDocs.set(lines, (joined = new Map()));
  const key = first * lines.length + last;
  let para = joined.get(key);
  if (!para) {
    const parts: string[] = [];
    for (let k = first; k <= last; k++) parts.push(lines[k]!.content);
    joined.set(key, (para = new MatchText(parts.join(" "), false)));
  }
  return para;
}

/** Whether a document has wrapped paragraphs at all (computed once per document). */
const wrappedDocs = new WeakMap<readonly LineInfo[], boolean>();
export function hasWrappedParagraphs(lines: readonly LineInfo[]): boolean {
  let wrapped = wrappedDocs.get(lines);
  if (wrapped === undefined) wrappedDocs.set(lines, (wrapped = lines.some((l) => !l.paraFirst)));
  return wrapped;
}
