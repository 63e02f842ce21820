import { existsSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { encodeStats } from "../src/corpus/format.js";
import { countCorpus, loadCorpusStats } from "../src/corpus/load.js";
import { corpusForRun, writeRunStats } from "../src/corpus/run.js";
import { tempDir } from "./run-helpers.js";

const SITES = join(import.meta.dirname, "..", "fixtures", "corpus", "sites");
const { dir, cleanup } = tempDir("bs-corpus-run-");
afterAll(cleanup);

describe("corpus counts for a clean run", () => {
  it("none without --stats or --learn", async () => {
    expect(await corpusForRun({ inputs: [SITES] })).toBeUndefined();
  });
  it("--stats of other shards plus --learn of this run's inputs equal counting everything", async () => {
    const other = await countCorpus([join(SITES, "harbour-gazette"), join(SITES, "cuisine-du-marche")]);
    writeFileSync(join(dir, "other.stats"), encodeStats(other));
    const run = await corpusForRun({ statsFiles: [join(dir, "other.stats")], learn: true, inputs: [join(SITES, "alpenblick")] });
    const whole = await countCorpus([SITES]);
    expect(encodeStats(run!).equals(encodeStats(whole))).toBe(true);
  });
  it("--learn takes the grouping of the stats files, and refuses a different one", async () => {
    const all = await countCorpus([join(SITES, "harbour-gazette")], { groupBy: "all" });
    writeFileSync(join(dir, "all.stats"), encodeStats(all));
    const run = await corpusForRun({ statsFiles: [join(dir, "all.stats")], learn: true, inputs: [join(SITES, "alpenblick")] });
    expect(run!.grouping.spec).toBe("all");
    expect(run!.documents).toBe(8);
    await expect(corpusForRun({ statsFiles: [join(dir, "all.stats")], learn: true, groupBy: "dir", inputs: [SITES] })).rejects.toThrow(/--group-by/);
  });
  it("hands counts to workers as a temporary stats file", async () => {
    const counts = await countCorpus([SITES]);
    const { file, cleanup: done } = writeRunStats(counts);
    expect(encodeStats(loadCorpusStats([file])).equals(encodeStats(counts))).toBe(true);
    done();
    expect(existsSync(file)).toBe(false);
  });
});
