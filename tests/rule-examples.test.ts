import { describe, expect, it } from "vitest";
import { testRuleExamples } from "../src/rules/examples.js";
import { BUILTIN_RULES_DIR, loadRules } from "../src/rules/load.js";

// Every built-in rule carries examples of what it removes and what it keeps;
// each example is a test case here (like ESLint's RuleTester).
const rules = loadRules([BUILTIN_RULES_DIR]);

describe("built-in rule examples", () => {
  it("loads a non-empty rule set", () => {
    expect(rules.length).toBeGreaterThan(0);
  });
  for (const rule of rules) {
    it(`${rule.meta.id}: removes what its examples remove and keeps what they keep`, () => {
      const failures = testRuleExamples(rule, rules).map((f) => ({ kind: f.kind, index: f.index, expected: f.expected, actual: f.actual }));
      expect(failures).toEqual([]);
    });
  }
});
