import { existsSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { scratchDir } from "./scratch.js";
import { cli } from "./report-fixture.js";
import { formatProblem, loadRuleFile, loadRules, RuleLoadError } from "../src/rules/load.js";
import { ALGORITHMS } from "../src/rules/structural/registry.js";

// Every way a rule file can be broken, with the exact one-line message a user sees.
const dir = "fixtures/rules-invalid";
const messages = (file: string, engine?: "native" | "linear") => loadRuleFile(join(dir, file), { engine }).problems.map(formatProblem);
const at = (file: string) => `${dir}/${file}`;

describe("rule file errors (file:line:col: id: reason)", () => {
  const cases: [string, string[]][] = [
    ["yaml-syntax.yaml", [`${at("yaml-syntax.yaml")}:4:1: YAML syntax: Missing closing "quote`]],
    ["unknown-key.yaml", [`${at("unknown-key.yaml")}:8:1: test/unknown-key: unknown key "exampels" (did you mean "examples"?)`]],
    [
      "key-not-for-kind.yaml",
      [`${at("key-not-for-kind.yaml")}:8:1: test/key-not-for-kind: key "members" does not apply to a line rule (a line rule takes id, kind, category, description, languages, examples, match, exceptions)`],
    ],
    ["bad-kind.yaml", [`${at("bad-kind.yaml")}:2:7: test/bad-kind: kind must be one of line, block, inline, structural (did you mean "line"?)`]],
    ["bad-id.yaml", [`${at("bad-id.yaml")}:1:5: Cookies: id "Cookies" must look like "category/name" (lower-case letters, digits, dashes)`]],
    ["invalid-regex.yaml", [`${at("invalid-regex.yaml")}:8:7: test/invalid-regex: invalid regular expression: /accept (cookies/iu: Unterminated group`]],
    [
      "missing-examples.yaml",
      [`${at("missing-examples.yaml")}:1:1: test/missing-examples: missing required key "examples": every rule needs "remove" (in/out pairs) and "keep" (texts it must leave alone)`],
    ],
    ["empty-keep.yaml", [`${at("empty-keep.yaml")}:12:3: test/empty-keep: examples need at least one "keep" case (a text the rule must leave unchanged)`]],
    [
      "noop-remove.yaml",
      [`${at("noop-remove.yaml")}:10:7: test/noop-remove: this remove example removes nothing ("out" equals "in"); move the text to "keep" or cut the boilerplate from "out"`],
    ],
    [
      "unknown-algorithm.yaml",
      [`${at("unknown-algorithm.yaml")}:6:12: test/unknown-algorithm: unknown algorithm "repeated-lines" (did you mean "repeated-line"?); known: ${[...ALGORITHMS.keys()].join(", ")}`],
    ],
    ["unknown-option.yaml", [`${at("unknown-option.yaml")}:8:14: test/unknown-option: unknown option "minLenght" for repeated-line (did you mean "minLength"?); known: minLength`]],
    [
      "lookahead.yaml",
      [`${at("lookahead.yaml")}:8:7: test/lookahead: not supported in user rules: lookahead "(?=…)" (user rules run on a linear-time regex engine; see docs/writing-rules.md#regular-expressions)`],
    ],
    [
      "backreference.yaml",
      [`${at("backreference.yaml")}:8:7: test/backreference: not supported in user rules: backreference "\\1" (user rules run on a linear-time regex engine; see docs/writing-rules.md#regular-expressions)`],
    ],
  ];
  for (const [file, expected] of cases) {
    it(file, () => expect(messages(file)).toEqual(expected));
  }

  it("a nested quantifier in a built-in (native engine) rule", () => {
    expect(messages("nested-quantifier.yaml", "native")).toEqual([
      `${at("nested-quantifier.yaml")}:8:7: test/nested-quantifier: nested quantifier "(?:\\w+\\s?)+" can backtrack catastrophically (exponential time on a long line); make each repetition consume a separator, or bound the outer repetition (e.g. {0,10})`,
    ]);
    // the same file as a user rule runs on the linear engine, where it is safe
    expect(messages("nested-quantifier.yaml", "linear")).toEqual([]);
  });

  it("a duplicate id across files", () => {
    expect(() => loadRules(["fixtures/rules-duplicate"])).toThrow(
      new RuleLoadError([{ file: "fixtures/rules-duplicate/second.yaml", line: 2, column: 5, ruleId: "test/same", message: "duplicate rule id (already defined in fixtures/rules-duplicate/first.yaml:1)" }]),
    );
    expect(() => loadRules(["fixtures/rules-duplicate"])).toThrow(
      "fixtures/rules-duplicate/second.yaml:2:5: test/same: duplicate rule id (already defined in fixtures/rules-duplicate/first.yaml:1)",
    );
  });

  it("one file named twice is loaded once, not reported as its own duplicate", () => {
    const once = loadRules(["fixtures/rules-duplicate/first.yaml"]);
    expect(loadRules(["fixtures/rules-duplicate/first.yaml", "fixtures/rules-duplicate/first.yaml", "./fixtures/rules-duplicate/first.yaml"]).map((r) => r.meta.id)).toEqual(once.map((r) => r.meta.id));
  });

  it("a missing rule directory", () => {
    expect(() => loadRules(["fixtures/rules-nowhere"])).toThrow("fixtures/rules-nowhere: rule directory not found");
  });

  it("loadRules reports every broken file at once", () => {
    try {
      loadRules([dir]);
      expect.unreachable();
    } catch (e) {
      const files = new Set((e as RuleLoadError).problems.map((p) => p.file));
      // every fixture but nested-quantifier (fine on the linear engine) is reported
      expect(files.size).toBe(13);
    }
  });
});

describe("the CLI stops with exit code 2 before touching any input", () => {
  const run = (args: string[]) => cli(args);

  it("clean with a broken rule file", async () => {
    const tmp = scratchDir("bs-load-");
    const input = join(tmp, "in.txt");
    writeFileSync(input, "Accept cookies\nArticle text.\n");
    const outDir = join(tmp, "out");
    const r = await run(["clean", input, "--out", outDir, "--no-config", "--rules", join(dir, "bad-kind.yaml")]);
    expect(r.code).toBe(2);
    expect(r.stderr).toBe(`boilerstrip: invalid rules or configuration:\n${at("bad-kind.yaml")}:2:7: test/bad-kind: kind must be one of line, block, inline, structural (did you mean "line"?)\n`);
    expect(existsSync(outDir)).toBe(false);
  });
});
