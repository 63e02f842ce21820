import { phraseKey, PHRASE_MAX_LENGTH, type LineInfo } from "../../engine/features.js";
import type { MatchInput } from "../matcher.js";

// A text-mode browser wraps each paragraph over several lines. Line and block rules
// judge such a paragraph as one: its lines joined are matched, and go together.

/** The lines of the wrapped paragraph that line `i` belongs to, as [first, last]; [i, i] in unwrapped text. */
export function paragraphOf(lines: readonly LineInfo[], i: number): [number, number] {
  let first = i;
  while (first > 0 && !lines[first]!.paraFirst) first--;
  return [first, paragraphEnd(lines, i)];
}

/** The last line of the paragraph that line `i` belongs to. */
export function paragraphEnd(lines: readonly LineInfo[], i: number): number {
  let last = i;
  while (last + 1 < lines.length && !lines[last + 1]!.paraFirst && !lines[last + 1]!.blank) last++;
  return last;
}

/** Whether a later pass looks at lines first..last again (`focus`: the lines a cut touched): it does when one of them is marked. */
export function paragraphFocused(focus: readonly boolean[], first: number, last: number): boolean {
  for (let k = first; k <= last; k++) if (focus[k]) return true;
  return false;
}

/** A wrapped paragraph's text as a matcher sees a line: its lines' content joined with spaces, with the lower-case and phrase-key forms computed on first use. */
class ParagraphText implements MatchInput {
  readonly blank = false;
  private lowerText?: string;
  private phrase?: string;
  constructor(readonly content: string) {}
  get lower(): string {
    return (this.lowerText ??= this.content.toLowerCase());
  }
  get key(): string {
    return (this.phrase ??= this.content.length <= PHRASE_MAX_LENGTH ? phraseKey(this.content) : "");
  }
}

/** Per document (its line array): the joined paragraphs made so far, by first line (every line and block rule asks for the same ones). */
const joinedDocs = new WeakMap<readonly LineInfo[], Map<number, ParagraphText>>();

/**
 * Paragraph first..last as a matcher sees it: a single line itself; the lines of a wrapped paragraph
 * as one input, list markers and edge whitespace off each line, joined with spaces.
 */
export function paragraphInput(lines: readonly LineInfo[], first: number, last: number): MatchInput {
  if (first === last) return lines[first]!;
  let joined = joinedDocs.get(lines);
  if (!joined) joinedDocs.set(lines, (joined = new Map()));
  let para = joined.get(first);
  if (!para) {
    const parts: string[] = [];
    for (let k = first; k <= last; k++) parts.push(lines[k]!.content);
    joined.set(first, (para = new ParagraphText(parts.join(" "))));
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
