import { readdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { parse } from "yaml";
import { runCli, tempDir } from "./run-helpers.js";

const SITES = join(import.meta.dirname, "..", "fixtures", "corpus", "sites");
const { dir, cleanup } = tempDir("bs-suggest-");
afterAll(cleanup);

describe("boilerstrip rules suggest", () => {
  it("writes candidate rules for repeated lines no rule removes; they load and pass rules test", async () => {
    const out = join(dir, "suggested");
    const r = await runCli(["rules", "suggest", SITES, "--out", out, "--no-config"]);
    expect(r.stderr).toBe("");
    expect(r.code).toBe(0);
    expect(r.stdout.toString()).toMatch(/11 documents read, \d+ candidate rule file\(s\) written/);
    const files = readdirSync(out).sort();
    expect(files.length).toBeGreaterThan(0);
    const specs = files.map((f) => ({ f, text: readFileSync(join(out, f), "utf8"), spec: parse(readFileSync(join(out, f), "utf8")) }));
    const alp = specs.find((s) => s.spec.id.startsWith("suggested/alpenblick-"));
    expect(alp, files.join(", ")).toBeDefined();
    expect(alp!.spec.kind).toBe("line");
    expect(alp!.spec.match.phrases).toEqual(expect.arrayContaining(["Alpenblick auf WhatsApp", "Wetter-Telefon Oberland"]));
    expect(alp!.text).toContain("# in 4 of 4 documents (100.0%)");
    // the examples are real corpus lines: the keep text is a sentence of one of the site's articles
    const corpusText = readdirSync(join(SITES, "alpenblick")).map((f) => readFileSync(join(SITES, "alpenblick", f), "utf8")).join("\n");
    expect(corpusText).toContain(alp!.spec.examples.keep[0]);
    expect(alp!.spec.examples.remove[0].in).toContain("Alpenblick auf WhatsApp");
    // suggestions are labels, never sentences of the articles
    for (const s of specs) for (const p of s.spec.match.phrases as string[]) expect(p, s.f).not.toMatch(/[.!?]$/);
    // a phrase another site uses is not in this site's rule
    expect(alp!.spec.match.phrases).not.toContain("Letters to the editor");

    const t = await runCli(["rules", "test", out, "--no-config"]);
    expect(t.stdout.toString()).toMatch(new RegExp(`^${files.length} rules?, \\d+ examples: all passed`, "m"));
    expect(t.code).toBe(0);

    // with the suggestions loaded, nothing is suggested again for those lines
    const again = await runCli(["rules", "suggest", SITES, "--out", join(dir, "again"), "--rules", out, "--no-config"]);
    expect(again.code).toBe(0);
    const second = readdirSync(join(dir, "again")).map((f) => readFileSync(join(dir, "again", f), "utf8")).join("\n");
    expect(second).not.toContain('"Alpenblick auf WhatsApp"');
  });
  it("never replaces a candidate file (it may hold the user's edits) without --force; a file as --out is an error", async () => {
    const out = join(dir, "edited");
    expect((await runCli(["rules", "suggest", SITES, "--out", out, "--no-config"])).code).toBe(0);
    const file = join(out, readdirSync(out).sort()[0]!);
    writeFileSync(file, readFileSync(file, "utf8") + "# my edits\n");
    const again = await runCli(["rules", "suggest", SITES, "--out", out, "--no-config"]);
    expect(again.code).toBe(2);
    expect(again.stderr).toContain(`${file} exists; not overwritten (use --force`);
    expect(readFileSync(file, "utf8")).toContain("# my edits");
    const forced = await runCli(["rules", "suggest", SITES, "--out", out, "--force", "--no-config"]);
    expect(forced.code).toBe(0);
    expect(readFileSync(file, "utf8")).not.toContain("# my edits");
    const asFile = await runCli(["rules", "suggest", SITES, "--out", file, "--no-config"]);
    expect(asFile.code).toBe(2);
    expect(asFile.stderr).toContain("is a file: it names the directory");
  });

  it("thresholds: --min-docs above the site sizes suggests nothing; bad options exit 2", async () => {
    const r = await runCli(["rules", "suggest", SITES, "--out", join(dir, "none"), "--min-docs", "5", "--no-config"]);
    expect(r.code).toBe(0);
    expect(readdirSync(join(dir, "none"))).toEqual([]);
    const bad = await runCli(["rules", "suggest", SITES, "--min-share", "2", "--no-config"]);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toBe('boilerstrip: --min-share must be a number from 0 to 1, got "2"\n');
  });
});
