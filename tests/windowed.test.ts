import { existsSync, readdirSync, readFileSync, statSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import fc from "fast-check";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { cleanText } from "../src/engine/clean.js";
import { loadRules } from "../src/rules/load.js";
import { readWindows, windowEnd } from "../src/run/windows.js";
import { FAST_TMP, runCli, tempDir, TEST_BOILERPLATE, writeTestRules } from "./run-helpers.js";

// Files larger than --window-size are read, cleaned and written one window at
// a time (windows end at paragraph breaks), so memory does not grow with the
// file. These tests use tiny windows on small files.

describe("windowEnd", () => {
  it("ends a window after the last blank line in the second half of the limit", () => {
    const text = "aaaa\n\nbbbb\ncccc\n\ndddd\neeee\n";
    // limit 20: the blank line after "cccc" (index 16) is in the second half
    expect(text.slice(0, windowEnd(text, 20))).toBe("aaaa\n\nbbbb\ncccc\n\n");
  });

  it("keeps CRLF pairs together and treats \\r\\n\\r\\n as a paragraph break", () => {
    const text = "aaaa\r\nbbbb\r\n\r\ncccc\r\ndddd\r\n";
    expect(text.slice(0, windowEnd(text, 20))).toBe("aaaa\r\nbbbb\r\n\r\n");
  });

  it("falls back to the last line end when there is no paragraph break, and -1 when a line is longer than the limit", () => {
    expect(windowEnd("aaaa\nbbbb\ncccc\ndddd\n", 12)).toBe(10);
    expect(windowEnd("a".repeat(30) + "\nb\n", 12)).toBe(-1);
    expect(windowEnd("short\n", 12)).toBe(6);
  });
});

describe("readWindows", () => {
  let dir: string;
  let cleanup: () => void;
  beforeEach(() => ({ dir, cleanup } = tempDir("bs-win-")));
  afterEach(() => cleanup());

  // lines are at most 25 UTF-16 units, so any window of 26 or more fits a line
  it("yields windows that join to the file's text exactly, whatever the chunk and window sizes (multi-byte characters split across reads)", () => {
    const line = fc.array(fc.constantFrom("a", "é", "€", "😀", " ", "\r", "\uFEFF", "漢"), { maxLength: 12 }).map((cs) => cs.join(""));
    const text = fc.array(line, { maxLength: 40 }).map((ls) => ls.join("\n") + (ls.length ? "\n" : ""));
    fc.assert(
      fc.property(text, fc.integer({ min: 26, max: 80 }), fc.integer({ min: 1, max: 9 }), (t, windowChars, chunk) => {
        const file = join(dir, "f.txt");
        writeFileSync(file, t);
        const windows = [...readWindows(file, windowChars, chunk)];
        expect(Buffer.from(windows.join(""), "utf8").equals(readFileSync(file))).toBe(true);
        for (const w of windows.slice(0, -1)) expect(w.endsWith("\n")).toBe(true);
      }),
      { numRuns: 300 },
    );
  });

  it("refuses invalid UTF-8 and NUL bytes found after the first read, naming the offset", () => {
    const file = join(dir, "bad.txt");
    writeFileSync(file, Buffer.concat([Buffer.from("ok line\n".repeat(10)), Buffer.from([0xc3, 0x28]), Buffer.from("\n")]));
    expect(() => [...readWindows(file, 30, 16)]).toThrow(/not valid UTF-8 \(first bad byte near offset 8\d\)/);
    writeFileSync(file, Buffer.concat([Buffer.from("ok line\n".repeat(10)), Buffer.from([0]), Buffer.from("\n")]));
    expect(() => [...readWindows(file, 30, 16)]).toThrow(/binary file \(NUL byte at offset 80\)/);
  });
});

describe("clean: files larger than --window-size", () => {
  let dir: string;
  let cleanup: () => void;
  let ruleArgs: string[];
  const ARTICLE = "The council met on Tuesday and approved the new budget for the schools of the district.";
  /** One "page": boilerplate around an article paragraph. */
  const page = (n: number) => `${TEST_BOILERPLATE[0]}\n\nPage ${n}. ${ARTICLE}\n${TEST_BOILERPLATE[2]}\n\n`;
  const windowMB = (bytes: number) => String(bytes / (1024 * 1024));

  beforeEach(() => {
    ({ dir, cleanup } = tempDir("bs-winrun-"));
    ruleArgs = ["--no-builtin", "--rules", writeTestRules(dir)];
  });
  afterEach(() => cleanup());

  it("writes the windows cleaned one by one, each as a document, and reports how many", async () => {
    const text = Array.from({ length: 40 }, (_, i) => page(i)).join("");
    const input = join(dir, "big.txt");
    writeFileSync(input, text);
    const size = Buffer.byteLength(page(10));
    const r = await runCli(["clean", input, "--out", join(dir, "out"), "-j", "1", ...ruleArgs, "--window-size", windowMB(size * 3), "--report", join(dir, "r.json")]);
    expect(r.code).toBe(0);
    const rules = loadRules([join(dir, "rules")]);
    const expected = [...readWindows(input, size * 3)].map((w) => cleanText(w, rules).text).join("");
    const got = readFileSync(join(dir, "out", "big.txt"), "utf8");
    expect(got).toBe(expected);
    for (const phrase of [TEST_BOILERPLATE[0], TEST_BOILERPLATE[2]]) expect(got).not.toContain(phrase);
    for (let i = 0; i < 40; i++) expect(got).toContain(`Page ${i}. ${ARTICLE}`);
    const report = JSON.parse(readFileSync(join(dir, "r.json"), "utf8"));
    expect(report.files[0]).toMatchObject({ path: input, changed: true, bytesIn: Buffer.byteLength(text), bytesRemoved: Buffer.byteLength(text) - Buffer.byteLength(got) });
    expect(report.files[0].windows).toBeGreaterThan(10);
    expect(report.totals.byRule["test/boiler"].removals).toBe(80);
    // sizes in the totals are UTF-8 bytes, as for files with a diff
    expect(report.totals.byRule["test/boiler"].bytes).toBe(40 * Buffer.byteLength(`${TEST_BOILERPLATE[0]}\n${TEST_BOILERPLATE[2]}\n`));
  });

  it("a large file with nothing to remove comes out byte-identical; in place it is not rewritten", async () => {
    const text = `\uFEFF${Array.from({ length: 200 }, (_, i) => `Paragraph ${i}: ${ARTICLE}\r\n\r\n`).join("")}`;
    const input = join(dir, "clean.txt");
    writeFileSync(input, text);
    const r = await runCli(["clean", input, "--out", join(dir, "out"), "-j", "1", ...ruleArgs, "--window-size", windowMB(1000)]);
    expect(r.code).toBe(0);
    expect(readFileSync(join(dir, "out", "clean.txt")).equals(readFileSync(input))).toBe(true);
    const before = statSync(input);
    const r2 = await runCli(["clean", input, "--in-place", "-j", "1", ...ruleArgs, "--window-size", windowMB(1000)]);
    expect(r2.code).toBe(0);
    expect(statSync(input).ino).toBe(before.ino);
    expect(readdirSync(dir).filter((f) => f.includes(".boilerstrip-"))).toEqual([]);
  });

  it("in place with --backup: the cleaned file replaces the input, the original is kept", async () => {
    const text = Array.from({ length: 30 }, (_, i) => page(i)).join("");
    const input = join(dir, "big.txt");
    writeFileSync(input, text);
    const r = await runCli(["clean", input, "--in-place", "--backup", "-j", "1", ...ruleArgs, "--window-size", windowMB(400)]);
    expect(r.code).toBe(0);
    expect(readFileSync(`${input}.orig`, "utf8")).toBe(text);
    const got = readFileSync(input, "utf8");
    expect(got).not.toContain(TEST_BOILERPLATE[0]);
    expect(got).toContain(`Page 29. ${ARTICLE}`);
  });

  it("a bad byte late in a large file: the file is reported, no partial output or temporary file is left", async () => {
    const input = join(dir, "late-bad.txt");
    writeFileSync(input, Buffer.concat([Buffer.from(page(1).repeat(50)), Buffer.from([0xff]), Buffer.from("\n")]));
    const r = await runCli(["clean", input, "--out", join(dir, "out"), "-j", "1", ...ruleArgs, "--window-size", windowMB(500)]);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/late-bad\.txt: not valid UTF-8 \(first bad byte near offset \d+\), skipped/);
    expect(existsSync(join(dir, "out", "late-bad.txt"))).toBe(false);
    expect(existsSync(join(dir, "out")) ? readdirSync(join(dir, "out")).filter((f) => f.includes(".boilerstrip-")) : []).toEqual([]);
  });
});

describe("preview commands on a file too large to hold whole", () => {
  it("check and explain refuse it with a one-line reason that points to clean", async () => {
    const { dir, cleanup } = tempDir("bs-winprev-", FAST_TMP);
    try {
      const file = join(dir, "dump.txt");
      writeFileSync(file, Buffer.alloc(33 * 1024 * 1024, "Some words on a line.\n"));
      const why = /dump\.txt: file is 33 MB, over the preview limit of 32 MB, skipped \(too large to preview whole; boilerstrip clean cleans it in windows, see --window-size\)/;
      const check = await runCli(["check", file]);
      expect(check.code).toBe(2);
      expect(check.stderr).toMatch(why);
      const explain = await runCli(["explain", file]);
      expect(explain.code).toBe(2);
      expect(explain.stderr).toMatch(why);
    } finally {
      cleanup();
    }
  });
});
