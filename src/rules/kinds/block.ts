import type { LineInfo } from "../../engine/features.js";
import type { Proposal } from "../../engine/spans.js";
import { compileMatcher } from "../matcher.js";
import type { RuleBehaviour, RuleContext, RuleMeta, RuleSpec } from "../types.js";
import { linesToJudge, paragraphOf, paragraphText } from "./wrapped.js";

/** Where a scraper glued two sentences together: "…difference.Nato defence…". */
const GLUE = /(?<=[\p{Ll}\p{N})”"'’][.!?…])(?=[\p{Lu}“"‘])/u;

/** Blank lines a block may span between two of its lines. */
const MAX_GAP = 2;

/**
 * A block rule removes a start line (`match`) together with the lines around it
 * that belong to it (`members`, or another start line): up to `before` lines
 * above and `after` lines below, blank lines in between not counted. Below the
 * block, a line whose leading glued sentence is a member loses that sentence only.
 * A wrapped paragraph (text-mode browser output) counts as one line: its lines
 * joined are judged and go together, so an article paragraph under a "Related"
 * heading is not taken line by line as if it were teaser titles.
 */
export function blockRule(meta: RuleMeta, spec: RuleSpec): RuleBehaviour {
  const start = compileMatcher(spec.match, spec.exceptions);
  const member = compileMatcher(spec.members, spec.exceptions);
  const before = spec.before ?? 0;
  const after = spec.after ?? 0;
  const propose = (ctx: RuleContext): Proposal[] => {
    const { lines } = ctx;
    const out: Proposal[] = [];
    const take = (first: number, last: number) => {
      for (let k = first; k <= last; k++) out.push({ start: lines[k]!.line.start, end: lines[k]!.line.next, ruleId: meta.id, category: meta.category });
    };
    /** Paragraph [first, last] judged as one: a single line by `single`, a wrapped paragraph's joined text by `joined`. */
    const judge = (first: number, last: number, single: (info: LineInfo) => boolean, joined: (text: string) => boolean) =>
      first === last ? single(lines[first]!) : joined(paragraphText(lines, first, last));
    const isStartText = (text: string) => start.testText(text);
    const belongs = (first: number, last: number) =>
      judge(first, last, (info) => start.test(info) || member.test(info), (text) => start.testText(text) || member.testText(text));
    // start lines: among the rule index's candidates, or any line
    const picked = ctx.candidates?.(start);
    const isStart = picked ? start.verify : start.test;
    let done = -1; // last line index already covered by a block
    let judged = -1; // last line of the last wrapped paragraph judged as a start
    for (const i of linesToJudge(lines, picked)) {
      if (i <= done || i <= judged || (ctx.focus && !ctx.focus[i])) continue;
      const [first, last] = paragraphOf(lines, i);
      if (first <= done) continue;
      if (first < last) judged = last;
      if (!judge(first, last, isStart, isStartText)) continue;
      take(first, last);
      // upwards
      let budget = before;
      let gap = 0;
      for (let j = first - 1; j > done && budget > 0; j--) {
        if (lines[j]!.blank) {
          if (++gap > MAX_GAP) break;
          continue;
        }
        const [pf, pl] = paragraphOf(lines, j);
        if (pf <= done || !belongs(pf, pl)) break;
        take(pf, pl);
        budget--;
        gap = 0;
        j = pf;
      }
      // downwards; a further start line renews the budget
      budget = after;
      gap = 0;
      let end = last;
      for (let j = last + 1; j < lines.length; j++) {
        const info = lines[j]!;
        if (info.blank) {
          if (++gap > MAX_GAP) break;
          continue;
        }
        const [pf, pl] = paragraphOf(lines, j);
        if (judge(pf, pl, (l) => start.test(l), isStartText)) budget = after;
        else if (budget > 0 && judge(pf, pl, (l) => member.test(l), (text) => member.testText(text))) budget--;
        else {
          if (pf === pl && (budget > 0 || after > 0)) {
            const head = info.line.text.split(GLUE, 1)[0]!;
            if (head.length < info.line.text.length && (start.testText(head) || member.testText(head))) {
              out.push({ start: info.line.start, end: info.line.start + head.length, ruleId: meta.id, category: meta.category });
            }
          }
          break;
        }
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
