import type { LineInfo } from "../../engine/features.js";
import type { Proposal } from "../../engine/spans.js";
import { compileMatcher } from "../matcher.js";
import type { RuleBehaviour, RuleContext, RuleMeta, RuleSpec } from "../types.js";

/**
 * The lines of the wrapped paragraph (a text-mode browser's output) that line `i`
 * belongs to, as [first, last]; [i, i] in unwrapped text.
 */
export function paragraphOf(lines: readonly LineInfo[], i: number): [number, number] {
  let first = i;
  while (first > 0 && !lines[first]!.paraFirst) first--;
  let last = i;
  while (last + 1 < lines.length && !lines[last + 1]!.paraFirst && !lines[last + 1]!.blank) last++;
  return [first, last];
}

/** Line `i` is one of several lines of a wrapped paragraph. */
function inWrappedParagraph(lines: readonly LineInfo[], i: number): boolean {
  const next = lines[i + 1];
  return !lines[i]!.paraFirst || (next !== undefined && !next.paraFirst && !next.blank);
}

/** Whether a document has wrapped paragraphs at all (asked by every line rule: computed once per document). */
const wrappedDocs = new WeakMap<readonly LineInfo[], boolean>();
function hasWrappedParagraphs(lines: readonly LineInfo[]): boolean {
  let wrapped = wrappedDocs.get(lines);
  if (wrapped === undefined) wrappedDocs.set(lines, (wrapped = lines.some((l) => !l.paraFirst)));
  return wrapped;
}

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
        const text = ctx.lines.slice(first, last + 1).map((l) => l.content).join(" ");
        if (matcher.testText(text)) out.push(span(ctx.lines[first]!, ctx.lines[last]!));
      };
      const picked = ctx.candidates?.(matcher);
      if (!picked) for (const info of ctx.lines) judge(info.index, matcher.test);
      else if (!hasWrappedParagraphs(ctx.lines)) for (const i of picked) judge(i, matcher.verify);
      else {
        // the rule index scanned single lines, not the joined text of a wrapped paragraph:
        // visit its candidates and every line of a paragraph of several lines
        const isCandidate = new Uint8Array(ctx.lines.length);
        for (const i of picked) isCandidate[i] = 1;
        for (let i = 0; i < ctx.lines.length; i++) if (isCandidate[i] || inWrappedParagraph(ctx.lines, i)) judge(i, matcher.verify);
      }
      return out;
    },
  };
}
