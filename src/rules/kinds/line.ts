import type { LineInfo } from "../../engine/features.js";
import type { Proposal } from "../../engine/spans.js";
import { compileMatcher } from "../matcher.js";
import type { RuleBehaviour, RuleContext, RuleMeta, RuleSpec } from "../types.js";

/** A line rule removes every whole line that its `match` accepts. */
export function lineRule(meta: RuleMeta, spec: RuleSpec): RuleBehaviour {
  const matcher = compileMatcher(spec.match, spec.exceptions);
  const whole = (info: LineInfo): Proposal => ({ start: info.line.start, end: info.line.next, ruleId: meta.id, category: meta.category });
  return {
    scans: [matcher],
    propose: (ctx: RuleContext): Proposal[] => {
      const out: Proposal[] = [];
      const picked = ctx.candidates?.(matcher);
      if (picked) {
        // the rule index found the only lines that can match
        for (const i of picked) if (!(ctx.focus && !ctx.focus[i]) && matcher.verify(ctx.lines[i]!)) out.push(whole(ctx.lines[i]!));
        return out;
      }
      for (const info of ctx.lines) {
        if (ctx.focus && !ctx.focus[info.index]) continue;
        if (matcher.test(info)) out.push(whole(info));
      }
      return out;
    },
  };
}
