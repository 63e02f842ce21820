import type { LineInfo } from "../../engine/features.js";
import type { RuleContext } from "../types.js";
import { defineAlgorithm } from "./options.js";

/** A line that opens with a quotation mark (dialogue, a quoted statement) is never removed. */
const QUOTE = /^[-–—\s]*["„“”«»‚‘’'「『]/u;

/**
 * Lines that repeat across the documents of a corpus group (a site's menus,
 * footers, teasers), from the corpus counts of the run (`clean --learn` or
 * `clean --stats`). Without counts the rule removes nothing.
 *
 * A line goes when it occurs in at least `minDocs` documents of its group and
 * in at least `minShare` of them. Content is protected by shape:
 * - a sentence-like line (ends like a sentence, `proseWords` words or more)
 *   needs `proseFactor` times both thresholds; a line of more than `maxWords`
 *   words, or one that opens with a quotation mark, always stays;
 * - a line right above article prose (a sentence-like line in fewer than
 *   `minDocs` documents) may be the headline of that article, shown as a
 *   teaser elsewhere: it needs a share of `headShare`;
 * - a line in fewer than `minDocs` documents (a quotation repeated inside one
 *   article) always stays.
 */
export const corpusRepeat = defineAlgorithm({
  name: "corpus-repeat",
  description: "lines repeated across many documents of the corpus group (site menus, footers, teasers)",
  options: {
    minDocs: { type: "number", default: 3, min: 2 },
    minShare: { type: "number", default: 0.01, min: 0, max: 1 },
    proseWords: { type: "number", default: 8, min: 1 },
    proseFactor: { type: "number", default: 4, min: 1 },
    maxWords: { type: "number", default: 40, min: 1 },
    headShare: { type: "number", default: 0.8, min: 0, max: 1 },
  },
  create({ minDocs, minShare, proseWords, proseFactor, maxWords, headShare }) {
    return (ctx: RuleContext, emit) => {
      const corpus = ctx.corpus;
      if (!corpus || corpus.documents < minDocs) return;
      const docs = corpus.documents;
      const { lines, removed } = ctx;
      const prose = (l: LineInfo) => l.paraEnd && l.paraWords >= proseWords;
      const df = lines.map((l) => (l.blank || l.paraWords > maxWords || QUOTE.test(l.content) ? 0 : corpus.documentFrequency(l.line.text)));
      const passes = (l: LineInfo, factor: number) => df[l.index]! >= Math.max(minDocs * factor, Math.min(1, minShare * factor) * docs);
      const repeated = lines.map((l) => df[l.index]! > 0 && passes(l, prose(l) ? proseFactor : 1));
      let next: LineInfo | undefined; // the next non-blank line below
      for (let i = lines.length - 1; i >= 0; i--) {
        const l = lines[i]!;
        if (l.blank) continue;
        // article prose: sentence-like, in fewer than minDocs documents, not removed
        const aboveProse = next !== undefined && prose(next) && df[next.index]! < minDocs && !removed[next.index];
        if (repeated[i] && !removed[i] && (!aboveProse || df[i]! >= headShare * docs)) emit(l.line.start, l.line.next);
        next = l;
      }
    };
  },
});
