import { cleanText } from "../engine/clean.js";
import type { CompiledRule } from "./types.js";

export interface ExampleFailure {
  ruleId: string;
  source: string;
  kind: "remove" | "keep";
  index: number;
  input: string;
  expected: string;
  actual: string;
}

/**
 * Run a rule's own examples with that rule alone: each `remove` input must
 * come out as its `out`, each `keep` text unchanged. A structural rule that
 * builds on what other rules removed (`label-run`) runs with `companions`
 * (the non-structural rules of its rule set) beside it.
 */
export function testRuleExamples(rule: CompiledRule, companions: readonly CompiledRule[] = []): ExampleFailure[] {
  const failures: ExampleFailure[] = [];
  const { examples } = rule.spec;
  const set = rule.meta.kind === "structural" ? [rule, ...companions.filter((r) => r.meta.kind !== "structural")] : [rule];
  const base = { ruleId: rule.meta.id, source: `${rule.meta.source.file}:${rule.meta.source.line}` };
  examples.remove.forEach((ex, index) => {
    const actual = cleanText(ex.in, set).text;
    if (actual !== ex.out) failures.push({ ...base, kind: "remove", index, input: ex.in, expected: ex.out, actual });
  });
  examples.keep.forEach((text, index) => {
    const actual = cleanText(text, set).text;
    if (actual !== text) failures.push({ ...base, kind: "keep", index, input: text, expected: text, actual });
  });
  return failures;
}
