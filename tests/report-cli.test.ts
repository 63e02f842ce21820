import { readFileSync } from "node:fs";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { cleanText } from "../src/engine/clean.js";
import { loadRules } from "../src/rules/load.js";
import { article, cli, workspace, write } from "./report-fixture.js";

// `clean --report FILE` through the real CLI (clean.ts wires the option to createReportSink).
const ws = workspace();
afterAll(() => ws.cleanup());
const rules = loadRules([ws.rules]);
const R = ["--no-builtin", "--rules", ws.rules, "-q"];

describe("clean --report", () => {
  const inputs = [1, 2, 3, 4, 5, 6].map((n) => write(ws.inputs, `a/${n}.txt`, article(n, n !== 4)));
  write(ws.inputs, "a/bad.txt", Buffer.from([0x61, 0xff, 0x0a]));

  it("writes a JSON report of the run: every file, every removal, totals that match the written files", async () => {
    const report = join(ws.dir, "out", "run.json");
    const out = join(ws.dir, "cleaned");
    const r = await cli(["clean", `${ws.inputs}/a`, "--out", out, "--report", report, ...R]);
    expect(r.code).toBe(2); // bad.txt failed
    const j = JSON.parse(readFileSync(report, "utf8"));
    expect(j.files.length).toBe(7);
    expect(j.totals).toMatchObject({ files: 7, filesFailed: 1, filesChanged: 5 });
    const byPath = new Map(j.files.map((f: { path: string }) => [f.path, f]));
    let removed = 0;
    for (const p of inputs) {
      const input = readFileSync(p, "utf8");
      const f = byPath.get(p) as { removals: { bytes: [number, number]; text: string }[]; bytesRemoved: number };
      expect(f, p).toBeDefined();
      expect(f.bytesRemoved).toBe(Buffer.byteLength(input) - Buffer.byteLength(cleanText(input, rules).text));
      for (const x of f.removals) expect(Buffer.from(input).subarray(x.bytes[0], x.bytes[1]).toString()).toBe(x.text);
      removed += f.bytesRemoved;
    }
    expect(j.totals.bytesRemoved).toBe(removed);
    expect((byPath.get(join(ws.inputs, "a", "bad.txt")) as { error: string }).error).toContain("UTF-8");
  });

  it("lists the files in discovery order, so two runs' reports are equal whatever the workers' timing", async () => {
    for (let n = 0; n < 40; n++) write(ws.inputs, `many/${String(n).padStart(2, "0")}.txt`, article(n, n % 3 !== 0));
    const reports = [];
    for (const jobs of ["1", "2", "2"]) {
      const report = join(ws.dir, "out", `order-${reports.length}.json`);
      await cli(["clean", `${ws.inputs}/many`, "--out", join(ws.dir, `order-${reports.length}`), "--report", report, "-j", jobs, ...R]);
      reports.push(readFileSync(report, "utf8").replaceAll(`order-${reports.length}`, "order-N"));
    }
    expect(reports[1]).toBe(reports[0]);
    expect(reports[2]).toBe(reports[0]);
  });

  it("writes Markdown and HTML reports", async () => {
    for (const ext of ["md", "html"]) {
      const report = join(ws.dir, `run.${ext}`);
      const r = await cli(["clean", `${ws.inputs}/a`, "--out", join(ws.dir, `cleaned-${ext}`), "--report", report, ...R]);
      expect(r.code).toBe(2);
      const text = readFileSync(report, "utf8");
      expect(text).toContain(ext === "md" ? "| Files changed | 5 |" : 'id="t-changed" data-value="5"');
    }
  });

  it("an unknown report format is a command-line error (exit 2) naming the format", async () => {
    const r = await cli(["clean", `${ws.inputs}/a`, "--out", join(ws.dir, "c2"), "--report", join(ws.dir, "run.pdf"), ...R]);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain("unknown report format '.pdf'");
  });
});
