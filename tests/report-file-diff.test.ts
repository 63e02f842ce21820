import { applyPatch, parsePatch } from "diff";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { makeDocument } from "../src/engine/document.js";
import { applySpans, planRemovals, type Proposal } from "../src/engine/spans.js";
import { fileDiff } from "../src/report/file-diff.js";
import { formatUnified } from "../src/report/unified.js";

const plan = (text: string, proposals: Proposal[]) => planRemovals(makeDocument(text), proposals);
const line = (text: string, needle: string, ruleId = "t/line"): Proposal => {
  const start = text.indexOf(needle);
  const end = text.indexOf("\n", start) + 1 || text.length;
  return { start, end, ruleId, category: ruleId.split("/")[0]! };
};
const inline = (text: string, needle: string, ruleId = "t/inline"): Proposal => {
  const start = text.indexOf(needle);
  return { start, end: start + needle.length, ruleId, category: ruleId.split("/")[0]! };
};

describe("fileDiff: hunks from the engine's spans", () => {
  it("whole-line removal: deleted lines, blank-line tidy, rule in the header", () => {
    const text = "Skip to content\n\nTitle\n\nBody one.\nBody two.\n";
    const spans = plan(text, [line(text, "Skip to content", "navigation/skip-links")]);
    const d = fileDiff(text, spans);
    expect(d.linesDeleted).toBe(2);
    expect(d.linesEdited).toBe(0);
    expect(d.bytesRemoved).toBe(Buffer.byteLength(text) - Buffer.byteLength(applySpans(text, spans)));
    expect(formatUnified("a.txt", d)).toBe(
      "--- a.txt\n+++ a.txt\n@@ -1,5 +1,3 @@ navigation/skip-links\n-Skip to content\n-\n Title\n \n Body one.\n",
    );
  });

  it("inline removal: the line shows as edited, with the removed piece marked as a segment", () => {
    const text = "Intro.\nA photo of a cat. (Photo: AP)\nEnd.\n";
    const spans = plan(text, [inline(text, " (Photo: AP)", "credit/photo")]);
    const d = fileDiff(text, spans, 0);
    expect(d.linesEdited).toBe(1);
    const [h] = d.hunks;
    expect(h!.ruleIds).toEqual(["credit/photo"]);
    expect(h!.rows.map((r) => r.op + r.text)).toEqual(["-A photo of a cat. (Photo: AP)", "+A photo of a cat."]);
    expect(h!.rows[0]!.line!.segments.map((s) => [s.text, s.span?.ruleId])).toEqual([
      ["A photo of a cat.", undefined],
      [" (Photo: AP)", "credit/photo"],
    ]);
  });

  it("far-apart removals make separate hunks with correct new line numbers", () => {
    const body = Array.from({ length: 12 }, (_, i) => `Line ${i + 1}.`);
    const text = ["Menu", ...body, "Footer"].join("\n") + "\n";
    const spans = plan(text, [line(text, "Menu"), line(text, "Footer", "t/footer")]);
    const d = fileDiff(text, spans);
    expect(d.hunks.map((h) => [h.oldStart, h.oldLines, h.newStart, h.newLines, h.ruleIds.join()])).toEqual([
      [1, 4, 1, 3, "t/line"],
      [11, 4, 10, 3, "t/footer"],
    ]);
  });

  it("last line without line ending: the line before loses its ending, marked in the patch", () => {
    const text = "Body.\nShare this";
    const spans = plan(text, [inline(text, "Share this")]);
    expect(applySpans(text, spans)).toBe("Body.");
    const out = formatUnified("x.txt", fileDiff(text, spans));
    expect(out).toContain("-Share this\n\\ No newline at end of file\n+Body.\n\\ No newline at end of file\n");
    expect(applyPatch(text, parsePatch(out)[0]!)).toBe("Body.");
  });

  it("a CRLF file keeps its line endings in the model", () => {
    const text = "Skip to content\r\nTitle\r\nText.\r\n";
    const spans = plan(text, [line(text, "Skip to content")]);
    const d = fileDiff(text, spans);
    expect(d.hunks[0]!.rows[0]!.line!.eol).toBe("\r\n");
    expect(d.hunks[0]!.rows.map((r) => r.op + r.text)).toEqual(["-Skip to content", " Title", " Text."]);
  });

  it("nothing removed: no hunks", () => {
    expect(fileDiff("a\nb\n", []).hunks).toEqual([]);
  });

  it("property: the plain diff is a valid patch that turns the input into the cleaned text", () => {
    const lineArb = fc.oneof(fc.constant(""), fc.constant("   "), fc.stringMatching(/^[a-z ]{1,12}$/));
    const docArb = fc.record({ lines: fc.array(lineArb, { minLength: 1, maxLength: 14 }), finalEol: fc.boolean() });
    fc.assert(
      fc.property(docArb, fc.array(fc.tuple(fc.nat(), fc.nat(20), fc.boolean()), { maxLength: 5 }), fc.nat(3), ({ lines, finalEol }, picks, context) => {
        const text = lines.join("\n") + (finalEol ? "\n" : "");
        const doc = makeDocument(text);
        if (doc.lines.length === 0) return;
        const proposals: Proposal[] = picks.map(([at, len, whole]) => {
          const l = doc.lines[at % doc.lines.length]!;
          if (whole) return { start: l.start, end: l.next, ruleId: "p/whole", category: "p" };
          const start = l.start + (at % Math.max(1, l.end - l.start + 1));
          return { start, end: Math.min(l.next, start + len), ruleId: "p/inline", category: "p" };
        });
        const spans = planRemovals(doc, proposals);
        const expected = applySpans(text, spans);
        const patch = formatUnified("f.txt", fileDiff(text, spans, context));
        if (spans.length === 0) return;
        expect(applyPatch(text, parsePatch(patch)[0]!)).toBe(expected);
      }),
      { numRuns: 400 },
    );
  });
});
