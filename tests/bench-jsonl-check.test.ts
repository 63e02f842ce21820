import { readdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { ROOT, runCli, tempDir } from "./run-helpers.js";

// The bench's JSON Lines check (bench/run.mjs), which shows issue 5's JSONL criterion: it must pass a real
// run's output and report every kind of broken output.
interface Check {
  in: number;
  out: number;
  same: number;
  textChanged: number;
  firstBad?: string;
}
const bench = (await import(join(ROOT, "bench", "run.mjs"))) as {
  jsonlRecord: (id: string, n: number, text: string) => string;
  checkJsonl: (input: string, output: string) => Promise<Check>;
};

let dir: string;
let cleanup: () => void;
let input: string;
let good: string[];

beforeEach(async () => {
  ({ dir, cleanup } = tempDir("bs-bench-jsonl-"));
  const samples = join(ROOT, "fixtures", "samples");
  const files = readdirSync(samples).filter((f) => f.endsWith(".txt") && !f.endsWith(".expected.txt")).sort();
  input = join(dir, "in.jsonl");
  writeFileSync(input, files.map((f, i) => bench.jsonlRecord(`samples/${f}`, i, readFileSync(join(samples, f), "utf8")) + "\n").join(""));
  const r = await runCli(["clean", "--jsonl", input, "--spans", "-q", "-j", "1"]);
  expect(r.code).toBe(0);
  good = r.stdout.toString("utf8").split("\n");
  expect(good.pop()).toBe("");
});
afterEach(() => cleanup());

const check = (lines: string[], end = "\n") => {
  const out = join(dir, "out.jsonl");
  writeFileSync(out, lines.join("\n") + end);
  return bench.checkJsonl(input, out);
};

describe("bench JSONL check", () => {
  it("passes a real run's output: every record, cleaned texts, nothing reported", async () => {
    const c = await check(good);
    expect(good.length).toBeGreaterThan(10);
    expect(c).toMatchObject({ in: good.length, out: good.length, same: good.length });
    expect(c.textChanged).toBeGreaterThan(0);
    expect(c.firstBad).toBeUndefined();
  });

  it("reports a missing, extra, swapped or blank line, a changed field, a shifted span, a CR and no final newline", async () => {
    const withSpan = good.findIndex((l) => /"boilerstrip_spans":\[\[\d/.test(l));
    expect(withSpan).toBeGreaterThanOrEqual(0);
    const broken: [string, string[], string?][] = [
      ["missing", [...good.slice(0, 3), ...good.slice(4)]],
      ["extra", [...good, good[0]!]],
      ["swapped", [good[1]!, good[0]!, ...good.slice(2)]],
      ["blank", ["", ...good.slice(1)]],
      ["field", [good[0]!.replace('"score":1.50e0', '"score":1.5'), ...good.slice(1)]],
      ["span", good.map((l, i) => (i === withSpan ? l.replace(/"boilerstrip_spans":\[\[(\d+)/, (_, n: string) => `"boilerstrip_spans":[[${Number(n) + 1}`) : l))],
      ["cr", good, "\r\n"],
      ["no final newline", good, ""],
    ];
    for (const [what, lines, end] of broken) {
      const c = await check(lines, end);
      expect(c.firstBad, what).toBeDefined();
    }
  });
});
