import type { Proposal } from "../../engine/spans.js";
import { compileMatcher, compileRegex } from "../matcher.js";
import type { RuleBehaviour, RuleContext, RuleMeta, RuleSpec } from "../types.js";
import { hasWrappedParagraphs } from "./wrapped.js";

/**
 * An inline rule removes the spans of a line that `pattern` matches (only the
 * named group `cut` when the pattern has one). With `match`, only lines that
 * match it are searched.
 */
export function inlineRule(meta: RuleMeta, spec: RuleSpec): RuleBehaviour {
  const re = compileRegex(spec.pattern ?? "(?!)", "giud");
  const only = spec.match ? compileMatcher(spec.match) : undefined;
  const except = spec.exceptions?.length ? compileMatcher({ contains: spec.exceptions }) : undefined;
  const propose = (ctx: RuleContext): Proposal[] => {
    const out: Proposal[] = [];
    // with `match`, only its candidate lines (the pattern runs on the whole line, markers included: no prefilter of its own);
    // the index gives a wrapped paragraph as its first line, and this rule works line by line
    const picked = only && !hasWrappedParagraphs(ctx.lines) ? ctx.candidates?.(only) : undefined;
    for (const info of picked ? picked.map((i) => ctx.lines[i]!) : ctx.lines) {
      if (info.blank || (ctx.focus && !ctx.focus[info.index]) || (only && !only.test(info)) || (except && except.test(info))) continue;
      const { text, start } = info.line;
      re.lastIndex = 0;
      for (let m = re.exec(text); m; m = re.exec(text)) {
        if (m[0].length === 0) {
          // step over a whole code point, so a match between surrogates cannot repeat forever
          re.lastIndex += (text.codePointAt(re.lastIndex) ?? 0) > 0xffff ? 2 : 1;
          continue;
        }
        const range = m.indices?.groups?.cut ?? m.indices![0]!;
        if (range[1] > range[0]) out.push({ start: start + range[0], end: start + range[1], ruleId: meta.id, category: meta.category });
      }
    }
    return out;
  };
  return { propose, ...(only ? { scans: [only] } : {}) };
}
