import { corpusForExamples } from "../corpus/counts.js";
import { cleanText } from "../engine/clean.js";
import type { CompiledRule } from "./types.js";

export interface ExampleFailure {
  ruleId: string;
  /** `file:line` of the rule. */
  source: string;
  /** remove: `in` did not come out as `out`; keep: a keep text changed; again: cleaning `out` once more changed it. */
  kind: "remove" | "keep" | "again";
  /** 0-based index in examples.remove (remove, again) or examples.keep (keep). */
  index: number;
  input: string;
  expected: string;
  actual: string;
}

/** What a failure means, in one line (1-based example numbers, as a user counts). */
export function describeFailure(f: ExampleFailure): string {
  switch (f.kind) {
    case "remove":
      return `remove example ${f.index + 1}: the output is not its "out"`;
    case "keep":
      return `keep example ${f.index + 1}: the rule changed a text it must keep`;
    case "again":
      return `remove example ${f.index + 1}: cleaning its "out" again removes more (cleaning twice must equal cleaning once)`;
  }
}

/** How many cases testRuleExamples runs for a rule. */
export function exampleCount(rule: CompiledRule): number {
  return rule.spec.examples.remove.length + rule.spec.examples.keep.length;
}

/**
 * Run a rule's own examples with that rule alone: each `remove` input must
 * come out as its `out` (and that `out` must stay as it is when cleaned
 * again), each `keep` text unchanged. A structural rule that builds on what
 * other rules removed (`label-run`) runs with `companions` (the
 * non-structural rules of its rule set) beside it.
 */
export function testRuleExamples(rule: CompiledRule, companions: readonly CompiledRule[] = []): ExampleFailure[] {
  const failures: ExampleFailure[] = [];
  const { examples } = rule.spec;
  const set = rule.meta.kind === "structural" ? [rule, ...companions.filter((r) => r.meta.kind !== "structural")] : [rule];
  // a corpus rule (repeat/) learns from its own examples as the corpus; no other rule looks at it
  const options = { corpus: corpusForExamples(examples) };
  const base = { ruleId: rule.meta.id, source: `${rule.meta.source.file}:${rule.meta.source.line}` };
  examples.remove.forEach((ex, index) => {
    const actual = cleanText(ex.in, set, options).text;
    if (actual !== ex.out) failures.push({ ...base, kind: "remove", index, input: ex.in, expected: ex.out, actual });
    else {
      const again = cleanText(ex.out, set, options).text;
      if (again !== ex.out) failures.push({ ...base, kind: "again", index, input: ex.out, expected: ex.out, actual: again });
    }
  });
  examples.keep.forEach((text, index) => {
    const actual = cleanText(text, set, options).text;
    if (actual !== text) failures.push({ ...base, kind: "keep", index, input: text, expected: text, actual });
  });
  return failures;
}
