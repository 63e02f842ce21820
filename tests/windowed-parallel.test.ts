import { createHash } from "node:crypto";
import { existsSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { summarize } from "../src/report/stats.js";
import { cleanInOrder, type CleanedWindow, type HelperResult, type WindowHelpers } from "../src/run/windows.js";
import { runCli, tempDir, TEST_BOILERPLATE, writeTestRules } from "./run-helpers.js";

// With a pool (--jobs 2 and more), the worker writing a file larger than
// --window-size keeps some of its windows with the other workers and cleans the
// next ones itself; it writes them in order. The output, summary, guard
// messages and manifest hash are those of the sequential path (--jobs 1).

/** A stand-in for cleaning: upper-cases the window (what matters here is which window is which). */
const clean = (text: string): CleanedWindow => ({ bytes: new TextEncoder().encode(text.toUpperCase()), summary: summarize(text, { text, spans: [], changed: false }) });

/**
 * Helpers whose results come back only when the writer waits, newest first (out of order);
 * every third window fails (its thread stopped). They record how many windows they held at most.
 */
function fakeHelpers(capacity: number): WindowHelpers & { held: number; sent: number } {
  const waiting: { id: number; text: string }[] = [];
  let next = 0;
  const h = {
    capacity,
    held: 0,
    sent: 0,
    send(text: string) {
      waiting.push({ id: next, text });
      h.sent++;
      h.held = Math.max(h.held, waiting.length);
      return next++;
    },
    take(wait: boolean): HelperResult | undefined {
      if (!wait) return undefined;
      const w = waiting.pop();
      if (!w) throw new Error("waited with nothing sent");
      return w.id % 3 === 2 ? { id: w.id, ok: false, error: "worker thread stopped" } : { id: w.id, ok: true, window: clean(w.text) };
    },
  };
  return h;
}

describe("cleanInOrder", () => {
  it("yields every window in order, whichever thread cleaned it and in whatever order results come back", () => {
    const texts = Array.from({ length: 23 }, (_, i) => `window ${i}\n`);
    for (const capacity of [1, 2, 4]) {
      const helpers = fakeHelpers(capacity);
      const got = [...cleanInOrder(texts, "f.txt", clean, helpers)].map((w) => new TextDecoder().decode(w.bytes));
      expect(got).toEqual(texts.map((t) => t.toUpperCase()));
      expect(helpers.sent).toBeGreaterThan(0);
      expect(helpers.sent).toBeLessThan(texts.length); // this thread cleaned some itself
      expect(helpers.held).toBeLessThanOrEqual(capacity);
    }
  });

  it("closes the reader when the writer stops early", () => {
    let closed = false;
    function* texts() {
      try {
        for (let i = 0; i < 10; i++) yield `w${i}\n`;
      } finally {
        closed = true;
      }
    }
    for (const w of cleanInOrder(texts(), "f.txt", clean, fakeHelpers(2))) {
      void w;
      break;
    }
    expect(closed).toBe(true);
  });
});

describe("clean --jobs 2: a file larger than --window-size, its windows on all workers", () => {
  let dir: string;
  let cleanup: () => void;
  let ruleArgs: string[];
  const ARTICLE = "Le conseil a voté le budget des écoles — 市议会批准了预算 — après un long débat 😀.";
  /** One "page" with CRLF line ends: boilerplate around an article paragraph. */
  const page = (n: number) => `${TEST_BOILERPLATE[0]}\r\n\r\nPage ${n}. ${ARTICLE}\r\n${TEST_BOILERPLATE[1]}\r\n\r\n`;
  /** Sentences a test rule removes: a window of them only would lose all its prose, so the content guard leaves it unchanged. */
  const SPONSORED = "Sponsored: this sentence reads like an article but a rule removes it.";
  const allBoiler = `${SPONSORED}\r\n\r\n`.repeat(25);
  const windowMB = (bytes: number) => String(bytes / (1024 * 1024));

  beforeEach(() => {
    ({ dir, cleanup } = tempDir("bs-winpar-"));
    const rules = writeTestRules(dir);
    writeFileSync(
      join(rules, "sponsored.yaml"),
      ["id: test/sponsored", "kind: line", "category: ads", "languages: [any]", "description: sponsored lines", "match:", "  patterns: ['Sponsored: .*']",
        "examples:", "  remove:", "    - in: \"Sponsored: buy.\\nText.\\n\"", "      out: \"Text.\\n\"", "  keep:", "    - \"Text.\\n\"", ""].join("\n"),
    );
    ruleArgs = ["--no-builtin", "--rules", rules];
  });
  afterEach(() => cleanup());

  /** Clean `input` with --jobs 1 and 2 (same window size); both runs' output, report entry and stderr. */
  async function both(input: string, size: number) {
    const runs = [];
    for (const jobs of ["1", "2"]) {
      const out = join(dir, `out${jobs}`);
      const r = await runCli(["clean", input, "--out", out, "-j", jobs, ...ruleArgs, "--window-size", windowMB(size), "--report", join(dir, `r${jobs}.json`)]);
      const name = input.split("/").pop()!;
      const report = existsSync(join(dir, `r${jobs}.json`)) ? JSON.parse(readFileSync(join(dir, `r${jobs}.json`), "utf8")) : undefined;
      const manifest = existsSync(join(out, ".boilerstrip-manifest.jsonl")) ? readFileSync(join(out, ".boilerstrip-manifest.jsonl"), "utf8") : "";
      const temps = existsSync(out) ? readdirSync(out).filter((f) => f.includes(".boilerstrip-") && f.endsWith(".tmp")) : [];
      runs.push({ ...r, output: existsSync(join(out, name)) ? readFileSync(join(out, name)) : undefined, report, manifest, temps });
    }
    return runs as [(typeof runs)[0], (typeof runs)[0]];
  }

  it("writes the same bytes, summary, guard messages and hash as --jobs 1 (multi-byte text, CRLF, a guarded window)", async () => {
    const size = Buffer.byteLength(page(10)) * 3;
    const text = [...Array.from({ length: 30 }, (_, i) => page(i)), allBoiler, ...Array.from({ length: 30 }, (_, i) => page(30 + i))].join("");
    expect(Buffer.byteLength(allBoiler)).toBeGreaterThan(size); // at least one window of boilerplate only
    const input = join(dir, "big.txt");
    writeFileSync(input, text);
    const [seq, par] = await both(input, size);
    expect(seq.code).toBe(0);
    expect(par.code).toBe(0);
    expect(par.output!.equals(seq.output!)).toBe(true);
    const got = par.output!.toString("utf8");
    expect(got).toContain(`Page 59. ${ARTICLE}\r\n`);
    expect(got).not.toContain(`${TEST_BOILERPLATE[1]}\r\n\r\nPage`);
    expect(got).toContain(SPONSORED); // in the guarded window
    expect(par.report.files).toEqual(seq.report.files);
    expect(par.report.totals).toEqual(seq.report.totals);
    expect(par.report.files[0].windows).toBeGreaterThan(20);
    expect(par.report.files[0].changed).toBe(true);
    expect(par.stderr).toBe(seq.stderr);
    expect(par.stderr).toMatch(/big\.txt: window \d+: .*left unchanged/);
    expect(par.manifest).toBe(seq.manifest);
    expect(par.manifest).toContain(createHashOf(seq.output!));
  });

  it("a line longer than the window, or a bad byte, late in the file: the same error as --jobs 1, no output and no temporary file", async () => {
    const size = Buffer.byteLength(page(10)) * 3;
    const long = join(dir, "long-line.txt");
    writeFileSync(long, page(1).repeat(40) + "x".repeat(size * 2) + "\n" + page(2).repeat(5));
    const bad = join(dir, "late-bad.txt");
    writeFileSync(bad, Buffer.concat([Buffer.from(page(1).repeat(40)), Buffer.from([0xff]), Buffer.from("\n")]));
    for (const [input, why] of [
      [long, /long-line\.txt: a line is longer than the --window-size/],
      [bad, /late-bad\.txt: not valid UTF-8 \(first bad byte near offset \d+\), skipped/],
    ] as const) {
      const [seq, par] = await both(input, size);
      expect(par.code).toBe(2);
      expect(par.stderr).toMatch(why);
      expect(par.stderr).toBe(seq.stderr);
      expect(par.output).toBeUndefined();
      expect(par.temps).toEqual([]);
    }
  });

  it("in place with --backup on two big files at once: both cleaned as with --jobs 1, originals kept", async () => {
    const size = Buffer.byteLength(page(10)) * 2;
    const texts = [Array.from({ length: 30 }, (_, i) => page(i)).join(""), Array.from({ length: 25 }, (_, i) => page(100 + i)).join("")];
    const expected: Buffer[] = [];
    for (const [i, text] of texts.entries()) {
      writeFileSync(join(dir, `seq${i}.txt`), text);
      writeFileSync(join(dir, `par${i}.txt`), text);
    }
    const seq = await runCli(["clean", join(dir, "seq0.txt"), join(dir, "seq1.txt"), "--in-place", "--backup", "-j", "1", ...ruleArgs, "--window-size", windowMB(size)]);
    const par = await runCli(["clean", join(dir, "par0.txt"), join(dir, "par1.txt"), "--in-place", "--backup", "-j", "2", ...ruleArgs, "--window-size", windowMB(size)]);
    expect(seq.code).toBe(0);
    expect(par.code).toBe(0);
    for (const [i, text] of texts.entries()) {
      expected.push(readFileSync(join(dir, `seq${i}.txt`)));
      expect(readFileSync(join(dir, `par${i}.txt`)).equals(expected[i]!)).toBe(true);
      expect(readFileSync(join(dir, `par${i}.txt.orig`), "utf8")).toBe(text);
      expect(expected[i]!.length).toBeLessThan(Buffer.byteLength(text));
    }
    expect(readdirSync(dir).filter((f) => f.includes(".boilerstrip-"))).toEqual([]);
  });
});

function createHashOf(b: Buffer): string {
  return createHash("sha256").update(b).digest("hex");
}
