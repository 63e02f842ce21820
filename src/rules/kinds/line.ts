import type { LineInfo } from "../../engine/features.js";
import type { Proposal } from "../../engine/spans.js";
import { compileMatcher } from "../matcher.js";
import type { RuleBehaviour, RuleContext, RuleMeta, RuleSpec } from "../types.js";
import { paragraphFocused, paragraphInput, unitOf } from "./wrapped.js";

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
      const { lines, focus } = ctx;
      const out: Proposal[] = [];
      // the rule index's candidates (a wrapped paragraph: its first line) passed its prefilter and are
      // verified; without an index every line gets the full test
      const picked = ctx.candidates?.(matcher);
      const check = picked ? matcher.verify : matcher.test;
      let done = -1; // the last line of the last paragraph judged
      for (const i of picked ?? lines.keys()) {
        if (i <= done) continue;
        const [first, last] = unitOf(lines, i);
        done = last;
        if (focus && !paragraphFocused(focus, first, last)) continue;
        if (check(paragraphInput(lines, first, last))) out.push(span(lines[first]!, lines[last]!));
      }
      return out;
    },
  };
}
