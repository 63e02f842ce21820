import type { LineInfo } from "../../engine/features.js";
import type { RuleContext } from "../types.js";
import { introducesList, isLabel, isProse, listItems } from "./shapes.js";
import { defineAlgorithm } from "./options.js";

/**
 * Menus, link lists and footers are runs of short label-like lines; once the
 * phrase rules have recognised some of their items ("Impressum", "Kontakt",
 * "Share"), the rest of the run is the same block. A run of short lines in
 * which enough lines are already removed goes as a whole between its first and
 * last recognised items, and beyond them only the short labels (up to `shortWords`
 * words) next to them: a title or a heading before or after a menu stays, and so does a
 * short headline between a menu and the article's first paragraph.
 */
export const labelRun = defineAlgorithm({
  name: "label-run",
  description: "short label-like lines in a run where other rules already removed several lines",
  options: {
    maxWords: { type: "number", default: 6, min: 1 },
    minHits: { type: "number", default: 2, min: 1 },
    minShare: { type: "number", default: 0.3, min: 0, max: 1 },
    maxGap: { type: "number", default: 2, min: 0 },
    shortWords: { type: "number", default: 4, min: 1 },
    proseWords: { type: "number", default: 8, min: 1 },
    ignoreCategories: { type: "strings", default: ["credit"] },
  },
  create({ maxWords, minHits, minShare, maxGap, shortWords, proseWords, ignoreCategories: ignored }) {
    return (ctx: RuleContext, emit) => {
      const { lines, removed } = ctx;
      // a line removed by a rule of an ignored category (a date, a credit) is no menu item: it
      // stays in a run but does not count as recognised
      const hit = (l: LineInfo) => removed[l.index] === true && !ignored.includes(ctx.removedCategory?.[l.index] ?? "");
      if (!removed.some(Boolean)) return;
      // a line ending in ":" introduces what follows (a subheading, a list): it ends a run,
      // and the items of the list it introduces are content
      const listed = listItems(lines, removed);
      const inRun = (l: LineInfo) => removed[l.index] || (isLabel(l, maxWords) && !introducesList(l) && !listed[l.index]);
      /**
       * The headline of a run that stops right above prose (the article's first paragraph, after blank lines
       * only), as an index into `run`, or -1: its last line that no rule removed, of two words or more and no
       * digit, with at most lines removed as credits (a byline, a date) below it. A short headline ("Was ist
       * Innovation?") has a label's shape, but it is the article's, not the menu's above it.
       */
      const headlineOf = (run: readonly LineInfo[], end: number): number => {
        let next = end;
        while (next < lines.length && lines[next]!.blank) next++;
        if (next >= lines.length || !isProse(lines[next]!, proseWords)) return -1;
        let k = run.length - 1;
        while (k >= 0 && removed[run[k]!.index] && !hit(run[k]!)) k--;
        const line = run[k];
        // (one word, or digits, there is a comment's author or date, or a menu's last item)
        return line && !removed[line.index] && line.paraWords >= 2 && !/\d/u.test(line.content) ? k : -1;
      };
      let i = 0;
      while (i < lines.length) {
        if (lines[i]!.blank || !inRun(lines[i]!)) {
          i++;
          continue;
        }
        const run: LineInfo[] = [];
        let gap = 0;
        let j = i;
        for (; j < lines.length; j++) {
          const l = lines[j]!;
          if (l.blank) {
            if (++gap > maxGap) break;
            continue;
          }
          if (!inRun(l)) break;
          run.push(l);
          gap = 0;
        }
        const hits = run.filter(hit).length;
        if (hits >= minHits && hits / run.length >= minShare) {
          // between the first and the last recognised item everything goes; outside them only the
          // short labels next to them: a title or a heading before or after a menu stays
          const firstHit = run.findIndex(hit);
          const lastHit = run.findLastIndex(hit);
          let from = firstHit;
          while (from > 0 && run[from - 1]!.paraWords <= shortWords) from--;
          let to = lastHit;
          const headline = headlineOf(run, j);
          while (to + 1 < run.length && to + 1 !== headline && run[to + 1]!.paraWords <= shortWords) to++;
          for (const l of run.slice(from, to + 1)) if (!removed[l.index]) emit(l.line.start, l.line.next);
        }
        i = Math.max(j, i + 1);
      }
    };
  },
});
