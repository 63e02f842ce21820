import { mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { gunzipSync, gzipSync } from "node:zlib";
import { afterAll, describe, expect, it } from "vitest";
import { CorpusCounts, StatsMergeError } from "../src/corpus/counts.js";
import { decodeStats, encodeStats, StatsFormatError } from "../src/corpus/format.js";
import { countCorpus, loadCorpusStats } from "../src/corpus/load.js";
import { runCli, tempDir } from "./run-helpers.js";

const SITES = join(import.meta.dirname, "..", "fixtures", "corpus", "sites");
const { dir, cleanup } = tempDir("bs-stats-");
afterAll(cleanup);

/** The counts as plain data, to compare. */
const plain = (c: CorpusCounts) =>
  Object.fromEntries([...c.groups.entries()].sort().map(([name, g]) => [name, { documents: g.documents, lines: [...g.lines.entries()].sort((a, b) => a[0] - b[0]) }]));

describe("stats file format", () => {
  it("round-trips counts and is deterministic", async () => {
    const c = await countCorpus([SITES]);
    const bytes = encodeStats(c);
    const back = decodeStats(bytes, "x.stats");
    expect(plain(back)).toEqual(plain(c));
    expect(back.grouping.spec).toBe("dir");
    expect(encodeStats(back).equals(bytes)).toBe(true);
    // documents counted in another order give the same bytes
    const reversed = new CorpusCounts();
    const files = ["harbour-gazette/lifeboat-rescue.txt", "alpenblick/buslinie-tal.txt", "cuisine-du-marche/tarte-pommes.txt"];
    const forward = new CorpusCounts();
    for (const f of files) forward.addDocument(readFileSync(join(SITES, f), "utf8"), f);
    for (const f of [...files].reverse()) reversed.addDocument(readFileSync(join(SITES, f), "utf8"), f);
    expect(encodeStats(reversed).equals(encodeStats(forward))).toBe(true);
  });
  it("refuses files that are not stats files, with the file name", () => {
    expect(() => decodeStats(Buffer.from("hello"), "a.txt")).toThrow(/^a\.txt: not a boilerstrip stats file/);
    expect(() => decodeStats(gzipSync(Buffer.from("XXXX\u0001")), "b.bin")).toThrow(/b\.bin: not a boilerstrip stats file \(bad magic\)/);
    expect(() => decodeStats(gzipSync(Buffer.from("BSTS\u0009")), "c.bin")).toThrow(/c\.bin: stats format version 9/);
    const good = encodeStats(new CorpusCounts("all"));
    expect(() => decodeStats(gzipSync(Buffer.concat([decompress(good), Buffer.from([1])])), "d.bin")).toThrow(StatsFormatError);
  });
});

const decompress = (b: Buffer) => gunzipSync(b);

describe("merging shards", () => {
  it("merged shard stats equal one count over everything", async () => {
    const whole = await countCorpus([SITES]);
    // shards that split sites across machines: the same site meets in one group
    const a = await countCorpus([join(SITES, "alpenblick", "bauernmarkt-bilanz.txt"), join(SITES, "alpenblick", "buslinie-tal.txt"), join(SITES, "harbour-gazette")]);
    const b = await countCorpus([join(SITES, "alpenblick", "bergwacht-einsatz.txt"), join(SITES, "alpenblick", "gemeinderat-haushalt.txt"), join(SITES, "cuisine-du-marche")]);
    writeFileSync(join(dir, "a.stats"), encodeStats(a));
    writeFileSync(join(dir, "b.stats"), encodeStats(b));
    const merged = loadCorpusStats([join(dir, "a.stats"), join(dir, "b.stats")]);
    expect(plain(merged)).toEqual(plain(whole));
    expect(encodeStats(merged).equals(encodeStats(whole))).toBe(true);
    expect(merged.forDocument("alpenblick/x.txt").documentFrequency("Alpenblick auf WhatsApp")).toBe(4);
  });
  it("refuses to merge counts of different groupings", async () => {
    const byDir = await countCorpus([join(SITES, "alpenblick")]);
    const byAll = await countCorpus([join(SITES, "harbour-gazette")], { groupBy: "all" });
    expect(() => byDir.merge(byAll, "all.stats")).toThrow(StatsMergeError);
    expect(() => byDir.merge(byAll, "all.stats")).toThrow(/all\.stats was counted with --group-by all/);
  });
});

describe("boilerstrip stats", () => {
  it("writes stats files, merges them, and --merge gives the bytes of one run", async () => {
    const sh = join(dir, "cli");
    mkdirSync(sh, { recursive: true });
    let r = await runCli(["stats", join(SITES, "alpenblick"), join(SITES, "harbour-gazette"), "--out", join(sh, "s1.stats")]);
    expect(r.code).toBe(0);
    expect(r.stdout.toString()).toMatch(/^8 documents in 2 group\(s\) \(--group-by dir\)/);
    r = await runCli(["stats", join(SITES, "cuisine-du-marche"), "--out", join(sh, "s2.stats")]);
    expect(r.code).toBe(0);
    r = await runCli(["stats", "--merge", join(sh, "s1.stats"), join(sh, "s2.stats"), "--out", join(sh, "all.stats")]);
    expect(r.code).toBe(0);
    r = await runCli(["stats", SITES, "--out", join(sh, "one.stats")]);
    expect(readFileSync(join(sh, "all.stats")).equals(readFileSync(join(sh, "one.stats")))).toBe(true);
    r = await runCli(["stats", "--merge", join(sh, "all.stats"), "--format", "json"]);
    const j = JSON.parse(r.stdout.toString());
    expect(j.documents).toBe(11);
    expect(j.groups.map((g: { name: string }) => g.name)).toEqual(["alpenblick", "harbour-gazette", "cuisine-du-marche"]);
    expect(j.groups[0].repeated).toBeGreaterThan(10);
  });
  it("exit 2 with one line per bad input or stats file, the rest is counted", async () => {
    let r = await runCli(["stats", join(SITES, "alpenblick"), join(dir, "missing"), "--format", "json"]);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain(`boilerstrip: ${join(dir, "missing")}: no such file or directory\n`);
    expect(JSON.parse(r.stdout.toString()).documents).toBe(4);
    writeFileSync(join(dir, "bad.stats"), "not stats");
    r = await runCli(["stats", "--merge", join(dir, "bad.stats")]);
    expect(r.code).toBe(2);
    expect(r.stderr).toBe(`boilerstrip: ${join(dir, "bad.stats")}: not a boilerstrip stats file (not gzip data; write one with "boilerstrip stats <inputs> --out ${join(dir, "bad.stats")}")\n`);
    r = await runCli(["stats", SITES, "--group-by", "site"]);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/--group-by must be dir, all or regex:<pattern>/);
  });
});
