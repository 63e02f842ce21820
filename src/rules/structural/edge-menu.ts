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

/** A line that introduces a list ("Zutaten für 12 Cookies:", "You will need:"): the list after it is content. */
export function introducesList(info: LineInfo | undefined): boolean {
  return info !== undefined && !info.blank && /:\s*$/u.test(info.content);
}

/**
 * Menus left at the edges of a document: before the first line of prose and
 * after the last one, a run of at least `minRun` consecutive label-like lines
 * (short, no sentence ending) is navigation, not article. After the last prose
 * line, runs of `tailMinRun` lines of up to `tailMaxWords` words go (a related
 * headline, a sign-off residue). A run introduced by a line ending in ":" is a
 * list and stays.
 */
export const edgeMenu: StructuralAlgorithm = {
  name: "edge-menu",
  description: "runs of short label-like lines before the first and after the last line of prose",
  options: ["minRun", "maxWords", "proseWords", "tailMinRun", "tailMaxWords"],
  create(options) {
    const minRun = num(options, "minRun", 3, 1);
    const maxWords = num(options, "maxWords", 4, 1);
    const proseWords = num(options, "proseWords", 12, 1);
    const tailMinRun = num(options, "tailMinRun", minRun, 1);
    const tailMaxWords = num(options, "tailMaxWords", maxWords, 1);
    return (ctx, emit) => {
      const { lines } = ctx;
      const first = lines.findIndex((l) => isProse(l, proseWords));
      if (first < 0) return;
      let last = lines.length - 1;
      while (last > first && !isProse(lines[last]!, proseWords)) last--;
      const runs = (from: number, to: number, min: number, words: number) => {
        let i = from;
        let prev: LineInfo | undefined;
        while (i < to) {
          const l = lines[i]!;
          if (!isLabel(l, words)) {
            if (!l.blank) prev = l;
            i++;
            continue;
          }
          let j = i;
          while (j < to && isLabel(lines[j]!, words)) j++;
          if (j - i >= min && !introducesList(prev)) emit(lines[i]!.line.start, lines[j - 1]!.line.next);
          prev = lines[j - 1];
          i = j;
        }
      };
      runs(0, first, minRun, maxWords);
      runs(last + 1, lines.length, tailMinRun, tailMaxWords);
    };
  },
};
