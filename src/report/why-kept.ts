import type { LineInfo } from "../engine/features.js";
import { regexEngineForFile } from "../rules/load.js";
import { compileMatcher, compileRegex, withRegexEngine } from "../rules/matcher.js";
import type { CompiledRule, MatchSpec } from "../rules/types.js";

/** What one rule made of one line, as far as it is cheap to tell from the rule's spec. */
export interface Verdict {
  ruleId: string;
  /**
   * - `no-match`: none of the rule's matchers hit the line;
   * - `protected`: a matcher hit, but one of the rule's exceptions protects the line;
   * - `member-only`: a block rule's member matcher hit, but no start line brought the block here;
   * - `matches`: the rule matches this line on its own (it removes it unless a later step decides otherwise);
   * - `not-selected`: a structural rule, whose algorithm did not pick the line.
   */
  verdict: "no-match" | "protected" | "member-only" | "matches" | "not-selected";
  detail: string;
}

const firstException = (exceptions: readonly string[] | undefined, text: string) =>
  (exceptions ?? []).find((ex) => compileRegex(ex).test(text));

function tooLong(spec: MatchSpec | undefined, info: LineInfo): string {
  const max = spec?.maxLength;
  return max !== undefined && info.content.length > max && (spec?.patterns?.length || spec?.contains?.length)
    ? ` (its patterns only look at lines of at most ${max} characters; this one has ${info.content.length})`
    : "";
}

/**
 * Why `rule` did (not) remove the line `info`, judged on the original text (the first pass).
 * The rule's regexes run on the engine its file gets when loaded (linear time for user rules).
 */
export function judgeLine(rule: CompiledRule, info: LineInfo): Verdict {
  return withRegexEngine(regexEngineForFile(rule.meta.source.file), () => judge(rule, info));
}

function judge(rule: CompiledRule, info: LineInfo): Verdict {
  const { spec, meta } = rule;
  const v = (verdict: Verdict["verdict"], detail: string): Verdict => ({ ruleId: meta.id, verdict, detail });
  if (info.blank) return v("no-match", "blank line");
  switch (spec.kind) {
    case "line":
    case "block": {
      const start = compileMatcher(spec.match).test(info);
      const member = spec.kind === "block" && compileMatcher(spec.members).test(info);
      if (!start && !member) return v("no-match", `none of its ${spec.kind === "block" ? "start or member " : ""}matchers hit the line${tooLong(spec.match, info)}`);
      const ex = firstException(spec.exceptions, info.content);
      if (ex !== undefined) return v("protected", `its ${start ? "match" : "members"} hit the line, but the exception /${ex}/ protects it`);
      if (!start) return v("member-only", `the line looks like a member of the block, but no start line of the block is close enough (within ${spec.after ?? 0} line(s) above it or ${spec.before ?? 0} below it)`);
      return v("matches", "its match hits the line");
    }
    case "inline": {
      const found = compileRegex(spec.pattern ?? "(?!)").exec(info.line.text);
      if (!found || found[0].length === 0) return v("no-match", "its pattern is not found in the line");
      if (spec.match && !compileMatcher(spec.match).test(info)) return v("no-match", "its pattern is found, but the line does not pass its `match` restriction");
      const ex = firstException(spec.exceptions, info.content);
      if (ex !== undefined) return v("protected", `its pattern is found ("${found[0]}"), but the exception /${ex}/ protects the line`);
      return v("matches", `its pattern is found ("${found[0]}")`);
    }
    case "structural":
      // explain loads no corpus counts: a rule that learns from the corpus selects nothing there
      if (spec.algorithm === "corpus-repeat") return v("not-selected", `structural rule (algorithm ${spec.algorithm}): it needs corpus counts (clean --learn or --stats), which explain does not load`);
      return v("not-selected", `structural rule (algorithm ${spec.algorithm}): it did not select this line`);
  }
}
