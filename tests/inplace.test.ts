import { spawn } from "node:child_process";
import { chmodSync, lstatSync, mkdirSync, readdirSync, readFileSync, readlinkSync, statSync, symlinkSync, utimesSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { BIN, runCli, tempDir, writeTestRules } from "./run-helpers.js";

let dir: string;
let cleanup: () => void;
let rules: string[];
const ARTICLE = "The council met on Tuesday and approved the new budget for schools.";
const oldText = (i: number) => `Skip to content\n${ARTICLE} ${i}\n`;
const newText = (i: number) => `${ARTICLE} ${i}\n`;

beforeEach(() => {
  ({ dir, cleanup } = tempDir("bs-inplace-"));
  rules = ["--no-builtin", "--rules", writeTestRules(dir)];
  mkdirSync(join(dir, "in"));
});
afterEach(() => cleanup());

const temps = (d: string) => readdirSync(d, { recursive: true, encoding: "utf8" }).filter((f) => /\.boilerstrip-.*\.tmp$/.test(f));

describe("clean --in-place", () => {
  it("rewrites changed files, keeps mode bits, leaves unchanged files untouched and no temporary file", async () => {
    writeFileSync(join(dir, "in", "a.txt"), oldText(1));
    chmodSync(join(dir, "in", "a.txt"), 0o640);
    writeFileSync(join(dir, "in", "b.txt"), newText(2));
    utimesSync(join(dir, "in", "b.txt"), 1_000_000, 1_000_000);
    const r = await runCli(["clean", join(dir, "in"), "--in-place", "-j", "1", ...rules]);
    expect(r.code).toBe(0);
    expect(readFileSync(join(dir, "in", "a.txt"), "utf8")).toBe(newText(1));
    expect(statSync(join(dir, "in", "a.txt")).mode & 0o777).toBe(0o640);
    expect(statSync(join(dir, "in", "b.txt")).mtimeMs).toBe(1_000_000_000);
    expect(temps(join(dir, "in"))).toEqual([]);
  });

  it("--backup keeps each changed original beside it (default suffix .orig, or the one given)", async () => {
    writeFileSync(join(dir, "in", "a.txt"), oldText(1));
    writeFileSync(join(dir, "in", "b.txt"), newText(2));
    expect((await runCli(["clean", join(dir, "in"), "--in-place", "--backup", "-j", "1", ...rules])).code).toBe(0);
    expect(readFileSync(join(dir, "in", "a.txt.orig"), "utf8")).toBe(oldText(1));
    expect(readdirSync(join(dir, "in")).sort()).toEqual(["a.txt", "a.txt.orig", "b.txt"]);
    writeFileSync(join(dir, "in", "c.txt"), oldText(3));
    expect((await runCli(["clean", join(dir, "in"), "--in-place", "--backup=.bak", "-j", "1", ...rules])).code).toBe(0);
    expect(readFileSync(join(dir, "in", "c.txt.bak"), "utf8")).toBe(oldText(3));
    const bad = await runCli(["clean", join(dir, "in"), "--in-place", "--backup=.old.txt", ...rules]);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toMatch(/ends with an input extension/);
  });

  it("rewrites the target of a symbolic link, and the link stays a link", async () => {
    writeFileSync(join(dir, "target.txt"), oldText(1));
    symlinkSync(join(dir, "target.txt"), join(dir, "in", "link.txt"));
    expect((await runCli(["clean", join(dir, "in"), "--in-place", "-j", "1", ...rules])).code).toBe(0);
    expect(lstatSync(join(dir, "in", "link.txt")).isSymbolicLink()).toBe(true);
    expect(readlinkSync(join(dir, "in", "link.txt"))).toBe(join(dir, "target.txt"));
    expect(readFileSync(join(dir, "target.txt"), "utf8")).toBe(newText(1));
  });
});

describe("interrupted in-place runs: every file is old or new", () => {
  const N = 3000;

  function makeTree() {
    for (let d = 0; d < 10; d++) mkdirSync(join(dir, "in", `d${d}`));
    for (let i = 0; i < N; i++) writeFileSync(join(dir, "in", `d${i % 10}`, `${i}.txt`), oldText(i));
  }

  /** Count files in each state; anything else is a corrupted file. */
  function census() {
    let olds = 0;
    let news = 0;
    const bad: string[] = [];
    for (let i = 0; i < N; i++) {
      const text = readFileSync(join(dir, "in", `d${i % 10}`, `${i}.txt`), "utf8");
      if (text === oldText(i)) olds++;
      else if (text === newText(i)) news++;
      else bad.push(`${i}: ${JSON.stringify(text)}`);
    }
    return { olds, news, bad };
  }

  /** Start an in-place run; send `signal` once some (not all) files were rewritten. */
  async function interrupt(signal: NodeJS.Signals): Promise<{ code: number | null; killedBy: NodeJS.Signals | null; stderr: string }> {
    const child = spawn(process.execPath, [BIN, "clean", join(dir, "in"), "--in-place", "-j", "2", ...rules], { stdio: ["ignore", "ignore", "pipe"] });
    let stderr = "";
    child.stderr.on("data", (c: Buffer) => (stderr += c.toString()));
    const done = new Promise<{ code: number | null; killedBy: NodeJS.Signals | null }>((resolve) => child.on("close", (code, killedBy) => resolve({ code, killedBy })));
    // files are taken directory by directory: wait until the first directory has a rewritten file
    const probe = join(dir, "in", "d0");
    for (;;) {
      await new Promise((r) => setTimeout(r, 5));
      if (readdirSync(probe).some((f) => f.endsWith(".txt") && statSync(join(probe, f)).size < oldText(0).length)) break;
    }
    child.kill(signal);
    return { ...(await done), stderr };
  }

  it("kill -9 in the middle of a run of 3000 files: no file is partial", async () => {
    makeTree();
    const r = await interrupt("SIGKILL");
    expect(r.killedBy).toBe("SIGKILL");
    const { olds, news, bad } = census();
    expect(bad).toEqual([]);
    expect(news).toBeGreaterThan(0);
    expect(olds).toBeGreaterThan(0);
    expect(olds + news).toBe(N);
  }, 120_000);

  for (const [signal, code] of [["SIGINT", 130], ["SIGTERM", 143]] as const) {
    it(`${signal} in the middle of a run: files in progress finish, the run stops, no temporary file is left`, async () => {
      makeTree();
      const r = await interrupt(signal);
      expect(r.code).toBe(code);
      expect(r.stderr).toContain(`${signal} received: finishing the files in progress`);
      const { olds, news, bad } = census();
      expect(bad).toEqual([]);
      expect(news).toBeGreaterThan(0);
      expect(olds).toBeGreaterThan(0);
      expect(temps(join(dir, "in"))).toEqual([]);
    }, 120_000);
  }
});
