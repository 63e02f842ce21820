import type { LineInfo } from "../../engine/features.js";
import type { RuleContext } from "../types.js";
import { introducesList, isLabel, isProse } from "./edge-menu.js";
import { num } from "./options.js";
import type { StructuralAlgorithm } from "./registry.js";

/**
 * Menus, link lists and footers are runs of short label-like lines; once the
 * phrase rules have recognised some of their items ("Impressum", "Kontakt",
 * "Share"), the rest of the run is the same block. A run of short lines in
 * which enough lines are already removed goes as a whole. A short line right
 * before prose (a heading) stays.
 */
export const labelRun: StructuralAlgorithm = {
  name: "label-run",
  description: "short label-like lines in a run where other rules already removed several lines",
  options: ["maxWords", "minHits", "minShare", "maxGap", "proseWords"],
  create(options) {
    const maxWords = num(options, "maxWords", 6, 1);
    const minHits = num(options, "minHits", 2, 1);
    const minShare = num(options, "minShare", 0.3, 0, 1);
    const maxGap = num(options, "maxGap", 2, 0);
    const proseWords = num(options, "proseWords", 8, 1);
    return (ctx: RuleContext, emit) => {
      const { lines, removed } = ctx;
      if (!removed.some(Boolean)) return;
      // a line ending in ":" introduces what follows (a subheading, a list): it ends a run
      const inRun = (l: LineInfo) => removed[l.index] || (isLabel(l, maxWords) && !introducesList(l));
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
        const hits = run.filter((l) => removed[l.index]).length;
        if (hits >= minHits && hits / run.length >= minShare) {
          // keep a heading: the last unremoved line when prose follows right after the run
          let next = j;
          while (next < lines.length && lines[next]!.blank) next++;
          const headingKept = next < lines.length && isProse(lines[next]!, proseWords) ? run[run.length - 1] : undefined;
          for (const l of run) if (!removed[l.index] && l !== headingKept) emit(l.line.start, l.line.next);
        }
        i = Math.max(j, i + 1);
      }
    };
  },
};
