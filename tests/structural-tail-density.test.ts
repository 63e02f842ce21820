import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { cleanText } from "../src/engine/clean.js";
import { BUILTIN_RULES_DIR, loadRules } from "../src/rules/load.js";
import { foldLines as fold, structuralRule } from "./rule-helpers.js";

const rule = structuralRule("tail-density", "navigation");

const sentences = [
  "The city council approved the new budget on Tuesday after a debate that lasted well into the night, with the vote held just before midnight.",
  "Several members of the council criticised the cuts to the library service, which will lose a fifth of its funding over the coming three years.",
  "The mayor said the savings were needed to keep the swimming pool open for another two years at least, and that the library would be reviewed.",
  "Opposition members called the budget a missed chance and said they would bring the library cuts back to the council in the spring session.",
];

describe("structure/tail-density", () => {
  it("never splits a wrapped paragraph: the cut starts at a paragraph's first line", () => {
    // the last paragraph ends with an agency tag after its last sentence, so it does not end like a sentence
    const last = "When the budget was first presented in the autumn, the council had expected a much larger gap in its accounts. The treasurer now says that the gap could open again next year if the grants from the state are cut as well. (dpa)";
    const menu = ["Home", "Politics", "Sport", "Culture", "Weather", "Contact", "Imprint", "Privacy", "Jobs", "Archive"];
    const paragraphs = [...sentences, last].map((p) => fold(p, 60).join("\n"));
    const text = `${paragraphs.join("\n\n")}\n\n${menu.join("\n")}\n`;
    const out = cleanText(text, [rule]).text;
    for (const l of fold(last, 60)) expect(out).toContain(l);
    expect(out).not.toContain("Imprint");
  });
});

describe("lists introduced by a colon, in a text-mode browser's layout", () => {
  const menu = ["Home", "Politics", "Sport", "Culture", "Weather", "Contact", "Imprint", "Privacy", "Jobs", "Archive"];
  const intro = `${sentences.join("\n\n")}\n\nThe council also listed what it wants to change next year:\n\n`;

  it("keeps an item whose paragraphs a blank line parts, and the items after it", () => {
    // w3m parts an item's second paragraph from its first with a blank line
    const list = [
      "    • Open the library on Sundays",
      "    • Keep the swimming pool open for the next",
      "",
      "two summers at the least, with lower prices for children",
      "",
      "    • Repair the roof of the town hall",
      "    • Plant more trees along the ring road",
    ].join("\n");
    const out = cleanText(`${intro}${list}\n\n${menu.join("\n")}\n`, [rule]).text;
    expect(out).toContain(list);
    expect(out).not.toContain("Imprint");
  });

  it("ends the list at a blank line after an item that ends like a sentence: a heading and a menu below it go", () => {
    const list = ["    • Open the library on Sundays.", "    • Keep the swimming pool open for two more summers."].join("\n");
    const links = menu.map((m) => `    • ${m}`).join("\n");
    const out = cleanText(`${intro}${list}\n\nMore services of the city council\n\n${links}\n`, [rule]).text;
    expect(out).toContain(list);
    expect(out).not.toContain("More services of the city council");
    expect(out).not.toContain("Imprint");
  });
});

describe("a list that ends the article, in w3m's layout, above the footer menu", () => {
  // a review session's page, rendered by w3m: the list's second item has a description paragraph of its own,
  // parted from its title by a blank line, and the site's menu follows the list
  const page = readFileSync(join(import.meta.dirname, "..", "fixtures", "wrap", "w3m-list-item-paragraphs-de.txt"), "utf8");
  const out = cleanText(page, loadRules([BUILTIN_RULES_DIR])).text;

  it("keeps the heading, the line that introduces the list and every item", () => {
    for (const kept of ["Was jetzt kommt", "Die wichtigsten Beschlüsse im Überblick:", "• Sanierung der Turnhalle", "Die Halle ist seit dem Winter", "• Neues Feuerwehrhaus am Ortsrand", "• Radweg nach Unterdorf"]) {
      expect(out).toContain(kept);
    }
  });

  it("removes the menu below it", () => {
    expect(out).not.toContain("Mediadaten");
    expect(out.trimEnd().endsWith("• Radweg nach Unterdorf")).toBe(true);
  });
});
