import { existsSync, readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { corpusForExamples, CorpusCounts } from "../src/corpus/counts.js";
import { countCorpus } from "../src/corpus/load.js";
import { cleanText } from "../src/engine/clean.js";
import { compileRule } from "../src/rules/compile.js";
import { BUILTIN_RULES_DIR, loadRuleFile, loadRules } from "../src/rules/load.js";
import { corpusRepeat } from "../src/rules/structural/corpus-repeat.js";
import { ALGORITHMS, type StructuralAlgorithm } from "../src/rules/structural/registry.js";
import type { CompiledRule, CorpusStats } from "../src/rules/types.js";

// Until registry.ts lists corpus-repeat (the lead's file), register it here.
if (!ALGORITHMS.has(corpusRepeat.name)) (ALGORITHMS as Map<string, StructuralAlgorithm>).set(corpusRepeat.name, corpusRepeat);

const FIX = join(import.meta.dirname, "..", "fixtures", "corpus");
const SITES = join(FIX, "sites");

function repeatRule(options: Record<string, unknown> = {}): CompiledRule {
  return compileRule(
    { id: "repeat/test", kind: "structural", category: "repeat", languages: ["any"], description: "test", algorithm: "corpus-repeat", options, examples: { remove: [], keep: [] } },
    { file: "test", line: 1, column: 1 },
  );
}

/** Clean every document of a site with the rule alone and the site's counts. */
async function cleanSite(site: string, options: Record<string, unknown> = {}) {
  const counts = await countCorpus([SITES]);
  const rule = repeatRule(options);
  return readdirSync(join(SITES, site)).map((f) => {
    const path = join(SITES, site, f);
    const text = readFileSync(path, "utf8");
    return { f, text, out: cleanText(text, [rule], { corpus: counts.forDocument(path) }).text };
  });
}

/** One group of documents; the view of its first one. */
const corpusOf = (texts: string[]): CorpusStats => {
  const c = new CorpusCounts("all");
  texts.forEach((t, i) => c.addDocument(t, `d${i}`));
  return c.forDocument("d0");
};

const lines = (s: string) => s.split("\n").filter((l) => l.trim() !== "");

// the rule file is staged in fixtures/corpus until the algorithm is registered; then it lives in rules/structure
const RULE_FILE = [join(import.meta.dirname, "..", "rules", "structure", "repeat-lines.yaml"), join(FIX, "repeat-lines.yaml")].find((f) => existsSync(f))!;

describe("repeat/lines rule file", () => {
  const { rule, problems } = loadRuleFile(RULE_FILE);
  it("loads", () => {
    expect(problems).toEqual([]);
    expect(rule?.meta.id).toBe("repeat/lines");
    expect(rule?.meta.category).toBe("repeat");
  });
  it("its examples pass against the corpus of its examples, and cleaning twice equals once", () => {
    const corpus = corpusForExamples(rule!.spec.examples);
    for (const ex of rule!.spec.examples.remove) {
      const out = cleanText(ex.in, [rule!], { corpus }).text;
      expect(out).toBe(ex.out);
      expect(cleanText(out, [rule!], { corpus }).text).toBe(out);
    }
    for (const keep of rule!.spec.examples.keep) expect(cleanText(keep, [rule!], { corpus }).text).toBe(keep);
  });
  it("its examples also pass beside the built-in phrase rules (as rules test runs structural rules)", () => {
    const set = [rule!, ...loadRules([BUILTIN_RULES_DIR]).filter((r) => r.meta.kind !== "structural")];
    const corpus = corpusForExamples(rule!.spec.examples);
    for (const ex of rule!.spec.examples.remove) expect(cleanText(ex.in, set, { corpus }).text).toBe(ex.out);
    for (const keep of rule!.spec.examples.keep) expect(cleanText(keep, set, { corpus }).text).toBe(keep);
  });
  it("removes nothing without corpus counts", () => {
    for (const ex of rule!.spec.examples.remove) expect(cleanText(ex.in, [rule!]).changed).toBe(false);
  });
});

describe("corpus-repeat on a multi-site corpus", () => {
  it("removes a site's promo box, menus and footer and keeps every line of article text", async () => {
    for (const { f, text, out } of await cleanSite("alpenblick")) {
      const kept = new Set(lines(out));
      for (const gone of ["Alpenblick auf WhatsApp", "Die wichtigsten Nachrichten aus dem Oberland aufs Handy", "Wetter-Telefon Oberland", "Impressum | Datenschutz | Kontakt | Mediadaten", " * Startseite", "Artikel teilen"]) {
        expect(kept.has(gone), `${f}: ${gone}`).toBe(false);
      }
      // every sentence of the article stays (the lines that end like a sentence)
      for (const l of lines(text)) if (/[.!?“]$/.test(l)) expect(kept.has(l), `${f}: ${l}`).toBe(true);
    }
  });
  it("keeps a headline above its article while the same line goes as a teaser elsewhere", async () => {
    const docs = await cleanSite("alpenblick");
    const own = docs.find((d) => d.f === "bauernmarkt-bilanz.txt")!;
    expect(own.out).toContain("Bauernmarkt zieht Bilanz\n\nDer Bauernmarkt");
    const other = docs.find((d) => d.f === "gemeinderat-haushalt.txt")!;
    expect(other.text).toContain("Bauernmarkt zieht Bilanz");
    expect(other.out).not.toContain("Bauernmarkt zieht Bilanz");
  });
  it("keeps lines of one site out of another site's decisions (grouping)", async () => {
    // "Facebook" is in every alpenblick and harbour document, but counted per site
    const counts = await countCorpus([SITES]);
    const path = join(SITES, "cuisine-du-marche", "tarte-pommes.txt");
    const text = "Une tarte simple, comme on la faisait le dimanche.\nFacebook\n";
    expect(cleanText(text, [repeatRule()], { corpus: counts.forDocument(path) }).changed).toBe(false);
    const all = await countCorpus([SITES], { groupBy: "all" });
    expect(cleanText(text, [repeatRule()], { corpus: all.forDocument(path) }).text).toBe("Une tarte simple, comme on la faisait le dimanche.\n");
  });
  it("a line above article prose (a headline, or a teaser elsewhere) needs headShare", () => {
    const corpus = corpusOf(["Alpenblick auf WhatsApp\n", "Alpenblick auf WhatsApp\n", "Alpenblick auf WhatsApp\n", "x\n"]);
    const text = "Alpenblick auf WhatsApp\nDer Gemeinderat hat den Haushalt mit knapper Mehrheit verabschiedet.\n";
    expect(cleanText(text, [repeatRule()], { corpus }).changed).toBe(false);
    expect(cleanText(text, [repeatRule({ headShare: 0.75 })], { corpus }).text).toBe("Der Gemeinderat hat den Haushalt mit knapper Mehrheit verabschiedet.\n");
  });
  it("thresholds: minDocs above the group size, or minShare 1, keep more", async () => {
    for (const d of await cleanSite("alpenblick", { minDocs: 5 })) expect(d.out).toBe(d.text);
    const strict = await cleanSite("alpenblick", { minShare: 1 });
    const own = strict.find((d) => d.f === "gemeinderat-haushalt.txt")!;
    // in 4 of 4 documents: gone; a teaser in 3 of 4: stays
    expect(own.out).not.toContain("Alpenblick auf WhatsApp");
    expect(own.out).toContain("Bauernmarkt zieht Bilanz");
  });
});

describe("content protection", () => {
  const sentence = "Die Redaktion hat diesen Beitrag am Abend noch einmal aktualisiert und ergänzt.";
  const docs = (n: number, line: string) => Array.from({ length: n }, (_, i) => `${line}\nArtikel Nummer ${"abcdefghijklmnopqrstuvwxyz"[i % 26]}${i} erzählt etwas ganz anderes.\n`);

  it("a sentence-like line needs proseFactor times the count of a label line", () => {
    const text = `${sentence}\nEin einzigartiger Satz steht nur in diesem Artikel und sonst nirgends.\n`;
    expect(cleanText(text, [repeatRule()], { corpus: corpusOf(docs(11, sentence)) }).changed).toBe(false);
    expect(cleanText(text, [repeatRule()], { corpus: corpusOf(docs(12, sentence)) }).text).toBe("Ein einzigartiger Satz steht nur in diesem Artikel und sonst nirgends.\n");
    expect(cleanText(text, [repeatRule({ proseFactor: 1 })], { corpus: corpusOf(docs(3, sentence)) }).changed).toBe(true);
  });
  it("quotations and lines over maxWords always stay; a line in fewer than minDocs documents stays", () => {
    const quote = "„Ok.“";
    expect(cleanText(`${quote}\nText.\n`, [repeatRule()], { corpus: corpusOf(docs(50, quote)) }).changed).toBe(false);
    expect(cleanText(`Ok\nText.\n`, [repeatRule()], { corpus: corpusOf(docs(50, "Ok")) }).text).toBe("Text.\n");
    const long = Array.from({ length: 45 }, (_, i) => `wort${"abcdefghij"[i % 10]}`).join(" ");
    expect(cleanText(`${long}\nText.\n`, [repeatRule()], { corpus: corpusOf(docs(50, long)) }).changed).toBe(false);
    // repeated inside one document only
    expect(cleanText(`Teilen\nText.\nTeilen\n`, [repeatRule()], { corpus: corpusOf([`Teilen\nText.\nTeilen\n`, "a\n", "b\n"]) }).changed).toBe(false);
  });
  it("rejects bad options with a readable message", () => {
    expect(() => repeatRule({ minShare: 2 })).toThrow(/option "minShare" must be a number from 0 to 1/);
    expect(() => repeatRule({ minDocs: 1 })).toThrow(/option "minDocs" must be a number from 2/);
  });
});
