import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { makeDocument } from "../src/engine/document.js";
import { analyse } from "../src/engine/features.js";
import { foldText } from "../src/rules/index/fold.js";
import { RuleIndex, ruleIndex } from "../src/rules/index/rule-index.js";
import { LiteralScanner } from "../src/rules/index/scanner.js";
import { BUILTIN_RULES_DIR, loadRules } from "../src/rules/load.js";
import { compileMatcher } from "../src/rules/matcher.js";
import { foldLines } from "./rule-helpers.js";
import type { RuleContext } from "../src/rules/types.js";

const ALPHABET = ["a", "b", "c", " ", "-", "é", "É", "s", "ſ", "S", "σ", "ς", "Σ", "k", "\u212A", "©", "中", "😀", "İ"];
const text = (max: number) => fc.array(fc.constantFrom(...ALPHABET), { maxLength: max }).map((a) => a.join(""));

describe("LiteralScanner", () => {
  it("finds exactly the literals the folded text contains", () => {
    fc.assert(
      fc.property(fc.array(text(7), { minLength: 1, maxLength: 120 }), fc.array(text(40), { minLength: 1, maxLength: 5 }), (raw, texts) => {
        const literals = [...new Set(raw.map(foldText).filter((l) => l.length > 0))];
        if (literals.length === 0) return;
        const scanner = new LiteralScanner(literals);
        for (const t of texts) {
          const lower = t.toLowerCase();
          const folded = foldText(t);
          const want = literals.flatMap((l, id) => (folded.includes(l) ? [id] : [])).sort((a, b) => a - b);
          const count = scanner.scan(lower);
          expect([...scanner.found.subarray(0, count)].sort((a, b) => a - b)).toEqual(want);
          expect(scanner.any(lower)).toBe(want.length > 0);
        }
      }),
      { numRuns: 400 },
    );
  });

  it("files long literals under a rare anchor and still finds them at the line's edges", () => {
    const scanner = new LiteralScanner(["mit unserem newsletter", "mit ", "newsletter abonnieren"]);
    expect(scanner.scan("jetzt mit unserem newsletter")).toBe(2);
    expect(scanner.any("newsletter abonnieren")).toBe(true);
    expect(scanner.any("mit unserem newslette")).toBe(true); // "mit " only
    expect(new LiteralScanner(["newsletter abonnieren"]).any("newsletter abonniere")).toBe(false);
  });
});

describe("RuleIndex", () => {
  const rules = loadRules([BUILTIN_RULES_DIR]);
  const index = ruleIndex(rules);
  const LINES = [
    ...new Set(rules.flatMap((r) => [...r.spec.examples.remove.map((e) => e.in), ...r.spec.examples.keep]).flatMap((t) => t.split(/\r\n?|\n/))),
  ];
  const doc = fc
    .array(fc.oneof({ weight: 5, arbitrary: fc.constantFrom(...LINES) }, { weight: 1, arbitrary: fc.string({ unit: "binary", maxLength: 60 }) }), { maxLength: 40 })
    .map((ls) => ls.join("\n"));

  it("holds every line and block rule's start matcher; few run on every line", () => {
    expect(index.size).toBeGreaterThan(rules.filter((r) => r.meta.kind !== "structural").length - 1);
    expect(index.always.length).toBeLessThanOrEqual(2);
  });

  it("gives each matcher a superset of the lines it matches", () => {
    fc.assert(
      fc.property(doc, (text) => {
        const lines = analyse(makeDocument(text));
        const candidates = index.scan(lines);
        for (const rule of rules) {
          for (const m of rule.scans ?? []) {
            const picked = new Set(candidates(m));
            for (const info of lines) {
              const hit = m.test(info);
              expect(m.verify(info)).toBe(hit);
              if (hit) expect(picked.has(info.index), `${rule.meta.id} line ${JSON.stringify(info.content)}`).toBe(true);
            }
          }
        }
      }),
      { numRuns: 60 },
    );
  });

  it("does not change what a rule proposes", () => {
    fc.assert(
      fc.property(doc, fc.array(fc.boolean(), { maxLength: 40 }), (text, focusBits) => {
        const d = makeDocument(text);
        const lines = analyse(d);
        for (const focus of [undefined, lines.map((_, i) => focusBits[i] ?? true)]) {
          const plain: RuleContext = { doc: d, lines, removed: [], focus };
          const indexed: RuleContext = { ...plain, candidates: index.scan(lines, focus) };
          for (const rule of rules) if (rule.meta.kind !== "structural") expect(rule.propose(indexed), rule.meta.id).toEqual(rule.propose(plain));
        }
      }),
      { numRuns: 60 },
    );
  });

  it("does not change what a rule proposes on wrapped text (paragraphs scanned and judged joined), with and without a focus", () => {
    // example lines run together and wrapped like a text-mode browser's output
    const wrap = (words: string[], width: number) => foldLines(words.join(" "), width).join("\n");
    const PROSE = "the council said on tuesday that the new line would open next year and that work on the bridge was going well";
    const wrapped = fc
      .tuple(fc.array(fc.constantFrom(...LINES.filter((l) => l.trim())), { minLength: 2, maxLength: 8 }), fc.integer({ min: 40, max: 70 }))
      .map(([ls, width]) => [PROSE, ...ls, PROSE, PROSE].map((p) => wrap(p.split(/\s+/).filter(Boolean), width)).join("\n\n"));
    let seen = 0;
    fc.assert(
      fc.property(wrapped, fc.array(fc.boolean(), { maxLength: 60 }), (text, focusBits) => {
        const d = makeDocument(text);
        const lines = analyse(d);
        if (lines.some((l) => !l.paraFirst)) seen++;
        // a later pass looks only at lines a cut touched: a wrapped paragraph is looked at when one of its lines is
        for (const focus of [undefined, lines.map((_, i) => focusBits[i] ?? false)]) {
          const plain: RuleContext = { doc: d, lines, removed: [], focus };
          const indexed: RuleContext = { ...plain, candidates: index.scan(lines, focus) };
          for (const rule of rules) if (rule.meta.kind !== "structural") expect(rule.propose(indexed), rule.meta.id).toEqual(rule.propose(plain));
        }
      }),
      { numRuns: 60 },
    );
    expect(seen).toBeGreaterThan(10); // most of them were taken as wrapped
  });

  it("runs a matcher without literals on every line up to its maxLength", () => {
    const always = compileMatcher({ patterns: ["\\w+\\d+"], maxLength: 10 });
    const literal = compileMatcher({ contains: ["cookie"], phrases: ["Accept"] });
    const own = new RuleIndex([always, literal]);
    const lines = analyse(makeDocument("page 12\nthis line is too long 12\n\n* Accept\nno cookies here\nnothing"));
    const candidates = own.scan(lines);
    expect(always.plan.literals).toBeUndefined();
    expect(candidates(always)).toEqual([0, 3, 5]); // non-blank lines of at most 10 characters
    expect(candidates(literal)).toEqual([3, 4]);
    expect(candidates(compileMatcher({ phrases: ["x"] }))).toBeUndefined();
  });

  it("a matcher's own prefilter (test) and the index's verify agree, and both read whitespace squeezed", () => {
    const m = compileMatcher({ phrases: ["Newsletter archive"], contains: ["sign up for"] }, ["archive of 2019", "sign up for the trial"]);
    const lines = analyse(makeDocument("Newsletter\u00a0archive\nNewsletter archive of\u00a0 2019\nSign up\u00a0for our letter\nSign up for the\ttrial letter\nnothing here"));
    expect(lines.map((l) => m.test(l))).toEqual([true, false, true, false, false]);
    expect(lines.map((l) => m.verify(l))).toEqual([true, false, true, false, false]);
    expect(m.testText("  Sign up  for our letter ")).toBe(true);
    // an exception protects a phrase line on both paths, also when it only matches the squeezed text
    const guarded = compileMatcher({ phrases: ["Newsletter archive"], contains: ["sign up for"] }, ["newsletter archive"]);
    expect(guarded.test(lines[0]!)).toBe(false);
    expect(guarded.verify(lines[0]!)).toBe(false);
  });
});
