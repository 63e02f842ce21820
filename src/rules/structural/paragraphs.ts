import type { LineInfo } from "../../engine/features.js";
import type { RuleContext } from "../types.js";
import { paragraphEnd, paragraphInput } from "../kinds/wrapped.js";
import { listItems } from "./shapes.js";

/**
 * A paragraph: one line of unwrapped text, or the lines of one wrapped paragraph (a text-mode
 * browser's output), with the facts the shape rules judge it by.
 */
export interface Paragraph {
  /** Its lines (non-blank, in order). */
  readonly lines: readonly LineInfo[];
  /** Its lines' content joined with spaces, as line rules judge it (paragraphInput). */
  readonly text: string;
  readonly words: number;
  /** Ends like a sentence. */
  readonly end: boolean;
  /** Every line of it was removed by an earlier rule. */
  readonly removed: boolean;
  /** An item of a list introduced by a line ending in ":" (content). */
  readonly listed: boolean;
}

/** The paragraphs of a document, with what the earlier rules removed. */
export function paragraphs(ctx: RuleContext): Paragraph[] {
  const { lines, removed } = ctx;
  const listed = listItems(lines, removed);
  const out: Paragraph[] = [];
  for (let i = 0; i < lines.length; i++) {
    if (lines[i]!.blank) continue;
    // the loop steps over whole paragraphs: line i is the first of its paragraph
    const last = paragraphEnd(lines, i);
    const g = lines.slice(i, last + 1);
    out.push({
      lines: g,
      text: paragraphInput(lines, i, last).content,
      words: g[0]!.paraWords,
      end: g[0]!.paraEnd,
      removed: g.every((l) => removed[l.index] === true),
      listed: g.some((l) => listed[l.index] === true),
    });
    i = last;
  }
  return out;
}
