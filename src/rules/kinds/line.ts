import type { Proposal } from "../../engine/spans.js";
import { compileMatcher } from "../matcher.js";
import type { RuleContext, RuleMeta, RuleSpec } from "../types.js";

/** A line rule removes every whole line that its `match` accepts. */
export function lineRule(meta: RuleMeta, spec: RuleSpec) {
  const matcher = compileMatcher(spec.match, spec.exceptions);
  return (ctx: RuleContext): Proposal[] => {
    const out: Proposal[] = [];
    for (const info of ctx.lines) {
      if (ctx.focus && !ctx.focus[info.index]) continue;
      if (matcher.test(info)) out.push({ start: info.line.start, end: info.line.next, ruleId: meta.id, category: meta.category });
    }
    return out;
  };
}
