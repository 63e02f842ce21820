import { compileMatcher } from "../matcher.js";
import type { RuleContext } from "../types.js";
import { defineAlgorithm } from "./options.js";
import { isProse } from "./shapes.js";

/**
 * The end of an article: a heading such as "Related articles", "Leave a
 * comment" or "Das könnte dich auch interessieren" after which only a small
 * share of the document's prose remains. From that heading to the end of the
 * document everything is teasers, comments and footer, and goes. When much
 * prose follows the heading (an inline "Read also" in the middle of a story),
 * nothing is cut.
 */
export const tailCut = defineAlgorithm({
  name: "tail-cut",
  description: "everything from an end-of-article heading (related, comments) to the end of the document",
  options: {
    markers: { type: "match" },
    maxShareAfter: { type: "number", default: 0.2, min: 0, max: 1 },
    minProseBefore: { type: "number", default: 40, min: 0 },
    proseWords: { type: "number", default: 8, min: 1 },
    markerWords: { type: "number", default: 8, min: 1 },
  },
  create({ markers: spec, maxShareAfter, minProseBefore, proseWords, markerWords }) {
    const markers = compileMatcher(spec);
    return (ctx: RuleContext, emit) => {
      const { lines } = ctx;
      const prose = lines.map((l) => (isProse(l, proseWords) && l.paraEnd ? l.words : 0));
      const total = prose.reduce((a, b) => a + b, 0);
      let before = 0;
      for (const l of lines) {
        if (!l.blank && l.paraWords <= markerWords && before >= minProseBefore && before >= (1 - maxShareAfter) * total && markers.test(l)) {
          emit(l.line.start, ctx.doc.text.length);
          return;
        }
        before += prose[l.index]!;
      }
    };
  },
});
