import type { LineInfo } from "../../engine/features.js";
import type { Proposal } from "../../engine/spans.js";
import { compileMatcher } from "../matcher.js";
import type { RuleBehaviour, RuleContext, RuleMeta, RuleSpec } from "../types.js";
import { paragraphFocused, paragraphInput, unitOf } from "./wrapped.js";

/** Where a scraper glued two sentences together: "…difference.Nato defence…". */
const GLUE = /(?<=[\p{Ll}\p{N})”"'’][.!?…])(?=[\p{Lu}“"‘])/u;

/** Blank lines a block may span between two of its lines. */
const MAX_GAP = 2;
/** A bridge needs a short line of the block below it: a form's field or button ("Email", "Sign me up"), not a sentence. */
const FORM_WORDS = 8;

/**
 * A block rule removes a start line (`match`) together with the lines around it
 * that belong to it (`members`, or another start line): up to `before` lines
 * above (a sentence of more than a few words only when it is a start line) and
 * `after` lines below, blank lines in between not counted. Below the
 * block, a line whose leading glued sentence is a member loses that sentence only.
 * `bridge` matches a line that is not a member but is taken right below a start
 * line when a short line below it belongs to the block again (a sign-up box's
 * tagline between its heading and its e-mail field); once per start line.
 * A wrapped paragraph (text-mode browser output) counts as one line: its lines
 * joined are judged and go together, so an article paragraph under a "Related"
 * heading is not taken line by line as if it were teaser titles.
 */
export function blockRule(meta: RuleMeta, spec: RuleSpec): RuleBehaviour {
  const start = compileMatcher(spec.match, spec.exceptions);
  const member = compileMatcher(spec.members, spec.exceptions);
  const before = spec.before ?? 0;
  const after = spec.after ?? 0;
  const bridge = spec.bridge && compileMatcher(spec.bridge, spec.exceptions);
  const propose = (ctx: RuleContext): Proposal[] => {
    const { lines } = ctx;
    const out: Proposal[] = [];
    const take = (first: number, last: number) => {
      for (let k = first; k <= last; k++) out.push({ start: lines[k]!.line.start, end: lines[k]!.line.next, ruleId: meta.id, category: meta.category });
    };
    const input = (first: number, last: number) => paragraphInput(lines, first, last);
    const belongs = (first: number, last: number) => start.test(input(first, last)) || member.test(input(first, last));
    // above the start line a sentence belongs only as a start line: it is the article's, though it mention a subscription ("…its Apple One subscription bundle.")
    const sentence = (first: number) => lines[first]!.paraEnd && lines[first]!.paraWords > FORM_WORDS;
    const belongsAbove = (first: number, last: number) => start.test(input(first, last)) || (!sentence(first) && member.test(input(first, last)));
    // `bridge`: a line right below a start line that the block's next line belongs to again (a sign-up box's tagline between its heading and its form)
    const bridges = (first: number, last: number) => {
      if (!bridge || !bridge.test(input(first, last))) return false;
      let k = last + 1;
      for (let gap = 0; k < lines.length && lines[k]!.blank; k++) if (++gap > MAX_GAP) return false;
      if (k >= lines.length || lines[k]!.paraWords > FORM_WORDS) return false;
      const [nf, nl] = unitOf(lines, k);
      return belongs(nf, nl);
    };
    // start lines: the rule index's candidates (a wrapped paragraph: its first line), verified; or any line, fully tested
    const picked = ctx.candidates?.(start);
    const isStart = picked ? start.verify : start.test;
    let done = -1; // last line index already covered by a block
    let seen = -1; // last line of the last paragraph looked at
    for (const i of picked ?? lines.keys()) {
      if (i <= done || i <= seen) continue;
      const [first, last] = unitOf(lines, i);
      seen = last;
      if (first <= done || (ctx.focus && !paragraphFocused(ctx.focus, first, last)) || !isStart(input(first, last))) continue;
      take(first, last);
      // upwards
      let budget = before;
      let gap = 0;
      for (let j = first - 1; j > done && budget > 0; j--) {
        if (lines[j]!.blank) {
          if (++gap > MAX_GAP) break;
          continue;
        }
        const [pf, pl] = unitOf(lines, j);
        if (pf <= done || !belongsAbove(pf, pl)) break;
        take(pf, pl);
        budget--;
        gap = 0;
        j = pf;
      }
      // downwards; a further start line renews the budget
      budget = after;
      gap = 0;
      let end = last;
      let belowStart = true; // the unit taken last is a start line (a bridge comes right below one)
      for (let j = last + 1; j < lines.length; j++) {
        const info = lines[j]!;
        if (info.blank) {
          if (++gap > MAX_GAP) break;
          continue;
        }
        const [pf, pl] = unitOf(lines, j);
        const startsAgain = start.test(input(pf, pl));
        if (startsAgain) budget = after;
        else if (budget > 0 && member.test(input(pf, pl))) budget--;
        else if (belowStart && budget > 1 && bridges(pf, pl)) budget--;
        else {
          if (pf === pl && (budget > 0 || after > 0)) {
            const head = info.line.text.split(GLUE, 1)[0]!;
            if (head.length < info.line.text.length && (start.testText(head) || member.testText(head))) {
              out.push({ start: info.line.start, end: info.line.start + head.length, ruleId: meta.id, category: meta.category });
            }
          }
          break;
        }
        belowStart = startsAgain;
        take(pf, pl);
        gap = 0;
        end = j = pl;
      }
      done = end;
    }
    return out;
  };
  return { propose, scans: [start] };
}
