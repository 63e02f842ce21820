import type { LineInfo } from "../../engine/features.js";
import type { RuleContext } from "../types.js";
import { introducesList, isDataRow, listItems, listStart } from "./shapes.js";
import { defineAlgorithm } from "./options.js";

/**
 * The end of a page after its article, found by shape alone: the suffix of the
 * document where label-like lines (menus, teaser headlines, lines other rules
 * removed) outweigh prose the most. Each label counts for the cut, each word of
 * prose against it; the suffix with the highest score goes when that score
 * passes `minScore` and at most `maxShareAfter` of the document's prose is in it.
 * The items of a list introduced by a line ending in ":" stay (their prose still counts
 * against the cut), and so does that line while the list's first item stays.
 */
export const tailDensity = defineAlgorithm({
  name: "tail-density",
  description: "the end of the page where short label lines outweigh prose",
  options: {
    minScore: { type: "number", default: 6, min: 0 },
    maxShareAfter: { type: "number", default: 0.15, min: 0, max: 1 },
    labelWords: { type: "number", default: 6, min: 1 },
    proseWords: { type: "number", default: 8, min: 1 },
    wordCost: { type: "number", default: 0.1, min: 0 },
    lineCost: { type: "number", default: 0, min: 0 },
    keepProseWords: { type: "number", default: Infinity, min: 1 },
    storyParagraphs: { type: "number", default: Infinity, min: 2 },
  },
  create({ minScore, maxShareAfter, labelWords, proseWords, wordCost, lineCost, keepProseWords, storyParagraphs }) {
    return (ctx: RuleContext, emit) => {
      const { lines, removed } = ctx;
      const isProse = (l: LineInfo) => l.paraEnd && l.paraWords >= proseWords;
      const listed = listItems(lines, removed);
      const score = (l: LineInfo): number => {
        if (l.blank) return 0;
        const prose = isProse(l) ? -l.words * wordCost - (l.paraFirst ? lineCost : 0) : 0;
        // a list's item counts for nothing, but its prose still counts against the cut (an item's description under its title)
        if (listed[l.index]) return removed[l.index] ? 0 : prose;
        if (removed[l.index]) return 2;
        if (prose < 0) return prose;
        // "Calories: 216", "Hubraum 1.598": data rows of a table or list are not navigation
        if (isDataRow(l.content)) return 0;
        if (l.paraWords <= labelWords && !l.paraEnd) return 1;
        return l.paraEnd || l.paraWords >= 3 * proseWords ? -l.words * wordCost : 0.25;
      };
      // a line that introduces a list stays with it ("Die wichtigsten Beschlüsse:"), unless other rules removed the
      // list's first item ("Teile ihn auf:" above share buttons)
      const introducesKept = (i: number) => {
        if (!introducesList(lines[i])) return false;
        const first = listStart(lines, i);
        return listed[first] === true && !removed[first];
      };
      const total = lines.reduce((a, l) => a + (isProse(l) ? l.words : 0), 0);
      if (total === 0) return;
      let best = 0;
      let cut = -1;
      let sum = 0;
      let proseAfter = 0;
      let story = 0; // prose paragraphs in a row, with at most single headings between them
      let other = 0; // non-prose lines since the last prose paragraph
      for (let i = lines.length - 1; i >= 0; i--) {
        const l = lines[i]!;
        sum += score(l);
        if (isProse(l)) proseAfter += l.words;
        if (proseAfter > maxShareAfter * total) break;
        // several paragraphs of prose in a row (single subheadings between them allowed) are a
        // story: the cut never reaches into one
        if (isProse(l)) {
          other = 0;
          if (l.paraFirst && ++story >= storyParagraphs) break;
        } else if (!l.blank && (removed[l.index] || ++other > 1)) story = 0;
        if (!l.blank && sum > best) {
          best = sum;
          cut = i;
        }
      }
      if (cut < 0 || best < minScore) return;
      // a cut starts at a paragraph's first line: a wrapped paragraph is never split
      while (cut < lines.length && !lines[cut]!.paraFirst) cut++;
      // prose paragraphs of at least keepProseWords words stay even inside the cut
      for (let i = cut; i < lines.length; i++) {
        const l = lines[i]!;
        if (!l.blank && !listed[l.index] && !introducesKept(i) && !(isProse(l) && l.paraWords >= keepProseWords)) emit(l.line.start, l.line.next);
      }
    };
  },
});
