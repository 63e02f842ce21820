import type { LineInfo } from "../../engine/features.js";
import type { StructuralAlgorithm } from "./registry.js";
import { num } from "./options.js";

/**
 * The same line twice in a row (blank lines between allowed): a title the
 * scraper picked up twice. The first copy stays, the later ones go.
 */
export const repeatedLine: StructuralAlgorithm = {
  name: "repeated-line",
  description: "the same line repeated on consecutive non-blank lines: keep the first",
  options: ["minLength"],
  create(options) {
    const minLength = num(options, "minLength", 12, 1);
    return (ctx, emit) => {
      let prev: LineInfo | undefined;
      for (const info of ctx.lines) {
        if (info.blank) continue;
        if (prev && info.content.length >= minLength && info.content === prev.content) emit(info.line.start, info.line.next);
        else prev = info;
      }
    };
  },
};
