import { basename } from "node:path";
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { CorpusCounts, documentKeys } from "../src/corpus/counts.js";
import { parseGroupBy, GroupByError } from "../src/corpus/group.js";
import { lineKey } from "../src/corpus/normalize.js";
import { countCorpus } from "../src/corpus/load.js";

const SITES = join(import.meta.dirname, "..", "fixtures", "corpus", "sites");

describe("lineKey", () => {
  it("folds case, digits, punctuation, spaces and list markers", () => {
    expect(lineKey(" * Seite 2 von 14")).toBe("seite 0 von 0");
    expect(lineKey("• SEITE 3  von 9 »")).toBe("seite 0 von 0");
    expect(lineKey("Impressum | Datenschutz · Kontakt")).toBe("impressum datenschutz kontakt");
    expect(lineKey("Impressum – Datenschutz – Kontakt")).toBe(lineKey("Impressum | Datenschutz · Kontakt"));
    expect(lineKey("„Ok.“")).toBe("ok");
  });
  it("keeps different words apart", () => {
    expect(lineKey("Kontakt")).not.toBe(lineKey("Kontakte"));
  });
});

describe("document frequency", () => {
  it("counts a line once per document, however often it repeats inside it", () => {
    expect(documentKeys("Teilen\nText.\nTeilen\n * Teilen\n").size).toBe(2);
    const c = new CorpusCounts("all");
    c.addDocument("Teilen\nTeilen\nEins.\n", "a.txt");
    c.addDocument("Teilen\nZwei.\n", "b.txt");
    expect(c.documents).toBe(2);
    expect(c.documentFrequency("TEILEN")).toBe(2);
    expect(c.documentFrequency("Eins.")).toBe(1);
    expect(c.documentFrequency("Drei.")).toBe(0);
  });
  it("does not count lines without letters (numbers, dates, table figures)", () => {
    const c = new CorpusCounts("all");
    for (const p of ["a", "b", "c"]) c.addDocument("2019\n12.03.2020\nText " + p + "\n", p);
    expect(c.documentFrequency("2019")).toBe(0);
    expect(c.documentFrequency("1.1.1999")).toBe(0);
  });
});

describe("grouping", () => {
  it("dir: the directory holding the file", () => {
    const g = parseGroupBy("dir");
    expect(g.groupOf("news/site-a/x.txt")).toBe("site-a");
    expect(g.groupOf("/data/shard2/site-a/y.txt")).toBe("site-a");
    // a relative path is in the group of the directory it names, however it was typed
    expect(g.groupOf("x.txt")).toBe(basename(process.cwd()));
    expect(g.groupOf("./x.txt")).toBe(basename(process.cwd()));
    expect(g.groupOf("../" + basename(process.cwd()) + "/x.txt")).toBe(basename(process.cwd()));
  });
  it("regex: first capture group, or the whole match; unmatched paths share a group", () => {
    const g = parseGroupBy("regex:^crawl/([a-z.]+)-\\d+");
    expect(g.groupOf("crawl/example.org-17.txt")).toBe("example.org");
    expect(g.groupOf("other/x.txt")).toBe("(unmatched)");
    expect(parseGroupBy("regex:[a-z]+\\.org").groupOf("crawl/example.org-1.txt")).toBe("example.org");
  });
  it("all: one group; bad specs are a readable error", () => {
    expect(parseGroupBy("all").groupOf("a/b/c.txt")).toBe("all");
    expect(() => parseGroupBy("site")).toThrow(GroupByError);
    expect(() => parseGroupBy("regex:(")).toThrow(/invalid regex/);
  });
  it("counts a realistic multi-site corpus per site", async () => {
    const c = await countCorpus([SITES]);
    expect([...c.groups.keys()].sort()).toEqual(["alpenblick", "cuisine-du-marche", "harbour-gazette"]);
    expect(c.documents).toBe(11);
    const alp = c.forDocument(join(SITES, "alpenblick", "x.txt"));
    expect(alp.documents).toBe(4);
    expect(alp.documentFrequency("Alpenblick auf WhatsApp")).toBe(4);
    expect(alp.documentFrequency("Impressum | Datenschutz | Kontakt | Mediadaten")).toBe(4);
    // a teaser title: in two teaser boxes and as its own article's headline
    expect(alp.documentFrequency("Bauernmarkt zieht Bilanz")).toBe(3);
    // the quotation line of one article (quoted again inside a longer line of another)
    expect(alp.documentFrequency("„Wir können die Halle nicht noch ein Jahr warten lassen“, sagte Bürgermeisterin Anna Huber.")).toBe(1);
    // another site's menu is not this site's
    expect(alp.documentFrequency("Letters to the editor")).toBe(0);
    expect(c.documentFrequency("Letters to the editor")).toBe(4);
    expect(c.groupsWith("Facebook")).toBe(2);
    expect(c.overall().documents).toBe(11);
    expect(c.overall().documentFrequency("Facebook")).toBe(8);
    // grouped by all, the counts are the sums
    const all = await countCorpus([SITES], { groupBy: "all" });
    expect(all.groups.size).toBe(1);
    expect(all.documentFrequency("Facebook")).toBe(8);
  });
  it("reports unreadable inputs and counts the rest", async () => {
    const errors: string[] = [];
    const c = await countCorpus([join(SITES, "alpenblick"), join(SITES, "nope")], { onError: (m) => errors.push(m) });
    expect(c.documents).toBe(4);
    expect(errors).toEqual([`${join(SITES, "nope")}: no such file or directory`]);
  });
  it("counts each fixture file once", () => {
    const files = readdirSync(join(SITES, "harbour-gazette"));
    const c = new CorpusCounts();
    for (const f of files) c.addDocument(readFileSync(join(SITES, "harbour-gazette", f), "utf8"), join("harbour-gazette", f));
    expect(c.groups.get("harbour-gazette")?.documents).toBe(files.length);
  });
});
