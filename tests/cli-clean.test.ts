import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { MANIFEST_NAME } from "../src/run/manifest.js";
import { runCli, tempDir, writeTestRules } from "./run-helpers.js";

let dir: string;
let cleanup: () => void;
let rules: string[];

const ARTICLE = "A Title\n\nThe council met on Tuesday and approved the new budget for schools.\n";
const RAW = `Skip to content\n${ARTICLE}Share this article\n`;

beforeEach(() => {
  ({ dir, cleanup } = tempDir());
  rules = ["--no-builtin", "--rules", writeTestRules(dir)];
  mkdirSync(join(dir, "in", "sub"), { recursive: true });
  for (let i = 0; i < 20; i++) writeFileSync(join(dir, "in", i % 2 ? "sub" : ".", `f${i}.txt`), i % 3 ? RAW : ARTICLE);
  writeFileSync(join(dir, "in", "notes.md"), RAW);
});
afterEach(() => cleanup());

const read = (p: string) => readFileSync(p, "utf8");

describe("clean IN --out OUT", () => {
  for (const jobs of ["1", "2"]) {
    it(`writes every cleaned file with its relative path (--jobs ${jobs})`, async () => {
      const r = await runCli(["clean", join(dir, "in"), "--out", join(dir, "out"), "-j", jobs, ...rules]);
      expect(r.code).toBe(0);
      expect(r.stdout.length).toBe(0);
      expect(r.stderr).toContain("20 files read, 13 changed");
      for (let i = 0; i < 20; i++) expect(read(join(dir, "out", i % 2 ? "sub" : ".", `f${i}.txt`))).toBe(ARTICLE);
      expect(existsSync(join(dir, "out", "notes.md"))).toBe(false);
      // no temporary file left
      expect(readdirSync(join(dir, "out")).filter((f) => f.includes(".boilerstrip-") && f.endsWith(".tmp"))).toEqual([]);
    });
  }

  it("does not re-read outputs written inside the input tree", async () => {
    const out = join(dir, "in", "cleaned");
    const first = await runCli(["clean", join(dir, "in"), "--out", out, "-j", "1", ...rules]);
    expect(first.code).toBe(0);
    const second = await runCli(["clean", join(dir, "in"), "--out", out, "-j", "1", ...rules]);
    expect(second.code).toBe(0);
    expect(second.stderr).toContain("20 files read");
    expect(existsSync(join(out, "cleaned"))).toBe(false);
  });

  it("refuses --out equal to an input directory without --in-place", async () => {
    const r = await runCli(["clean", join(dir, "in"), "--out", join(dir, "in"), ...rules]);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/--out .* is an input directory.*--in-place/);
    expect(read(join(dir, "in", "f2.txt"))).toBe(RAW);
  });

  it("refuses a run without --out or --in-place, and --out with --in-place", async () => {
    expect((await runCli(["clean", join(dir, "in"), ...rules])).stderr).toMatch(/needs --out/);
    const both = await runCli(["clean", join(dir, "in"), "--out", join(dir, "o"), "--in-place", ...rules]);
    expect(both.code).toBe(2);
    expect(both.stderr).toMatch(/either --in-place or --out/);
  });

  it("overwrites its own earlier outputs, but not a file it did not write, unless --force", async () => {
    const out = join(dir, "out");
    expect((await runCli(["clean", join(dir, "in"), "--out", out, "-j", "1", ...rules])).code).toBe(0);
    const manifest = read(join(out, MANIFEST_NAME)).trim().split("\n").map((l) => JSON.parse(l) as { path: string; sha256: string });
    expect(manifest.map((e) => e.path).sort()).toContain(join("sub", "f1.txt"));
    expect(manifest).toHaveLength(20);
    // a re-run replaces its own outputs
    expect((await runCli(["clean", join(dir, "in"), "--out", out, "-j", "1", ...rules])).code).toBe(0);
    // a file edited since, and a file boilerstrip never wrote, are refused
    writeFileSync(join(out, "f2.txt"), "edited by hand\n");
    writeFileSync(join(dir, "in", "new.txt"), RAW);
    writeFileSync(join(out, "new.txt"), "someone else's file\n");
    const r = await runCli(["clean", join(dir, "in"), "--out", out, "-j", "1", ...rules]);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/failed: .*f2\.txt: output .*f2\.txt exists and was changed since boilerstrip wrote it.*--force/);
    expect(r.stderr).toMatch(/failed: .*new\.txt: output .*new\.txt exists and was not written by boilerstrip.*--force/);
    expect(read(join(out, "f2.txt"))).toBe("edited by hand\n");
    expect(read(join(out, "new.txt"))).toBe("someone else's file\n");
    const forced = await runCli(["clean", join(dir, "in"), "--out", out, "-j", "1", "--force", ...rules]);
    expect(forced.code).toBe(0);
    expect(read(join(out, "new.txt"))).toBe(ARTICLE);
    // the compacted manifest lists each output once
    const again = read(join(out, MANIFEST_NAME)).trim().split("\n");
    expect(again).toHaveLength(21);
  });

  it("lists every failed file, completes the rest, exits 2; --fail-fast stops early", async () => {
    for (let i = 0; i < 5; i++) writeFileSync(join(dir, "in", `bad${i}.txt`), Buffer.from([0x41, 0, 0x42]));
    const r = await runCli(["clean", join(dir, "in"), "--out", join(dir, "out"), "-j", "1", ...rules]);
    expect(r.code).toBe(2);
    for (let i = 0; i < 5; i++) expect(r.stderr).toMatch(new RegExp(`failed: .*bad${i}\\.txt: binary file`));
    expect(r.stderr).toContain("20 files read");
    expect(r.stderr).toContain("5 failed");
    const ff = await runCli(["clean", join(dir, "in"), "--out", join(dir, "out2"), "-j", "1", "--fail-fast", ...rules]);
    expect(ff.code).toBe(2);
    expect(ff.stderr).toContain("stopped at the first failure (--fail-fast)");
    expect(ff.stderr.match(/failed: /g)).toHaveLength(1);
  });

  it("prints no progress bar when stderr is not a terminal, and nothing with --quiet", async () => {
    const r = await runCli(["clean", join(dir, "in"), "--out", join(dir, "out"), "-j", "1", ...rules]);
    expect(r.stderr).not.toContain("\r");
    const q = await runCli(["clean", join(dir, "in"), "--out", join(dir, "out2"), "-j", "1", "-q", ...rules]);
    expect(q.stderr).toBe("");
  });

  it("rejects a bad --jobs value and an invalid rules directory with exit code 2", async () => {
    const r = await runCli(["clean", join(dir, "in"), "--out", join(dir, "out"), "-j", "0", ...rules]);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/--jobs must be a whole number/);
    const bad = join(dir, "badrules");
    mkdirSync(bad);
    writeFileSync(join(bad, "x.yaml"), "id: nope\n");
    const b = await runCli(["clean", join(dir, "in"), "--out", join(dir, "out"), "--no-builtin", "--rules", bad]);
    expect(b.code).toBe(2);
    expect(b.stderr).toMatch(/invalid rules/);
  });

  it("cleans standard input to standard output", async () => {
    const r = await runCli(["clean", "-", ...rules], RAW);
    expect(r.code).toBe(0);
    expect(r.stdout.toString()).toBe(ARTICLE);
  });
});
