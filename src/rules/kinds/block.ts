import type { LineInfo } from "../../engine/features.js";
import type { Proposal } from "../../engine/spans.js";
import { compileMatcher } from "../matcher.js";
import type { RuleBehaviour, RuleContext, RuleMeta, RuleSpec } from "../types.js";

/** Where a scraper glued two sentences together: "…difference.Nato defence…". */
const GLUE = /(?<=[\p{Ll}\p{N})”"'’][.!?…])(?=[\p{Lu}“"‘])/u;

/** Blank lines a block may span between two of its lines. */
const MAX_GAP = 2;

/**
 * A block rule removes a start line (`match`) together with the lines around it
 * that belong to it (`members`, or another start line): up to `before` lines
 * above and `after` lines below, blank lines in between not counted. Below the
 * block, a line whose leading glued sentence is a member loses that sentence only.
 */
export function blockRule(meta: RuleMeta, spec: RuleSpec): RuleBehaviour {
  const start = compileMatcher(spec.match, spec.exceptions);
  const member = compileMatcher(spec.members, spec.exceptions);
  const before = spec.before ?? 0;
  const after = spec.after ?? 0;
  const whole = (info: LineInfo): Proposal => ({ start: info.line.start, end: info.line.next, ruleId: meta.id, category: meta.category });
  const propose = (ctx: RuleContext): Proposal[] => {
    const { lines } = ctx;
    const out: Proposal[] = [];
    const belongs = (info: LineInfo) => start.test(info) || member.test(info);
    // start lines: among the rule index's candidates, or any line
    const picked = ctx.candidates?.(start);
    const isStart = picked ? start.verify : start.test;
    const count = picked ? picked.length : lines.length;
    let done = -1; // last line index already covered by a block
    for (let k = 0; k < count; k++) {
      const i = picked ? picked[k]! : k;
      if (i <= done || (ctx.focus && !ctx.focus[i]) || !isStart(lines[i]!)) continue;
      out.push(whole(lines[i]!));
      // upwards
      let budget = before;
      let gap = 0;
      for (let j = i - 1; j > done && budget > 0; j--) {
        const info = lines[j]!;
        if (info.blank) {
          if (++gap > MAX_GAP) break;
          continue;
        }
        if (!belongs(info)) break;
        out.push(whole(info));
        budget--;
        gap = 0;
      }
      // downwards; a further start line renews the budget
      budget = after;
      gap = 0;
      let last = i;
      for (let j = i + 1; j < lines.length; j++) {
        const info = lines[j]!;
        if (info.blank) {
          if (++gap > MAX_GAP) break;
          continue;
        }
        if (start.test(info)) budget = after;
        else if (budget > 0 && member.test(info)) budget--;
        else {
          if (budget > 0 || after > 0) {
            const head = info.line.text.split(GLUE, 1)[0]!;
            if (head.length < info.line.text.length && (start.testText(head) || member.testText(head))) {
              out.push({ start: info.line.start, end: info.line.start + head.length, ruleId: meta.id, category: meta.category });
            }
          }
          break;
        }
        out.push(whole(info));
        gap = 0;
        last = j;
      }
      done = last;
    }
    return out;
  };
  return { propose, scans: [start] };
}
