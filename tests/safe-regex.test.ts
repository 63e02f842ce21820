import { readdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { scratchDir } from "./scratch.js";
import { cleanText } from "../src/engine/clean.js";
import { BUILTIN_RULES_DIR, loadRuleFile, loadRules } from "../src/rules/load.js";
import { compileRegex, LinearRegExp, matchesEmpty, regexProblem } from "../src/rules/matcher.js";

const ruleFile = (body: string) => {
  const dir = scratchDir("bs-safe-");
  const file = join(dir, "rule.yaml");
  writeFileSync(file, body);
  return file;
};

describe("a catastrophic pattern in a user rule cannot hang the run", () => {
  const yaml = (kind: string, regexKey: string) => `id: test/catastrophic
kind: ${kind}
category: test
languages: [any]
description: A pattern that backtracks exponentially on V8.
${regexKey}
examples:
  remove:
    - in: "aaab\\nArticle.\\n"
      out: "${kind === "inline" ? "\\n" : ""}Article.\\n"
  keep:
    - "Article.\\n"
`;
  const line = "a".repeat(50_000) + "b";
  const text = `${line}\nArticle.\n`;

  it("line rule: (a+)+$ on 50,000 a's and a b", () => {
    const { rule, problems } = loadRuleFile(ruleFile(yaml("line", "match:\n  patterns: ['(a+)+b']\n  contains: ['(a+)+$']\n  maxLength: 100000")));
    expect(problems).toEqual([]);
    const result = cleanText(text, [rule!]);
    // the whole-line pattern (a+)+b matches the long line: it goes; the run completed
    expect(result.text).toBe("Article.\n");
  });

  it("inline rule: (a+)+$ finds no match and returns", () => {
    const { rule, problems } = loadRuleFile(ruleFile(yaml("inline", "pattern: '(a+)+$'")));
    expect(problems).toEqual([]);
    const result = cleanText(text, [rule!]);
    expect(result.changed).toBe(false);
  });

  it("the same pattern in a built-in rule is refused at load time", () => {
    expect(regexProblem("(a+)+$", "native")).toMatch(/^nested quantifier "\(a\+\)\+" can backtrack catastrophically/);
    expect(regexProblem("(a+)+$", "linear")).toBeUndefined();
  });
});

describe("nested-quantifier check (built-in rules)", () => {
  const risky = ["(a+)+", "(a*)*", "(\\w+\\s?)+$", "(?:\\s*\\w+)*x", "(?:a|b+)+c", "x(?:(?:ab)+)*"];
  const fine = ["(?:\\s*[|/·]\\s*(?:login|register))+", "(?:ab)+", "(?:\\w+\\s?){1,5}", "a+b+", "(?:\\d{1,3}\\.)+\\d+", "(?:a+)?b"];
  for (const p of risky) it(`refuses ${p}`, () => expect(regexProblem(p, "native")).toMatch(/^nested quantifier/));
  for (const p of fine) it(`accepts ${p}`, () => expect(regexProblem(p, "native")).toBeUndefined());
});

describe("user-rule regexes: what the linear engine refuses, and why", () => {
  const why = (p: string) => regexProblem(p, "linear");
  it("lookahead", () => expect(why("(?!no)cookies")).toBe('not supported in user rules: lookahead "(?!…)" (user rules run on a linear-time regex engine; see docs/writing-rules.md#regular-expressions)'));
  it("backreferences", () => {
    expect(why("(a)\\1")).toMatch(/^not supported in user rules: backreference "\\1"/);
    expect(why("(?<w>a)\\k<w>")).toMatch(/^not supported in user rules: backreference "\\k<w>"/);
  });
  it("a capture inside a lookbehind", () => expect(why("(?<=(a))b")).toMatch(/^not supported in user rules: a capturing group inside a lookbehind/));
  it("inline patterns that match the empty string are found", () => {
    expect(matchesEmpty("x?")).toBe(true);
    expect(matchesEmpty("\\b|(?:ab)*")).toBe(true);
    expect(matchesEmpty("(?:a|b?)c")).toBe(false);
  });
  it("JavaScript syntax errors first", () => expect(why("(a")).toBe("invalid regular expression: /(a/iu: Unterminated group"));
  it("lookbehind, \\p{…}, \\u escapes and named groups work", () => {
    for (const p of ["(?<=\\d )cookies", "(?<!no )cookies", "\\p{Lu}\\p{Ll}+", "\\p{Script=Latin}+", "caf\\u00e9", "(?<cut>x)"]) expect(why(p), p).toBeUndefined();
  });
});

describe("LinearRegExp behaves like RegExp", () => {
  const same = (source: string, flags: string, text: string) => {
    const a = new RegExp(source, flags);
    const b = new LinearRegExp(source, flags);
    const all = (re: { exec(s: string): RegExpExecArray | null; lastIndex: number }) => {
      const out: unknown[] = [];
      re.lastIndex = 0;
      for (let m = re.exec(text); m; m = re.exec(text)) {
        out.push([m.index, [...m], m.indices ? [...m.indices] : undefined, m.indices?.groups?.cut, m.groups?.cut]);
        if (m[0].length === 0) re.lastIndex += (text.codePointAt(re.lastIndex) ?? 0) > 0xffff ? 2 : 1;
        if (!flags.includes("g")) break;
      }
      return out;
    };
    expect(all(b), `${source} on ${JSON.stringify(text)}`).toEqual(all(a));
    expect(b.test(text)).toBe(a.test(text));
  };
  const patterns = ["cookies?", "\\s+", "(?<cut>\\s*\\(foto: [^)]*\\))", "^\\p{Lu}[\\p{L} ]{1,30}$", "\\bwe use\\b", "(?<=\\d)x", "é+", "(a)|(b)", "[\\s\\d]+", "\\S+$", "[^\\S\\n]+", "[\\S\\n]+"];
  const texts = ["We use cookies.", "Foto (foto: Reuters) und (FOTO: dpa)", "  \u00a0\u2003 x", "1x 2x ax", "ÉÉé 😀 éé", "ab ba", "Über Straße", "", "a\u00a0\n b\tc"];
  for (const p of patterns) for (const flags of ["iu", "giud"]) it(`${p} /${flags}`, () => texts.forEach((t) => same(p, flags, t)));

  it("agrees with RegExp on random text (fast-check)", () => {
    const alphabet = fc.constantFrom("a", "b", "A", " ", "\u00a0", "é", "É", "1", "(", ")", "😀", ".", "x");
    fc.assert(
      fc.property(fc.constantFrom(...patterns, "(?:ab|a)+b", "a{2,3}", "x?y"), fc.array(alphabet, { maxLength: 30 }).map((a) => a.join("")), (p, t) => same(p, "giud", t)),
      { numRuns: 300 },
    );
  });

  it("every built-in pattern it supports matches the same seed lines", () => {
    const all = readdirSync("fixtures/seeds/raw").flatMap((f) => readFileSync(join("fixtures/seeds/raw", f), "utf8").split(/\r?\n/));
    const lines = [...new Set(all.map((l) => l.trim()))].filter((l) => l.length > 0 && l.length <= 300).slice(0, 400);
    let compared = 0;
    for (const rule of loadRules([BUILTIN_RULES_DIR])) {
      const s = rule.spec;
      const sources = [...(s.match?.patterns ?? []).map((p) => `^(?:${p})$`), ...(s.match?.contains ?? []), ...(s.members?.patterns ?? []).map((p) => `^(?:${p})$`), ...(s.members?.contains ?? []), ...(s.bridge?.patterns ?? []).map((p) => `^(?:${p})$`), ...(s.bridge?.contains ?? []), ...(s.exceptions ?? [])];
      for (const p of sources) {
        if (regexProblem(p, "linear")) continue; // lookaheads: built-in only
        const a = compileRegex(p, "iu", "native");
        const b = compileRegex(p, "iu", "linear");
        for (const l of lines) expect(b.test(l), `${rule.meta.id}: ${p} on ${JSON.stringify(l)}`).toBe(a.test(l));
        compared++;
      }
    }
    expect(compared).toBeGreaterThan(20);
  });
});
