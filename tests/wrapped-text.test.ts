import { describe, expect, it } from "vitest";
import { makeDocument } from "../src/engine/document.js";
import { analyse, wrapWidth } from "../src/engine/features.js";
import { cleanText } from "../src/engine/clean.js";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { BUILTIN_RULES_DIR, loadRules } from "../src/rules/load.js";
import { compileRule } from "../src/rules/compile.js";
import type { RuleSpec } from "../src/rules/types.js";
import { foldLines, source } from "./rule-helpers.js";

// Text-mode browsers (lynx, w3m) wrap paragraphs at a fixed width. A wrapped
// paragraph is judged as one: line rules match its lines joined.

/** Fold a paragraph at `width` columns at spaces. */
const fold = (paragraph: string, width = 60): string => foldLines(paragraph, width).join("\n");

const article = [
  "The city council approved the new budget on Tuesday after a debate that lasted well into the night, with the vote held just before midnight.",
  "Several members of the council criticised the cuts to the library service, which will lose a fifth of its funding over the coming three years.",
  "The mayor said the savings were needed to keep the swimming pool open for another two years at least, and that the library would be reviewed.",
  "Opposition members called the budget a missed chance and said they would bring the library cuts back to the council in the spring session.",
  "When the budget was first presented in the autumn, the council had expected a much larger gap in its accounts than the one it now faces.",
];

const rule = (match: RuleSpec["match"]) =>
  compileRule({ id: "test/rule", kind: "line", category: "consent", languages: ["any"], description: "t", match, examples: { remove: [], keep: [] } } as RuleSpec, source);
/** A block rule like the built-in "Related" headings: the heading and up to 8 short lines that do not end like a sentence. */
const related = compileRule(
  {
    id: "test/related",
    kind: "block",
    category: "related",
    languages: ["any"],
    description: "t",
    match: { phrases: ["Related"] },
    members: { patterns: ["[^\\n]{0,99}[^.!?:;,\\s]"], maxLength: 100 },
    after: 8,
    examples: { remove: [], keep: [] },
  } as RuleSpec,
  source,
);

describe("wrapped paragraphs", () => {
  it("finds the wrap width of folded text, and none in unwrapped text whose menu items have similar lengths", () => {
    const wrapped = article.map((p) => fold(p)).join("\n\n");
    expect(wrapWidth(analyse(makeDocument(wrapped)))).toBeGreaterThan(50);
    const menu = Array.from({ length: 12 }, (_, i) => `Section ${i} – Reports, Analysis and Opinion Pieces ${"x".repeat(i % 3)}`);
    const unwrapped = [...menu, "", ...article].join("\n");
    expect(wrapWidth(analyse(makeDocument(unwrapped)))).toBe(0);
  });

  it("finds the wrap width of German text, whose wrapped lines mostly go on with a capital (a noun), up to 160 columns", () => {
    const de = [
      "Der Gemeinderat hat am Dienstag nach einer langen und zum Teil sehr hitzigen Debatte den neuen Haushalt für das kommende Jahr beschlossen.",
      "Mehrere Mitglieder des Rates kritisierten dabei vor allem die geplanten Kürzungen bei der neuen Stadtbibliothek, die ein Fünftel ihrer Mittel verliert.",
      "Der Bürgermeister sagte nach der Sitzung, die Einsparungen seien leider nötig, um das städtische Hallenbad noch mindestens zwei Jahre offen zu halten.",
      "Die Opposition nannte den Haushalt eine verpasste Chance und kündigte an, die Kürzungen bei der Bibliothek im Frühjahr wieder auf die Tagesordnung zu setzen.",
      "Die Verwaltung muss nun bis zum Sommer einen Plan vorlegen, wie die fehlenden Mittel im Haushalt ausgeglichen werden sollen.",
    ];
    const starts = (text: string) => text.split("\n").flatMap((l, i, all) => (i > 0 && all[i - 1] !== "" && l !== "" ? [l[0]!] : []));
    const folded = de.map((p) => fold(p, 100)).join("\n\n");
    // the premise: one wrapped line goes on in lower case, the others with a capital
    expect(starts(folded).filter((c) => c !== c.toUpperCase()).length).toBe(1);
    expect(starts(folded).filter((c) => c === c.toUpperCase()).length).toBeGreaterThan(1);
    expect(wrapWidth(analyse(makeDocument(folded)))).toBeGreaterThan(90);
    // unwrapped text whose longest lines end near 200 without a full stop, followed once in lower case and else by a capital: no width
    const long = de.map((p) => `${p} ${p}`.slice(0, 190).replace(/[\s,.]+$/, ""));
    const unwrapped = long.flatMap((l, i) => [l, i === 0 ? "mehr lesen" : "Mehr lesen", ""]).join("\n");
    expect(long.every((l) => l.length > 180 && l.length <= 190)).toBe(true);
    expect(wrapWidth(analyse(makeDocument(`${unwrapped}\n${"Kurzer Satz am Ende.\n".repeat(8)}`)))).toBe(0);
  });

  it("takes no width from an unwrapped page whose open lines happen to end near its longest line: a short next word would have fitted", () => {
    // one paragraph per line (html-to-text); a cookie banner ending in "Mehr erfahren" above the headline, a list after a colon
    const page = readFileSync(join(import.meta.dirname, "..", "fixtures", "wrap", "unwrapped-cookie-banner-de.txt"), "utf8");
    const lines = page.split("\n");
    const longest = Math.max(...lines.map((l) => l.length));
    const full = (l: string) => l.length <= longest && l.length > longest - 20;
    // the premise: one full line goes on in lower case (the list), one open full line goes on with a capital (the banner)
    expect(lines.filter((l, i) => full(l) && /^\p{Ll}/u.test(lines[i + 1] ?? "")).length).toBe(1);
    expect(lines.filter((l, i) => full(l) && l.endsWith("Mehr erfahren") && /^\p{Lu}/u.test(lines[i + 1] ?? "")).length).toBe(1);
    expect(wrapWidth(analyse(makeDocument(page)))).toBe(0);
    // taken as wrapped, the banner was joined with the headline below it and removed with it
    const out = cleanText(page, loadRules([BUILTIN_RULES_DIR])).text;
    expect(out).toContain("Stadtrat beschließt neuen Radweg entlang der Hauptstraße\n");
    expect(out).not.toContain("Wir verwenden Cookies");
  });

  it("finds the wrap width when a URL overruns it, as text-mode browsers let long words do", () => {
    const url = "   https://www.example.org/news/2020/04/council-budget-library-cuts-explained.html";
    const wrapped = article.map((p) => fold(p)).join("\n\n");
    expect(url.length).toBeGreaterThan(80);
    expect(wrapWidth(analyse(makeDocument(`${wrapped}\n\n${url}\n`)))).toBe(wrapWidth(analyse(makeDocument(wrapped))));
  });

  it("a banner wrapped over several lines goes whole when its joined text matches", () => {
    const banner = "We use cookies to improve your experience on our website and to show you personalised content, as described in our privacy policy.";
    const text = `${fold(banner)}\n\n${article.map((p) => fold(p)).join("\n\n")}\n`;
    const out = cleanText(text, [rule({ patterns: ["we use cookies\\b[^\\n]{0,200}"], maxLength: 400 })]).text;
    expect(out).toBe(`${article.map((p) => fold(p)).join("\n\n")}\n`);
  });

  it("a fragment of an article sentence that looks like a label on its own line stays", () => {
    // folded at 60 columns, the second paragraph's second line reads "library service, which will lose a fifth of its funding over"
    const text = `${article.map((p) => fold(p)).join("\n\n")}\n`;
    const fragment = fold(article[1]!).split("\n")[1]!;
    const out = cleanText(text, [rule({ patterns: [`${fragment.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")}`] })]).text;
    expect(out).toBe(text);
    // unwrapped, the same line is a line of its own and goes
    const unwrapped = `${article[0]}\n\n${fragment}\n`;
    expect(cleanText(unwrapped, [rule({ patterns: [fragment.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")] })]).text).toBe(`${article[0]}\n`);
  });

  it("a block takes a wrapped paragraph as one line: teaser titles go, an article paragraph under them stays whole", () => {
    const teasers = [" * Microsoft stores data in DNA", " * Bigger hard drives next year"];
    const body = article.map((p) => fold(p)).join("\n\n");
    const text = `${fold(article[0]!)}\n\nRelated\n\n${teasers.join("\n")}\n\n${body}\n`;
    // each line of a folded paragraph is short and most do not end like a sentence: judged alone they would pass as teaser titles
    expect(cleanText(text, [related]).text).toBe(`${fold(article[0]!)}\n\n${body}\n`);
  });

  it("a block's start is found in the joined text of a wrapped paragraph", () => {
    const heading = "Related stories from our newsroom and partner sites you may have missed this week";
    const block = compileRule({ ...related.spec, match: { patterns: ["related stories from our newsroom[^\\n]*"] } } as RuleSpec, source);
    const text = `${article.map((p) => fold(p)).join("\n\n")}\n\n${fold(heading, 40)}\n * Library cuts explained\n`;
    expect(cleanText(text, [block]).text).toBe(`${article.map((p) => fold(p)).join("\n\n")}\n`);
  });

  it("judges each list item on its own when an item fills the line width, as if wrapped into the next", () => {
    // lynx: a share bar whose items are nearly as long as the wrap width, under "Share this:"
    const share = rule({ patterns: ["click to share on \\w+ \\(opens in new window\\)"] });
    const items = ["Twitter", "Facebook", "LinkedIn", "Pinterest"].map((s) => `     * Click to share on ${s} (Opens in new window)`);
    const body = article.map((p) => fold(p)).join("\n\n");
    const text = `${body}\n\n   Share this:\n${items.join("\n")}\n`;
    const lines = analyse(makeDocument(text));
    // the items are one paragraph to shape rules (each fills the width)...
    expect(lines.filter((l) => l.line.text.includes("Click to share")).map((l) => l.paraFirst)).toEqual([true, false, false, false]);
    // ...and each is judged, and removed, on its own
    expect(cleanText(text, [share]).text).toBe(`${body}\n\n   Share this:\n`);
  });
});
