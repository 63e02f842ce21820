import type { LineInfo } from "../../engine/features.js";
import type { RuleContext } from "../types.js";
import { listItems } from "./shapes.js";

/**
 * A paragraph: one line of unwrapped text, or the lines of one wrapped paragraph (a text-mode
 * browser's output), with the facts the shape rules judge it by.
 */
export interface Paragraph {
  /** Its lines (non-blank, in order). */
  readonly lines: readonly LineInfo[];
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
  const groups: LineInfo[][] = [];
  for (const l of lines) {
    if (l.blank) continue;
    const last = groups.at(-1);
    if (!l.paraFirst && last && last.at(-1)!.index === l.index - 1) last.push(l);
    else groups.push([l]);
  }
  return groups.map((g) => ({
    lines: g,
    words: g[0]!.paraWords,
    end: g[0]!.paraEnd,
    removed: g.every((l) => removed[l.index] === true),
    listed: g.some((l) => listed[l.index] === true),
  }));
}
