import type { LineInfo } from "../../engine/features.js";
import { defineAlgorithm } from "./options.js";

/**
 * The same line twice in a row (blank lines between allowed): a title the
 * scraper picked up twice. The first copy stays, the later ones go.
 */
export const repeatedLine = defineAlgorithm({
  name: "repeated-line",
  description: "the same line repeated on consecutive non-blank lines: keep the first",
  options: { minLength: { type: "number", default: 12, min: 1 } },
  create({ minLength }) {
    return (ctx, emit) => {
      let prev: LineInfo | undefined;
      for (const info of ctx.lines) {
        if (info.blank) continue;
        if (prev && info.content.length >= minLength && info.content === prev.content) emit(info.line.start, info.line.next);
        else prev = info;
      }
    };
  },
});
