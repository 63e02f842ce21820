import type { LineInfo } from "../../engine/features.js";
import type { StructuralAlgorithm } from "./registry.js";
import { num } from "./options.js";

/** A line that reads like a sentence of running text. */
export function isProse(info: LineInfo, minWords: number): boolean {
  return info.words >= minWords && /[.!?…,;:。！？、]/u.test(info.content);
}

/** A line that reads like a menu item, a button or a link. */
export function isLabel(info: LineInfo, maxWords: number): boolean {
  return !info.blank && info.words <= maxWords && !info.sentenceEnd;
}

/**
 * Menus left at the edges of a document: before the first line of prose and
 * after the last one, a run of at least `minRun` consecutive label-like lines
 * (short, no sentence ending) is navigation, not article.
 */
export const edgeMenu: StructuralAlgorithm = {
  name: "edge-menu",
  description: "runs of short label-like lines before the first and after the last line of prose",
  options: ["minRun", "maxWords", "proseWords"],
  create(options) {
    const minRun = num(options, "minRun", 3, 2);
    const maxWords = num(options, "maxWords", 4, 1);
    const proseWords = num(options, "proseWords", 12, 1);
    return (ctx, emit) => {
      const { lines } = ctx;
      let first = lines.findIndex((l) => isProse(l, proseWords));
      if (first < 0) return;
      let last = lines.length - 1;
      while (last > first && !isProse(lines[last]!, proseWords)) last--;
      const runs = (from: number, to: number) => {
        let i = from;
        while (i < to) {
          if (!isLabel(lines[i]!, maxWords)) {
            i++;
            continue;
          }
          let j = i;
          while (j < to && isLabel(lines[j]!, maxWords)) j++;
          if (j - i >= minRun) emit(lines[i]!.line.start, lines[j - 1]!.line.next);
          i = j;
        }
      };
      runs(0, first);
      runs(last + 1, lines.length);
    };
  },
};
