import { mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { runCli, tempDir } from "./run-helpers.js";

// clean --learn / --stats: the corpus counts reach the repeat/ rules, in-process and on worker threads.
const { dir, cleanup } = tempDir("bs-corpus-");
afterAll(() => cleanup());
const IN = join(dir, "in");
mkdirSync(IN);
const article = (i: number) => `Article number ${i} tells a different story about the town council and its plans for the year.`;
for (let i = 1; i <= 6; i++) writeFileSync(join(IN, `${i}.txt`), `Weekly Gazette\nLocal news from the valley\n\n${article(i)}\n\nTopics and tags\n`);
const ONLY = ["--no-config", "--only", "repeat/lines", "-q"];

describe("clean with corpus counts", () => {
  for (const jobs of ["1", "2"]) {
    it(`--learn counts the inputs first and removes their repeated lines (--jobs ${jobs})`, async () => {
      const out = join(dir, `learn-${jobs}`);
      const r = await runCli(["clean", IN, "--out", out, "--learn", "-j", jobs, ...ONLY]);
      expect(r.code).toBe(0);
      for (let i = 1; i <= 6; i++) expect(readFileSync(join(out, `${i}.txt`), "utf8")).toBe(`${article(i)}\n`);
    });
  }

  it("without counts the repeat/ rules remove nothing", async () => {
    const out = join(dir, "plain");
    expect((await runCli(["clean", IN, "--out", out, "-j", "2", ...ONLY])).code).toBe(0);
    expect(readFileSync(join(out, "1.txt"), "utf8")).toBe(readFileSync(join(IN, "1.txt"), "utf8"));
  });

  it("--stats FILE from `boilerstrip stats` is used for a single file, and a bad stats file is exit 2", async () => {
    const stats = join(dir, "in.stats");
    expect((await runCli(["stats", IN, "--out", stats])).code).toBe(0);
    const out = join(dir, "stats");
    expect((await runCli(["clean", join(IN, "3.txt"), "--out", out, "--stats", stats, "-j", "2", ...ONLY])).code).toBe(0);
    expect(readFileSync(join(out, "3.txt"), "utf8")).toBe(`${article(3)}\n`);
    const bad = await runCli(["clean", IN, "--out", join(dir, "bad"), "--stats", join(dir, "missing.stats"), ...ONLY]);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toMatch(/missing\.stats: cannot read stats file/);
    const learnJsonl = await runCli(["clean", "--jsonl", "-", "--learn", ...ONLY], "{}\n");
    expect(learnJsonl.code).toBe(2);
    expect(learnJsonl.stderr).toMatch(/--learn counts files/);
  });
});
