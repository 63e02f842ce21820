import { describe, expect, it } from "vitest";
import { makeDocument } from "../src/engine/document.js";
import { analyse } from "../src/engine/features.js";

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
