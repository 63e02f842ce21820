import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { objectLayout } from "../src/run/json-field.js";
import { toCodePoints } from "../src/run/jsonl.js";
import { runCli, spawnCli, tempDir, writeTestRules } from "./run-helpers.js";

let dir: string;
let cleanup: () => void;
let rules: string[];
const ARTICLE = "The council met on Tuesday and approved the new budget for schools.";

beforeEach(() => {
  ({ dir, cleanup } = tempDir("bs-jsonl-"));
  rules = ["--no-builtin", "--rules", writeTestRules(dir)];
});
afterEach(() => cleanup());

/** Records with odd but valid JSON in the other fields: number formats, escapes, nesting, spacing. */
function records(n: number): string[] {
  const out: string[] = [];
  for (let i = 0; i < n; i++) {
    const text = i % 3 === 0 ? `Skip to content\n${ARTICLE} ${i} 🎉\nShare this article\n` : `${ARTICLE} ${i}\n`;
    out.push(`{"id": ${i}, "score":1.50e0 ,"url":"https:\\/\\/example.org\\/caf\\u00e9" , "text":${JSON.stringify(text)},"meta":{"a":[1,{"b":"}"}]},"flag":true}`);
  }
  return out;
}

/** The raw bytes of every member but `text` (and the spans field), in order. */
function otherFields(line: string): string[] {
  const layout = objectLayout(line)!;
  return [...layout.values].filter(([k]) => k !== "text" && k !== "boilerstrip_spans").map(([k, [s, e]]) => `${k}=${line.slice(s, e)}`);
}

describe("clean --jsonl", () => {
  for (const jobs of ["1", "2"]) {
    it(`keeps the record count, the order and every other field byte for byte (--jobs ${jobs})`, async () => {
      const input = records(300);
      const r = await runCli(["clean", "--jsonl", "-", "-j", jobs, "-q", ...rules], input.join("\n") + "\n");
      expect(r.code).toBe(0);
      const lines = r.stdout.toString("utf8").split("\n");
      expect(lines.pop()).toBe("");
      expect(lines).toHaveLength(300);
      lines.forEach((line, i) => {
        expect(otherFields(line)).toEqual(otherFields(input[i]!));
        const rec = JSON.parse(line) as { id: number; text: string };
        expect(rec.id).toBe(i);
        expect(rec.text).toBe(i % 3 === 0 ? `${ARTICLE} ${i} 🎉\n` : `${ARTICLE} ${i}\n`);
        // records with nothing removed are byte-identical
        if (i % 3 !== 0) expect(line).toBe(input[i]);
      });
    });
  }

  it("--spans adds Dolma-style spans in code points of the input text; applying them gives the output", async () => {
    const text = `Skip to content\n😀 ${ARTICLE}\n𝒜rticle text 😀 stays.\nShare this article\n`;
    const r = await runCli(["clean", "--jsonl", "-", "--spans", "-j", "1", ...rules], JSON.stringify({ text }) + "\n" + JSON.stringify({ text: "x" }) + "\n");
    const [a, b] = r.stdout.toString().trim().split("\n").map((l) => JSON.parse(l) as { text: string; boilerstrip_spans: [number, number, string][] });
    expect(b!.boilerstrip_spans).toEqual([]);
    const cps = [...text];
    let kept = "";
    let pos = 0;
    for (const [s, e, rule] of a!.boilerstrip_spans) {
      expect(s).toBeGreaterThanOrEqual(pos);
      expect(typeof rule).toBe("string");
      kept += cps.slice(pos, s).join("");
      pos = e;
    }
    kept += cps.slice(pos).join("");
    expect(kept).toBe(a!.text);
    expect(a!.text).toBe(`😀 ${ARTICLE}\n𝒜rticle text 😀 stays.\n`);
    expect(a!.boilerstrip_spans.map((s) => s[2])).toContain("test/boiler");
  });

  it("converts UTF-16 offsets to code points", () => {
    const text = "a😀b𝒜c";
    const spans = [{ start: 1, end: 3, ruleId: "x", category: "c", ruleIds: ["x"] }, { start: 4, end: 6, ruleId: "y", category: "c", ruleIds: ["y"] }];
    expect(toCodePoints(text, spans)).toEqual([[1, 2, "x"], [3, 4, "y"]]);
  });

  it("reports malformed lines by line number; --on-error pass keeps them, skip drops them; exit 2", async () => {
    const input = [
      JSON.stringify({ text: `Skip to content\n${ARTICLE}` }),
      "{not json",
      JSON.stringify({ title: "no text field" }),
      "[1,2]",
      JSON.stringify({ text: 42 }),
      "",
      JSON.stringify({ text: ARTICLE }),
    ];
    const pass = await runCli(["clean", "--jsonl", "-", "-j", "1", ...rules], input.join("\n") + "\n");
    expect(pass.code).toBe(2);
    const out = pass.stdout.toString().split("\n");
    expect(out).toHaveLength(input.length + 1);
    expect(out.slice(1, 6)).toEqual(input.slice(1, 6));
    expect(pass.stderr).toMatch(/<stdin>:2: not valid JSON .*passed through unchanged/);
    expect(pass.stderr).toMatch(/<stdin>:3: no "text" field/);
    expect(pass.stderr).toMatch(/<stdin>:4: not a JSON object/);
    expect(pass.stderr).toMatch(/<stdin>:5: the "text" field is not a string/);
    expect(pass.stderr).toMatch(/<stdin>:6: empty line/);
    const skip = await runCli(["clean", "--jsonl", "-", "--on-error", "skip", "-j", "1", ...rules], input.join("\n") + "\n");
    expect(skip.code).toBe(2);
    expect(skip.stdout.toString().trim().split("\n")).toEqual([JSON.stringify({ text: ARTICLE }), JSON.stringify({ text: ARTICLE })]);
    expect(skip.stderr).toMatch(/<stdin>:2: not valid JSON .*skipped/);
  });

  it("--text-field picks the field; a file input and --out FILE work", async () => {
    const file = join(dir, "in.jsonl");
    writeFileSync(file, JSON.stringify({ content: `Accept all cookies\n${ARTICLE}`, text: "Skip to content" }) + "\n");
    const r = await runCli(["clean", "--jsonl", file, "--text-field", "content", "--out", join(dir, "out.jsonl"), "-j", "1", ...rules]);
    expect(r.code).toBe(0);
    expect(r.stdout.length).toBe(0);
    expect(JSON.parse(readFileSync(join(dir, "out.jsonl"), "utf8"))).toEqual({ content: ARTICLE, text: "Skip to content" });
  });
});

describe("the stdin/stdout contract of GNU parallel --pipe and Spark RDD.pipe recipes", () => {
  // Both run `boilerstrip clean --jsonl -` as a child process on a chunk of
  // lines and rely on: one output line per input line, same order, nothing
  // else on stdout, exit 0; messages on stderr only.
  const input = records(200);

  it("a child process maps N lines to N lines in order, stdout holds only the records", async () => {
    const r = await spawnCli(["clean", "--jsonl", "-", "-j", "2", ...rules], { input: input.join("\n") + "\n" });
    expect(r.code).toBe(0);
    const lines = r.stdout.toString().split("\n");
    expect(lines.pop()).toBe("");
    expect(lines).toHaveLength(input.length);
    lines.forEach((l, i) => expect((JSON.parse(l) as { id: number }).id).toBe(i));
    expect(r.stderr).toContain("200 records read");
  });

  it("chunks cleaned by concurrent processes and concatenated in order (parallel --pipe -k) equal one run", async () => {
    const chunks = [input.slice(0, 70), input.slice(70, 140), input.slice(140)];
    const outs = await Promise.all(chunks.map((c) => spawnCli(["clean", "--jsonl", "-", "-j", "1", "-q", ...rules], { input: c.join("\n") + "\n" })));
    const whole = await spawnCli(["clean", "--jsonl", "-", "-j", "1", "-q", ...rules], { input: input.join("\n") + "\n" });
    expect(outs.every((o) => o.code === 0 && o.stderr === "")).toBe(true);
    expect(Buffer.concat(outs.map((o) => o.stdout)).equals(whole.stdout)).toBe(true);
  });

  it("a last line without a newline still gets its output line", async () => {
    const r = await spawnCli(["clean", "--jsonl", "-", "-j", "1", "-q", ...rules], { input: input.slice(0, 3).join("\n") });
    expect(r.stdout.toString().split("\n")).toHaveLength(4);
  });
});

it("--report lists the records in input order, whichever worker finishes first", async () => {
  const input = records(60).join("\n") + "\n";
  const report = join(dir, "r.json");
  const r = await runCli(["clean", "--jsonl", "-", "-j", "2", "--report", report, ...rules], input);
  expect(r.code).toBe(0);
  const files = (JSON.parse(readFileSync(report, "utf8")) as { files: { path: string }[] }).files.map((f) => f.path);
  expect(files).toEqual(Array.from({ length: 60 }, (_, i) => `<stdin>:${i + 1}`));
});
