import { compileMatcher } from "../matcher.js";
import type { MatchSpec, RuleContext } from "../types.js";
import { num } from "./options.js";
import type { StructuralAlgorithm } from "./registry.js";
import { isProse } from "./shapes.js";

/**
 * The end of an article: a heading such as "Related articles", "Leave a
 * comment" or "Das könnte dich auch interessieren" after which only a small
 * share of the document's prose remains. From that heading to the end of the
 * document everything is teasers, comments and footer, and goes. When much
 * prose follows the heading (an inline "Read also" in the middle of a story),
 * nothing is cut.
 */
export const tailCut: StructuralAlgorithm = {
  name: "tail-cut",
  description: "everything from an end-of-article heading (related, comments) to the end of the document",
  options: ["markers", "maxShareAfter", "minProseBefore", "proseWords", "markerWords"],
  create(options) {
    const spec = options?.markers as MatchSpec | undefined;
    if (!spec || typeof spec !== "object") throw new Error('option "markers" must be a mapping with phrases and/or patterns');
    const markers = compileMatcher(spec);
    const maxShareAfter = num(options, "maxShareAfter", 0.2, 0, 1);
    const minProseBefore = num(options, "minProseBefore", 40, 0);
    const proseWords = num(options, "proseWords", 8, 1);
    const markerWords = num(options, "markerWords", 8, 1);
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
};
