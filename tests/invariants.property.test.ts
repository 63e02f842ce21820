import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { cleanText, type CleanResult } from "../src/engine/clean.js";
import { BUILTIN_RULES_DIR, loadRules } from "../src/rules/load.js";
import { foldLines } from "./rule-helpers.js";

// The engine's promises, checked on thousands of generated documents that mix
// article prose, boilerplate taken from the built-in rules' own examples,
// and random Unicode, with LF/CRLF/CR/mixed line endings and an optional BOM.

const rules = loadRules([BUILTIN_RULES_DIR]);

/** Boilerplate snippets: every `remove` example input of every built-in rule. */
const BOILERPLATE = rules.flatMap((r) => ((r.spec as { examples?: { remove?: { in: string }[] } }).examples?.remove ?? []).map((e) => e.in.replace(/\r\n?/g, "\n").replace(/\n+$/, "")));

/** Article prose: long sentences no rule should touch. */
const PROSE = [
  "The city council voted on Tuesday to extend the tram line to the northern suburbs, a project that has been debated for more than a decade and is expected to cost 240 million euros.",
  "Researchers at the university found that the river's water temperature rose by almost two degrees over the past thirty years, which they say threatens several native fish species.",
  "Der Gemeinderat hat am Dienstag beschlossen, die Straßenbahnlinie bis in die nördlichen Vororte zu verlängern, nachdem das Projekt mehr als zehn Jahre lang diskutiert worden war.",
  "Nach Angaben der Forscher stieg die Wassertemperatur des Flusses in den vergangenen dreißig Jahren um fast zwei Grad, was mehrere heimische Fischarten bedroht.",
  "Le conseil municipal a voté mardi le prolongement de la ligne de tramway vers les quartiers nord, un projet discuté depuis plus de dix ans et estimé à 240 millions d'euros.",
  "El ayuntamiento aprobó el martes la ampliación de la línea de tranvía hacia los barrios del norte, un proyecto que se ha debatido durante más de una década.",
  "Il consiglio comunale ha approvato martedì il prolungamento della linea tranviaria verso i quartieri settentrionali, un progetto discusso da oltre dieci anni.",
  "Farmers in the region said the late frost had damaged most of the apple blossoms, and several orchards expect to harvest less than half of last year's crop.",
  "The new library, designed by a local architecture firm, will open in the spring with a reading room for children, a small theatre and a café on the ground floor.",
  "Officials said the bridge would remain closed to heavy vehicles until engineers finish inspecting the steel cables, which could take several more weeks.",
  "Die Stadtbibliothek öffnet im Frühjahr mit einem Lesesaal für Kinder, einem kleinen Theater und einem Café im Erdgeschoss, teilte die Verwaltung mit.",
  "According to the report, the number of apprentices in skilled trades has fallen for the fifth year in a row, while demand for electricians and plumbers keeps growing.",
];

type Eol = "\n" | "\r\n" | "\r" | "mixed";

const withEndings = (text: string, eol: Eol, picks: number[]) => {
  let k = 0;
  const all = ["\n", "\r\n", "\r"];
  return text.replace(/\n/g, () => (eol === "mixed" ? all[picks[k++ % picks.length]! % 3]! : eol));
};

const block = fc.oneof(
  { weight: 4, arbitrary: fc.constantFrom(...PROSE) },
  { weight: 3, arbitrary: fc.constantFrom(...BOILERPLATE) },
  { weight: 2, arbitrary: fc.string({ unit: "binary", maxLength: 80 }) },
  { weight: 1, arbitrary: fc.constantFrom("", " ", "\t", "* Home", "1. News", "•", "|", "©", "Share", "Menu") },
);

const documentArb = fc
  .record({
    blocks: fc.array(block, { minLength: 0, maxLength: 14 }),
    seps: fc.array(fc.constantFrom("\n", "\n\n", "\n\n\n"), { minLength: 1, maxLength: 14 }),
    eol: fc.constantFrom<Eol>("\n", "\r\n", "\r", "mixed"),
    picks: fc.array(fc.nat(2), { minLength: 1, maxLength: 20 }),
    bom: fc.boolean(),
    finalEol: fc.boolean(),
  })
  .map(({ blocks, seps, eol, picks, bom, finalEol }) => {
    const body = blocks.map((b, i) => (i ? seps[i % seps.length] : "") + b).join("") + (finalEol ? "\n" : "");
    return (bom ? "\uFEFF" : "") + withEndings(body, eol, picks);
  });

/** The input with the spans deleted, computed here independently of the engine. */
function deleteSpans(text: string, spans: CleanResult["spans"]): string {
  let out = "";
  let pos = 0;
  for (const s of spans) {
    out += text.slice(pos, s.start);
    pos = s.end;
  }
  return out + text.slice(pos);
}

function checkDeletionOnly(text: string, result: CleanResult): void {
  let prev = 0;
  for (const s of result.spans) {
    expect(s.start).toBeGreaterThanOrEqual(prev); // sorted, disjoint
    expect(s.end).toBeGreaterThan(s.start);
    expect(s.end).toBeLessThanOrEqual(text.length);
    prev = s.end;
  }
  expect(result.text).toBe(deleteSpans(text, result.spans));
  expect(result.changed).toBe(result.spans.length > 0);
  if (!result.changed) expect(result.text).toBe(text);
}

/** Line endings are kept: no removal splits a CRLF pair, and a BOM stays first. */
function checkEndingsAndBom(text: string, result: CleanResult): void {
  for (const s of result.spans) {
    for (const at of [s.start, s.end]) {
      if (at > 0 && at < text.length) expect(text[at - 1] === "\r" && text[at] === "\n", `span edge ${at} splits a CRLF`).toBe(false);
    }
  }
  if (text.startsWith("\uFEFF")) expect(result.text.startsWith("\uFEFF")).toBe(true);
}

const RUNS = 1500;

describe("engine invariants (property tests)", () => {
  it(`output = input with spans deleted; cleaning twice = once; endings and BOM kept (${RUNS} documents)`, () => {
    let changed = 0;
    fc.assert(
      fc.property(documentArb, (text) => {
        const result = cleanText(text, rules);
        if (result.changed) changed++;
        checkDeletionOnly(text, result);
        checkEndingsAndBom(text, result);
        const again = cleanText(result.text, rules);
        expect(again.changed, `second cleaning removed ${JSON.stringify(again.spans.map((s) => [s.ruleId, result.text.slice(s.start, s.end)]))}`).toBe(false);
      }),
      { numRuns: RUNS },
    );
    // the generator must exercise removals, not only untouched documents
    expect(changed).toBeGreaterThan(RUNS / 3);
  });

  it("the same in text-browser dumps: every line wrapped at 40-79 columns, maybe with a margin (600 documents)", () => {
    const dump = fc
      .record({
        blocks: fc.array(block, { minLength: 0, maxLength: 14 }),
        seps: fc.array(fc.constantFrom("\n", "\n\n"), { minLength: 1, maxLength: 14 }),
        width: fc.integer({ min: 40, max: 79 }),
        margin: fc.constantFrom("", "   "),
      })
      .map(({ blocks, seps, width, margin }) => {
        const wrap = (b: string) => b.split("\n").flatMap((l) => (l.trim() ? foldLines(l.trim(), width - margin.length).map((w) => margin + w) : [l])).join("\n");
        return `${blocks.map((b, i) => (i ? seps[i % seps.length] : "") + wrap(b)).join("")}\n`;
      });
    fc.assert(
      fc.property(dump, (text) => {
        const result = cleanText(text, rules);
        checkDeletionOnly(text, result);
        const again = cleanText(result.text, rules);
        expect(again.changed, `second cleaning removed ${JSON.stringify(again.spans.map((s) => [s.ruleId, result.text.slice(s.start, s.end)]))}`).toBe(false);
      }),
      { numRuns: 600 },
    );
  });

  it("a document made only of article prose comes out unchanged (500 documents)", () => {
    const prose = fc
      .record({
        paras: fc.shuffledSubarray(PROSE, { minLength: 1 }),
        eol: fc.constantFrom<Eol>("\n", "\r\n", "\r"),
        bom: fc.boolean(),
        sep: fc.constantFrom("\n", "\n\n"),
      })
      .map(({ paras, eol, bom, sep }) => (bom ? "\uFEFF" : "") + withEndings(paras.join(sep) + "\n", eol, [0]));
    fc.assert(
      fc.property(prose, (text) => {
        const result = cleanText(text, rules);
        expect(result.spans.map((s) => `${s.ruleId}: ${JSON.stringify(text.slice(s.start, s.end))}`)).toEqual([]);
        expect(result.text).toBe(text);
      }),
      { numRuns: 500 },
    );
  });

  it("no exception on any input: random Unicode, control characters, lone CRs (1000 documents)", () => {
    fc.assert(
      fc.property(fc.string({ unit: "binary", maxLength: 400 }), (text) => {
        const result = cleanText(text, rules);
        checkDeletionOnly(text, result);
      }),
      { numRuns: 1000 },
    );
  });
});
