import { readFileSync, statSync } from "node:fs";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { cleanText } from "../src/engine/clean.js";
import { createReportSink, ReportError } from "../src/report/create-sink.js";
import { HTML_LIMITS } from "../src/report/html-sink.js";
import type { ReportEntry } from "../src/report/sink.js";
import { loadRules } from "../src/rules/load.js";
import { article, workspace } from "./report-fixture.js";
import { EventEmitter } from "node:events";
import { drained } from "../src/io/drained.js";

const ws = workspace();
afterAll(() => ws.cleanup());
const rules = loadRules([ws.rules]);

const entry = (path: string, input: string): ReportEntry => ({ path, input, result: cleanText(input, rules) });
const entries = (): ReportEntry[] => [
  entry("a/dirty.txt", "\uFEFF" + article(3, true)),
  entry("a/clean.txt", article(4, false)),
  entry("b/café.txt", "Skip to content\r\n\r\nÜberschrift — a café. (Photo: Zoë)\r\nText.\r\n"),
  { path: "b/broken.txt", error: "not valid UTF-8 (first bad byte near offset 3), skipped" },
  { path: "c/guarded.txt", input: "Skip to content\n", result: cleanText("Skip to content\n", rules), guarded: "would remove 100% of the text (guard limit 60%); left unchanged" },
];

async function run(file: string, list = entries()) {
  const sink = createReportSink(file, rules);
  for (const e of list) await sink.add(e);
  await sink.finish();
  return readFileSync(file, "utf8");
}

describe("createReportSink", () => {
  it("refuses an unknown extension with a clear message", () => {
    expect(() => createReportSink(join(ws.dir, "r.txt"), rules)).toThrow(/unknown report format '\.txt'; use one of \.json, \.md/);
  });

  it("creates the report's directory, and fails at once with a one-line ReportError when it cannot write", async () => {
    await run(join(ws.dir, "new", "dir", "r.json"));
    expect(statSync(join(ws.dir, "new", "dir", "r.json")).size).toBeGreaterThan(0);
    const blocker = join(ws.dir, "new", "dir", "r.json");
    for (const ext of ["json", "md", "html"]) {
      expect(() => createReportSink(join(blocker, `x.${ext}`), rules)).toThrow(ReportError);
      expect(() => createReportSink(join(blocker, `x.${ext}`), rules)).toThrow(/^cannot write report .*x\.\w+: \w+$/);
    }
  });

  it("an empty run still makes a valid report", async () => {
    expect(JSON.parse(await run(join(ws.dir, "empty.json"), [])).totals.files).toBe(0);
    expect(await run(join(ws.dir, "empty.md"), [])).toContain("No file changed.");
  });

  it("JSON: per file, per removal rule id, category, byte and line range, text; totals per rule", async () => {
    const list = entries();
    const j = JSON.parse(await run(join(ws.dir, "r.json"), list));
    expect(j.tool).toBe("boilerstrip");
    expect(j.files.map((f: { path: string }) => f.path)).toEqual(list.map((e) => e.path));
    for (const [i, f] of j.files.entries()) {
      const e = list[i]!;
      if (e.error) {
        expect(f).toEqual({ path: e.path, error: e.error });
        continue;
      }
      const bytes = Buffer.from(e.input!, "utf8");
      for (const r of f.removals) {
        // byte ranges index the file as stored (BOM = 3 bytes, UTF-8), and hold exactly the removed text
        expect(bytes.subarray(r.bytes[0], r.bytes[1]).toString("utf8")).toBe(r.text);
        expect(r.lines[0]).toBeLessThanOrEqual(r.lines[1]);
        expect(typeof r.category).toBe("string");
      }
      if (!e.guarded) expect(f.bytesRemoved).toBe(Buffer.byteLength(e.input!) - Buffer.byteLength(e.result!.text));
    }
    const cafe = j.files[2];
    expect(cafe.removals.find((r: { ruleId: string }) => r.ruleId === "t-credit/photo")).toMatchObject({ text: " (Photo: Zoë)", lines: [3, 3] });
    const guarded = j.files[4];
    expect(guarded).toMatchObject({ changed: false, removals: [], guarded: expect.stringContaining("guard") });
    expect(guarded.wouldRemove.length).toBeGreaterThan(0);
    // totals: per rule, adding up to the run's
    const t = j.totals;
    expect(t).toMatchObject({ files: 5, filesChanged: 2, filesFailed: 1, filesGuarded: 1 });
    const perRule = Object.values(t.byRule) as { removals: number; bytes: number }[];
    expect(perRule.reduce((a, r) => a + r.removals, 0)).toBe(t.removals);
    expect(perRule.reduce((a, r) => a + r.bytes, 0)).toBe(t.bytesRemoved);
    expect(t.byRule["t-credit/photo"]).toEqual({ removals: 2, bytes: Buffer.byteLength(" (Photo: Agency 3)") + Buffer.byteLength(" (Photo: Zoë)"), files: 2 });
    expect(j.rules.map((r: { id: string }) => r.id).sort()).toEqual(["t-consent/cookies", "t-credit/photo", "t-nav/skip"]);
  });

  it("Markdown: summary table, tables per rule and category, files by bytes removed, and a diff per file", async () => {
    const md = await run(join(ws.dir, "r.md"));
    expect(md).toMatch(/^# boilerstrip report\n/);
    expect(md).toContain("| Files changed | 2 |");
    expect(md).toContain("| Files failed | 1 |");
    expect(md).toMatch(/\| t-credit\/photo \| 2 \| \d+ \| 2 \| credit \| \S*credit\/photo\.yaml:1 \|/);
    expect(md).toContain("- `b/broken.txt`: not valid UTF-8");
    expect(md).toContain("guarded: would remove 100%");
    expect(md).toContain("### a/dirty.txt\n");
    expect(md).toContain("```diff\n--- b/café.txt\n+++ b/café.txt\n@@ -1,4 +1,2 @@ t-nav/skip, t-credit/photo\n-Skip to content\n-\n-Überschrift — a café. (Photo: Zoë)\n+Überschrift — a café.\n Text.\n```");
    // the files table is sorted by bytes removed
    const rows = md.split("## Files by bytes removed")[1]!.split("\n").filter((l) => /^\| [ab]\//.test(l));
    const removed = rows.map((l) => Number(l.split("|")[2]));
    expect(removed).toEqual([...removed].sort((a, b) => b - a));
  });

  it("Markdown: a diff containing backticks gets a longer fence", async () => {
    const md = await run(join(ws.dir, "ticks.md"), [entry("t.txt", "Skip to content\n```code```\n")]);
    expect(md).toContain("````diff\n");
  });

  it("HTML: one self-contained file, data embedded as JSON, no way to reach the network", async () => {
    const html = await run(join(ws.dir, "r.html"));
    expect(html).toMatch(/^<!doctype html>/);
    expect(html).toContain(`content="default-src 'none'; style-src 'unsafe-inline'; script-src 'unsafe-inline'; img-src data:"`);
    expect(html).not.toMatch(/<(?:script|img|iframe)[^>]+src=/i);
    expect(html).not.toMatch(/<link[^>]+rel="stylesheet"/i);
    expect(html.match(/https?:\/\/[^"'\s]+/g)?.filter((u) => u !== "http://www.w3.org/2000/svg") ?? []).toEqual([]);
    const data = JSON.parse(html.split('<script type="application/json" id="data">')[1]!.split("</script>")[0]!);
    expect(data.files.map((f: { p: string }) => f.p)).toEqual(["a/dirty.txt", "b/café.txt", "c/guarded.txt"]);
    expect(data.totals.filesChanged).toBe(2);
    expect(html).toContain("<svg");
  });

  it("HTML: a file's data is cut to its budget, the rest counted", async () => {
    const long = Array.from({ length: 400 }, (_, i) => `Skip to content\n\nParagraph ${i} with some words to fill the line up nicely.\n\nParagraph ${i}b.\n\n\n\n\n\n\n`).join("");
    const html = await run(join(ws.dir, "long.html"), [entry("long.txt", long)]);
    const data = JSON.parse(html.split('id="data">')[1]!.split("</script>")[0]!);
    expect(JSON.stringify(data.files[0].h).length).toBeLessThanOrEqual(HTML_LIMITS.MAX_FILE_BUDGET);
    expect(data.files[0].t).toBeGreaterThan(0);
  });

  it("handles adds that are not awaited, in order", async () => {
    const file = join(ws.dir, "unawaited.json");
    const sink = createReportSink(file, rules);
    const list = entries();
    for (const e of list) void sink.add(e);
    await sink.finish();
    expect(JSON.parse(readFileSync(file, "utf8")).files.map((f: { path: string }) => f.path)).toEqual(list.map((e) => e.path));
  });

  it("HTML stays bounded for 20,000 changed files", async () => {
    const file = join(ws.dir, "big.html");
    const sink = createReportSink(file, rules);
    const texts = [0, 1, 2].map((k) => article(k * 5, true, 40));
    const results = texts.map((t) => cleanText(t, rules));
    for (let i = 0; i < 20_000; i++) await sink.add({ path: `run/${i}.txt`, input: texts[i % 3]!, result: results[i % 3]! });
    await sink.finish();
    const size = statSync(file).size;
    // ~150 bytes of row data per file + at most TOTAL_DIFF_BUDGET of diffs
    expect(size).toBeLessThan(20_000 * 400 + HTML_LIMITS.TOTAL_DIFF_BUDGET);
  });
});

describe("waiting for a stream to drain", () => {
  it("leaves no listener behind, whichever event comes (a report of many files waits thousands of times)", async () => {
    const stream = new EventEmitter();
    for (let i = 0; i < 20; i++) {
      const waiting = drained(stream);
      stream.emit(i % 2 ? "drain" : "close");
      await waiting;
    }
    for (const event of ["drain", "close", "error"]) expect(stream.listenerCount(event), event).toBe(0);
  });
});
