import type { RuleContext } from "../types.js";
import { defineAlgorithm } from "./options.js";
import { paragraphs, type Paragraph } from "./paragraphs.js";
import { introducesList, isDataRow } from "./shapes.js";

/** A short data row of a table ("C3", "Hubraum 1.598"). */
const isData = (p: Paragraph) => p.words <= 4 && p.lines.some((l) => isDataRow(l.content));

/**
 * The end of the article, found from the shape of paragraphs (jusText's idea, on lines):
 * prose (a sentence of `proseWords` words or more), labels (up to `labelWords` words without a
 * sentence ending: menu items, headings, teaser titles, buttons) and lines other rules removed.
 * The article's end can only come after its last story (`storyParagraphs` prose paragraphs in a
 * row), after its longest paragraph, and where at most `maxShareAfter` of the page's prose is
 * left. The first boilerplate stretch after that point (a paragraph other rules removed, or
 * `separator` labels in a row) starts the page's tail: author boxes, teaser blurbs, newsletter
 * and footer text, which go even where they are prose, when the tail holds known boilerplate
 * (at least `minRemoved` paragraphs that rules of other categories than `ignoreCategories`
 * removed) and at most `maxParagraphsAfter` prose paragraphs. Lists introduced by a line
 * ending in ":" stay, and labels followed by a prose paragraph of `headingProseWords` words or more
 * are headings of the article (a caption and a subheading), not a stretch that ends it.
 */
export const articleEnd = defineAlgorithm({
  name: "article-end",
  description: "everything after the article's last paragraph that a boilerplate stretch separates from it",
  options: {
    labelWords: { type: "number", default: 6, min: 1 },
    proseWords: { type: "number", default: 8, min: 1 },
    separator: { type: "number", default: 2, min: 1 },
    minRemoved: { type: "number", default: 1, min: 0 },
    maxShareAfter: { type: "number", default: 0.3, min: 0, max: 1 },
    storyParagraphs: { type: "number", default: 2, min: 2 },
    maxParagraphsAfter: { type: "number", default: 12, min: 0 },
    ignoreCategories: { type: "strings", default: ["credit", "ads"] },
    headingProseWords: { type: "number", default: Infinity, min: 1 },
  },
  create({ labelWords, proseWords, separator, minRemoved, maxShareAfter, storyParagraphs, maxParagraphsAfter, ignoreCategories, headingProseWords }) {
    return (ctx: RuleContext, emit) => {
      if (!ctx.removed.some(Boolean) && minRemoved > 0) return;
      const paras = paragraphs(ctx);
      // removed by a rule whose category also occurs inside articles (an image credit, an ad label): no end marker
      const known = (p: Paragraph) => p.removed && !p.lines.some((l) => ignoreCategories.includes(ctx.removedCategory?.[l.index] ?? ""));
      const isProse = (p: Paragraph) => !p.removed && p.end && p.words >= proseWords;
      const isBad = (p: Paragraph) => (p.removed && known(p)) || (!p.listed && !p.end && !introducesList(p.lines.at(-1)) && p.words > 0 && p.words <= labelWords && !isData(p));
      // lines without a word ("*", ">", "1.") and data rows of a table ("C3") are neither prose nor labels
      const isVoid = (p: Paragraph) => !p.removed && (p.words === 0 || (!p.end && isData(p)));
      const total = paras.reduce((a, p) => a + (isProse(p) ? p.words : 0), 0);
      if (total === 0) return;
      // the cut comes after the last story (prose paragraphs in a row), after the longest paragraph,
      // and where at most maxShareAfter of the prose is left
      let from = 0;
      let longest = 0;
      let run = 0;
      let after = total;
      for (let i = 0; i < paras.length; i++) {
        const p = paras[i]!;
        if (isVoid(p)) continue;
        if (isProse(p)) {
          if (++run >= storyParagraphs) from = i + 1;
          if (p.words >= longest) {
            longest = p.words;
            from = Math.max(from, i + 1);
          }
          if (after > maxShareAfter * total) from = Math.max(from, i + 1);
          after -= p.words;
        } else run = 0;
      }
      // the boilerplate stretch that ends the article: a paragraph of known boilerplate, or `separator` labels in a row
      // (a data row there ends a stretch of labels: "Calories : 216" under "Nutritional value" is a table)
      // labels over a long paragraph of prose (a caption and a subheading, "Fazit" over the conclusion) are the
      // article's own headings, not its end
      const overLongProse = (i: number) => {
        for (let j = i + 1; j < paras.length; j++) {
          const q = paras[j]!;
          if ((q.words === 0 && !q.removed) || isBad(q)) continue;
          return isProse(q) && q.words >= headingProseWords;
        }
        return false;
      };
      let cut = -1;
      for (let i = from, labels = 0, first = -1; i < paras.length && cut < 0; i++) {
        const p = paras[i]!;
        if (p.words === 0 && !p.removed) continue;
        if (labels === 0) first = i;
        if (known(p)) cut = first;
        else if (isBad(p)) {
          if (++labels >= separator && !overLongProse(i)) cut = first;
        } else labels = 0;
      }
      if (cut < 0) return;
      const tail = paras.slice(cut);
      if (tail.filter(known).length < minRemoved) return;
      if (tail.filter(isProse).length > maxParagraphsAfter) return;
      for (const p of tail) if (!p.removed && !p.listed && !introducesList(p.lines.at(-1))) for (const l of p.lines) emit(l.line.start, l.line.next);
    };
  },
});
