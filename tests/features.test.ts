import { describe, expect, it } from "vitest";
import { makeDocument } from "../src/engine/document.js";
import fc from "fast-check";
import { keptPieces } from "../src/engine/clean.js";
import { analyse, analyseKept, analyseText, type Analysis } from "../src/engine/features.js";
import { applySpans, mergeSpans } from "../src/engine/spans.js";

const contents = (text: string) => analyse(makeDocument(text)).map((l) => l.content);

describe("line features: list markers", () => {
  it("strips bullets, numbers and lynx link numbers before rules see a line", () => {
    expect(contents(" * News\n1. Skip to content\n- Home\n[12]Impressum\n3) Kontakt\n")).toEqual(["News", "Skip to content", "Home", "Impressum", "Kontakt"]);
  });

  it("strips lynx's nested-list bullets (*, +, then o), an o only on an indented line", () => {
    expect(contents("   * Nachrichten\n      + Sport\n         o Fußball\no governo decidiu\n  ok\n")).toEqual(["Nachrichten", "Sport", "Fußball", "o governo decidiu", "ok"]);
  });

  it("strips w3m's nested-list bullets (•, □, ☆, ○, ■, ★, ◎)", () => {
    expect(contents("  • Home\n      □ News\n          ☆ Sport\n              ★ Tennis\n")).toEqual(["Home", "News", "Sport", "Tennis"]);
  });

  it("leaves out the link numbers lynx glues to link texts, not footnote marks", () => {
    expect(contents("By [7]Jane Doe | 12 March 2024\n   [15]Datenschutz | [16]Impressum\nFounded in 1200.[1] It grew.\n")).toEqual([
      "By Jane Doe | 12 March 2024",
      "Datenschutz | Impressum",
      "Founded in 1200.[1] It grew.",
    ]);
  });

  it("keeps the day of a date written '7. Oktober 2020' (a number, a word and a year is a date, not item 7)", () => {
    expect(contents("7. Oktober 2020\n * 27. September 2018\n21. Jan 2022\n2. Teil der Serie\n")).toEqual(["7. Oktober 2020", "27. September 2018", "21. Jan 2022", "Teil der Serie"]);
  });
});

describe("line features: words", () => {
  const words = (text: string) => analyse(makeDocument(text)).map((l) => l.words);

  it("counts tokens with a letter or digit, not punctuation on its own", () => {
    expect(words("Skip to content\n – | 42 ·\nhttps://example.org/a-b ok\n")).toEqual([3, 1, 2]);
  });

  it("counts CJK characters as half a word each, in any mix with other scripts", () => {
    // 6 Han characters and 3 kana: 4.5 words; "GDP 增长": 1 + 1; full-width letters are no CJK script: one token
    expect(words("中国经济增长のこと\nGDP 增长\nＡＢＣ\n中文\u3000English\n")).toEqual([4.5, 2, 1, 2]);
  });
});

describe("a later pass's analysis", () => {
  // what a line's facts are, as the rules see them
  const facts = (a: Analysis) => ({
    width: a.width,
    lines: a.lines.map((l) => [l.index, l.line.start, l.content, l.contentStart, l.blank, l.words, l.sentenceEnd, l.lower, l.key, l.paraWords, l.paraEnd, l.paraFirst]),
  });
  const line = fc.constantFrom(
    "The council approved the budget on Tuesday after a long debate.",
    "   the lower town for the second time this month, and the warnings came",
    " * Home",
    "[12]Impressum",
    "",
    "   ",
    "Kontakt: 0123 456",
    "Ein langer Absatz über den Haushalt, der bis zur Breite des Textes reicht und weiter",
  );

  it("keeps the facts of unchanged lines and equals a fresh analysis of the new text", () => {
    fc.assert(
      fc.property(fc.array(line, { minLength: 1, maxLength: 30 }), fc.array(fc.tuple(fc.nat(), fc.nat(40)), { maxLength: 5 }), (lines, cuts) => {
        const text = lines.join("\n") + "\n";
        const spans = mergeSpans(cuts.map(([at, len]) => ({ start: at % text.length, end: Math.min(text.length, (at % text.length) + len), ruleId: "t", category: "t" })));
        const pieces = keptPieces(text.length, spans);
        const later = applySpans(text, spans);
        const earlier = analyseText(text);
        expect(facts(analyseKept(later, earlier, pieces))).toEqual(facts(freshAnalysis(later)));
      }),
      { numRuns: 300 },
    );
  });
});

/** An analysis made from scratch (analyseText keeps the last one it made). */
const freshAnalysis = (text: string): Analysis => {
  analyseText("\u0000");
  return analyseText(text);
};
