import { describe, expect, it } from "vitest";
import { cleanText } from "../src/engine/clean.js";
import { loadRules } from "../src/rules/load.js";
import { guardReason, longestParagraph } from "../src/run/guard.js";
import { cleanDocument } from "../src/run/document.js";
import { tempDir, writeTestRules } from "./run-helpers.js";

const { dir, cleanup } = tempDir("bs-guard-");
const rules = loadRules([writeTestRules(dir)]);
cleanup();

const PARA = "The council met on Tuesday and approved the new budget for schools, after a long debate about teachers' pay.";

describe("content guard", () => {
  it("passes a normal removal", () => {
    const text = `Skip to content\n${PARA}\n\n${PARA}\nShare this article\n`;
    const result = cleanText(text, rules);
    expect(result.changed).toBe(true);
    expect(guardReason(text, result)).toBeUndefined();
    expect(cleanDocument(text, rules, { maxShare: 0.6 }).result).toEqual(result);
  });

  it("fires when the removals take more than the share of the text, and the document is left unchanged", () => {
    const text = `Skip to content\nShare this article\nAccept all cookies\nSubscribe to our newsletter\nShort.\n`;
    const result = cleanText(text, rules);
    expect(guardReason(text, result)).toMatch(/would remove 9\d% of the text \(guard limit 60%\); left unchanged/);
    const doc = cleanDocument(text, rules, { maxShare: 0.6 });
    expect(doc.result).toEqual({ text, spans: [], changed: false });
    expect(doc.guarded).toBeDefined();
    expect(doc.proposed).toEqual(result);
    // the share is configurable, and `false` turns the guard off
    expect(guardReason(text, result, { maxShare: 0.99 })).toMatch(/of the longest paragraph/);
    expect(cleanDocument(text, rules, false).result).toEqual(result);
  });

  it("fires when the removals take most of the longest paragraph", () => {
    const long = "Subscribe to our newsletter";
    const text = `${"Short line one.\n\n".repeat(12)}${long}\n`;
    const fake = { text: text.slice(0, text.length - long.length - 1), changed: true, spans: [{ start: text.length - long.length - 1, end: text.length, ruleId: "x/y", category: "x", ruleIds: ["x/y"] }] };
    expect(guardReason(text, fake)).toMatch(/would remove 100% of the longest paragraph \(line 25, 24 characters\)/);
  });

  it("finds the longest paragraph (line) by visible characters across LF, CRLF and CR", () => {
    expect(longestParagraph("a b\n\nccc ddd\r\neee\r\n\rx")).toEqual([5, 12, 6]);
    expect(longestParagraph("ab\rcdefg\rh")).toEqual([3, 8, 5]);
    expect(longestParagraph("")).toEqual([0, 0, 0]);
  });
});
