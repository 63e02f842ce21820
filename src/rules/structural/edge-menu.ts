import { defineAlgorithm } from "./options.js";
import { introducesList, isLabel, isProse, listItems } from "./shapes.js";

/**
 * Menus left at the edges of a document: before the first line of prose and
 * after the last one, a run of at least `minRun` consecutive label-like lines
 * (short, no sentence ending) is navigation, not article. After the last prose
 * line, a run of at least two lines of up to `tailMaxWords` words goes when
 * other rules already removed one of them (a related-video headline above a
 * sign-off credit). A run introduced by a line ending in ":" is a list and stays, and so do
 * the items of such a list further down (`listItems`: a text-mode browser may part them with
 * a blank line), in the tail's residue too.
 */
export const edgeMenu = defineAlgorithm({
  name: "edge-menu",
  description: "runs of short label-like lines before the first and after the last line of prose",
  options: {
    minRun: { type: "number", default: 3, min: 1 },
    maxWords: { type: "number", default: 4, min: 1 },
    proseWords: { type: "number", default: 12, min: 1 },
    tailMaxWords: { type: "number", min: 1 }, // default: maxWords
  },
  create({ minRun, maxWords, proseWords, tailMaxWords: tailWords }) {
    const tailMaxWords = tailWords ?? maxWords;
    return (ctx, emit) => {
      const { lines } = ctx;
      const first = lines.findIndex((l) => isProse(l, proseWords));
      if (first < 0) return;
      let last = lines.length - 1;
      while (last > first && !isProse(lines[last]!, proseWords)) last--;
      const { removed } = ctx;
      // the items of a list introduced by a line ending in ":" are content, even where a blank line parts an item
      const listed = listItems(lines, removed);
      // consecutive label lines (no blank line between, as in a menu) at the head and the tail
      const labelRuns = (from: number, to: number) => {
        let i = from;
        while (i < to) {
          let j = i;
          while (j < to && isLabel(lines[j]!, maxWords) && !introducesList(lines[j]) && !listed[j]) j++;
          const before = lines.slice(from, i).reverse().find((l) => !l.blank);
          if (j - i >= minRun && !introducesList(before)) emit(lines[i]!.line.start, lines[j - 1]!.line.next);
          i = Math.max(j, i + 1);
        }
      };
      labelRuns(0, first);
      labelRuns(last + 1, lines.length);
      // the tail's short residue next to what other rules removed
      const tail = lines.slice(last + 1).filter((l) => !l.blank);
      const residue = tail.every((l) => removed[l.index] || isLabel(l, tailMaxWords));
      if (residue && tail.length >= 2 && tail.some((l) => removed[l.index])) {
        for (const l of tail) if (!listed[l.index]) emit(l.line.start, l.line.next);
      }
    };
  },
});
