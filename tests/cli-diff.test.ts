import { readdirSync, readFileSync } from "node:fs";
import { applyPatch, parsePatch } from "diff";
import { afterAll, beforeEach, describe, expect, it, vi } from "vitest";
import { cleanText } from "../src/engine/clean.js";
import { loadRules } from "../src/rules/load.js";
import { article, cli, workspace, write } from "./report-fixture.js";

const ws = workspace();
afterAll(() => ws.cleanup());
const rules = loadRules([ws.rules]);
const R = ["--no-builtin", "--rules", ws.rules];
const ESC = "\u001b[";

beforeEach(() => {
  vi.unstubAllEnvs();
  vi.stubEnv("NO_COLOR", "");
  vi.stubEnv("FORCE_COLOR", "");
});

describe("boilerstrip diff", () => {
  const small = write(ws.inputs, "small.txt", "Skip to content\n\nTitle\n\nA cat. (Photo: AP)\nEnd.\n");

  it("prints a unified diff whose hunk headers name the rules, and exits 0", async () => {
    const r = await cli(["diff", small, ...R]);
    expect(r.code).toBe(0);
    expect(r.stdout).toBe(
      [`--- ${small}`, `+++ ${small}`, "@@ -1,6 +1,4 @@ t-nav/skip, t-credit/photo", "-Skip to content", "-", " Title", " ", "-A cat. (Photo: AP)", "+A cat.", " End.", ""].join("\n"),
    );
  });

  it("the plain output is a patch that turns each input into its cleaned text", async () => {
    const files = [1, 2, 3, 5, 6, 10].map((n) => write(ws.inputs, `multi/a${n}.txt`, article(n, true, 12)));
    write(ws.inputs, "multi/clean.txt", article(7, false));
    const r = await cli(["diff", `${ws.inputs}/multi`, ...R]);
    expect(r.code).toBe(0);
    const patches = parsePatch(r.stdout);
    expect(patches.map((p) => p.oldFileName).sort()).toEqual([...files].sort());
    for (const p of patches) {
      const input = readFileSync(p.oldFileName!, "utf8");
      expect(applyPatch(input, p)).toBe(cleanText(input, rules).text);
    }
  });

  it("writes nothing", async () => {
    const before = readdirSync(ws.inputs, { recursive: true }).sort();
    await cli(["diff", ws.inputs, ...R]);
    expect(readdirSync(ws.inputs, { recursive: true }).sort()).toEqual(before);
  });

  it("is plain when standard output is not a terminal, coloured on a terminal", async () => {
    const piped = await cli(["diff", small, ...R]);
    expect(piped.stdout).not.toContain(ESC);
    const tty = await cli(["diff", small, ...R], { tty: true });
    expect(tty.stdout).toContain(ESC);
    // the removed piece of an inline removal stands out (inverse video) from the kept part of its line
    expect(tty.stdout).toMatch(/\u001b\[7m[^\n]*\(Photo: AP\)/);
    expect(tty.stdout.replace(/\u001b\[[0-9;]*m/g, "")).toBe(piped.stdout);
  });

  it("respects NO_COLOR and --no-color on a terminal, and --color when piped", async () => {
    vi.stubEnv("NO_COLOR", "1");
    expect((await cli(["diff", small, ...R], { tty: true })).stdout).not.toContain(ESC);
    vi.stubEnv("NO_COLOR", "");
    expect((await cli(["diff", "--no-color", small, ...R], { tty: true })).stdout).not.toContain(ESC);
    expect((await cli(["diff", "--color", small, ...R])).stdout).toContain(ESC);
  });

  it("--stat: one line per changed file and a total", async () => {
    const a = write(ws.inputs, "stat/a.txt", article(3, true));
    write(ws.inputs, "stat/b.txt", article(4, false));
    const r = await cli(["diff", "--stat", `${ws.inputs}/stat`, ...R]);
    expect(r.code).toBe(0);
    const input = readFileSync(a, "utf8");
    const bytes = Buffer.byteLength(input) - Buffer.byteLength(cleanText(input, rules).text);
    expect(r.stdout).toBe(
      `${a} | -4 lines, 1 edited, -${bytes} bytes | t-nav/skip, t-credit/photo, t-consent/cookies\n` +
        `1 file of 2 would change: 4 lines removed, 1 line edited, ${bytes} bytes removed | t-consent/cookies, t-credit/photo, t-nav/skip\n`,
    );
  });

  it("reads standard input with -", async () => {
    const r = await cli(["diff", "-", ...R], { stdin: "Skip to content\nText.\n" });
    expect(r.code).toBe(0);
    expect(r.stdout).toContain("--- <stdin>\n");
    expect(r.stdout).toContain("-Skip to content\n Text.\n");
  });

  it("exits 2 when a file cannot be read, after diffing the others", async () => {
    const bad = write(ws.inputs, "bad/broken.txt", Buffer.from([0x41, 0xff, 0xfe, 0x41, 0x0a]));
    write(ws.inputs, "bad/ok.txt", "Skip to content\nText.\n");
    const r = await cli(["diff", `${ws.inputs}/bad`, ...R]);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain(`${bad}: not valid UTF-8`);
    expect(r.stdout).toContain("-Skip to content");
  });

  it("exits 2 when no input is found, and on a bad --context", async () => {
    expect((await cli(["diff", `${ws.dir}/nothing-here`, ...R])).code).toBe(2);
    const r = await cli(["diff", "-U", "x", small, ...R]);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain("--context");
  });
});
