import type { LineInfo } from "../../engine/features.js";
import type { Proposal } from "../../engine/spans.js";
import { compileMatcher } from "../matcher.js";
import type { RuleBehaviour, RuleContext, RuleMeta, RuleSpec } from "../types.js";
import { linesToJudge, paragraphOf, paragraphText } from "./wrapped.js";

/**
 * A line rule removes every whole line that its `match` accepts. A line of a
 * wrapped paragraph is judged with its paragraph: the paragraph's lines joined
 * are matched, and go together, so a banner wrapped over five lines goes whole
 * and a fragment of an article sentence that happens to look like a label stays.
 */
export function lineRule(meta: RuleMeta, spec: RuleSpec): RuleBehaviour {
  const matcher = compileMatcher(spec.match, spec.exceptions);
  const span = (from: LineInfo, to: LineInfo): Proposal => ({ start: from.line.start, end: to.line.next, ruleId: meta.id, category: meta.category });
  return {
    scans: [matcher],
    propose: (ctx: RuleContext): Proposal[] => {
      const out: Proposal[] = [];
      let done = -1; // the last line of the last paragraph judged
      const judge = (i: number, single: (info: LineInfo) => boolean) => {
        if (i <= done || (ctx.focus && !ctx.focus[i])) return;
        const [first, last] = paragraphOf(ctx.lines, i);
        if (first === last) {
          if (single(ctx.lines[i]!)) out.push(span(ctx.lines[i]!, ctx.lines[i]!));
          return;
        }
        done = last;
        if (matcher.testText(paragraphText(ctx.lines, first, last))) out.push(span(ctx.lines[first]!, ctx.lines[last]!));
      };
      const picked = ctx.candidates?.(matcher);
      // a candidate of the rule index passed its prefilter: verify it; any other line gets the full test
      const single = picked ? matcher.verify : matcher.test;
      for (const i of linesToJudge(ctx.lines, picked)) judge(i, single);
      return out;
    },
  };
}
