import { describe, expect, it } from "vitest";
import { cleanText } from "../src/engine/clean.js";
import { makeDocument } from "../src/engine/document.js";
import { analyse, wrapWidth } from "../src/engine/features.js";
import { applySpans, mergeSpans, planRemovals, TIDY_RULE, type Proposal } from "../src/engine/spans.js";
import { compileRule } from "../src/rules/compile.js";
import type { RuleSpec } from "../src/rules/types.js";
import { foldLines } from "./rule-helpers.js";

const src = { file: "test.yaml", line: 1, column: 1 };
const rule = (spec: Partial<RuleSpec>) =>
  compileRule({ id: "test/x", kind: "line", category: "test", description: "", languages: ["any"], examples: { remove: [], keep: [] }, ...spec } as RuleSpec, src);
const menu = rule({ match: { phrases: ["Home", "Kontakt", "Impressum"] } });

describe("documents", () => {
  it("splits LF, CRLF and lone CR line endings and keeps the BOM out of the first line", () => {
    const doc = makeDocument("\uFEFFa\r\nb\rc\nd");
    expect(doc.bomLength).toBe(1);
    expect(doc.lines.map((l) => l.text)).toEqual(["a", "b", "c", "d"]);
    expect(doc.lines.map((l) => [l.start, l.end, l.next])).toEqual([[1, 2, 4], [4, 5, 6], [6, 7, 8], [8, 9, 9]]);
  });
});

describe("spans", () => {
  it("merges overlapping proposals and keeps every rule that took part", () => {
    const p: Proposal[] = [
      { start: 5, end: 10, ruleId: "b", category: "y" },
      { start: 0, end: 6, ruleId: "a", category: "x" },
      { start: 10, end: 12, ruleId: "c", category: "z" },
    ];
    expect(mergeSpans(p)).toEqual([
      { start: 0, end: 10, ruleId: "a", category: "x", ruleIds: ["a", "b"] },
      { start: 10, end: 12, ruleId: "c", category: "z", ruleIds: ["c"] },
    ]);
  });

  it("removes an emptied line with its line ending and tidies the blank lines around it", () => {
    const text = "Title\n\nHome\n\nFirst paragraph.\n";
    const doc = makeDocument(text);
    const spans = planRemovals(doc, [{ start: 7, end: 11, ruleId: "r", category: "c" }]);
    expect(applySpans(text, spans)).toBe("Title\n\nFirst paragraph.\n");
    expect(spans.some((s) => s.ruleId === TIDY_RULE)).toBe(true);
  });

  it("keeps the final-newline style of the file when the last lines go", () => {
    expect(cleanText("Story ends here.\n\nKontakt", [menu]).text).toBe("Story ends here.");
    expect(cleanText("Story ends here.\n\nKontakt\n", [menu]).text).toBe("Story ends here.\n");
  });

  it("preserves CRLF endings and the BOM of kept text", () => {
    expect(cleanText("\uFEFFHome\r\nA sentence.\r\n", [menu]).text).toBe("\uFEFFA sentence.\r\n");
  });

  it("returns the input itself when nothing is removed", () => {
    const text = "Nothing to see.\n";
    const r = cleanText(text, [menu]);
    expect(r).toEqual({ text, spans: [], changed: false });
  });

  it("maps removals of later passes back to input offsets", () => {
    const title = "A title that the scraper repeated";
    const repeated = rule({ id: "test/rep", kind: "structural", algorithm: "repeated-line", options: { minLength: 5 } });
    // removing "Home" makes the two titles consecutive; the second pass removes the copy
    const text = `${title}\nHome\n${title}\nBody text.\n`;
    const r = cleanText(text, [menu, repeated]);
    expect(r.text).toBe(`${title}\nBody text.\n`);
    expect(applySpans(text, r.spans)).toBe(r.text);
    expect(cleanText(r.text, [menu, repeated]).changed).toBe(false);
  });

  it("in wrapped text looks again at the lines next to a cut: they may be joined differently now (cleaning twice = once)", () => {
    const credit = rule({ id: "test/credit", kind: "inline", pattern: "\\s\\(Foto: \\w+\\)$" });
    const para = "The council met on Tuesday evening to discuss the new budget for the coming year, which includes more money for schools and a long list of repairs to the old bridge.";
    const wrapped = foldLines(para, 60).join("\n");
    // the caption fills the width, so it is joined with the line after it; without its credit it no longer is
    const caption = "The council chamber on Tuesday (Foto: Pixabay)";
    const text = `${[wrapped, wrapped, wrapped].join("\n\n")}\n\n${caption}\nImpressum\n\n${wrapped}\n`;
    const r = cleanText(text, [menu, credit]);
    expect(r.text).toBe(`${[wrapped, wrapped, wrapped].join("\n\n")}\n\nThe council chamber on Tuesday\n\n${wrapped}\n`);
    expect(cleanText(r.text, [menu, credit]).changed).toBe(false);
  });

  it("looks again at a line whose start a rule cut off, as at one cut inside it (cleaning twice = once)", () => {
    const icon = rule({ id: "test/icon", kind: "inline", pattern: "^icon_name\\s" });
    const text = "Body text.\nicon_name Impressum\nMore body text.\n";
    const r = cleanText(text, [menu, icon]);
    expect(r.text).toBe("Body text.\nMore body text.\n");
    expect(r.spans.flatMap((s) => s.ruleIds)).toEqual(["test/icon", "test/x"]);
    expect(cleanText(r.text, [menu, icon]).changed).toBe(false);
  });
});

describe("wrapped text", () => {
  const para = "The ministers met in Brussels on Tuesday to coordinate weapons supplies for Ukraine and discuss the threat posed by balloons, officials said after the talks. ";
  const wrap = (s: string, width: number) => {
    const out: string[] = [];
    let line = "";
    for (const w of s.trim().split(" ")) {
      if (line && (line + " " + w).length > width) {
        out.push(line);
        line = w;
      } else line = line ? `${line} ${w}` : w;
    }
    return [...out, line].join("\n");
  };
  it("finds the wrap width of a text-browser dump and judges lines by their paragraph", () => {
    const text = ["Home", "News", "", wrap(para.repeat(3), 78), "", wrap(para.repeat(2), 78), ""].join("\n");
    const lines = analyse(makeDocument(text));
    expect(wrapWidth(lines)).toBeGreaterThan(60);
    const inPara = lines.filter((l) => !l.blank && l.index > 2);
    expect(inPara.every((l) => l.paraWords > 40)).toBe(true);
    expect(lines[0]!.paraWords).toBe(1);
  });
  it("does not see a wrap width in unwrapped scraped text", () => {
    const text = ["Home", "News", "", para.repeat(3), "", para.repeat(2), "", "Kontakt"].join("\n");
    expect(wrapWidth(analyse(makeDocument(text)))).toBe(0);
  });
});

describe("rules with the same behaviour under different ids", () => {
  const copy = (id: string, category: string) =>
    compileRule({ id, kind: "line", category, description: "", languages: ["any"], examples: { remove: [], keep: [] }, match: { phrases: ["Home", "Impressum"] } } as RuleSpec, src);
  const other = compileRule({ id: "b/other", kind: "line", category: "b", description: "", languages: ["any"], examples: { remove: [], keep: [] }, match: { phrases: ["Impressum"] } } as RuleSpec, src);
  const text = "Home\nThe council met on Tuesday and approved the budget.\nImpressum\n";

  it("run once, and every removal names all of them (the copies right after the first)", () => {
    const rules = [copy("a/first", "a"), other, copy("a/second", "a2"), copy("a/third", "a3")];
    expect(rules[0]!.shareKey).toBe(rules[2]!.shareKey);
    expect(rules[0]!.shareKey).not.toBe(other.shareKey);
    const r = cleanText(text, rules);
    expect(r.text).toBe("The council met on Tuesday and approved the budget.\n");
    expect(r.spans.map((s) => [s.ruleId, s.category, s.ruleIds])).toEqual([
      ["a/first", "a", ["a/first", "a/second", "a/third"]],
      ["a/first", "a", ["a/first", "a/second", "a/third", "b/other"]],
    ]);
  });
});
