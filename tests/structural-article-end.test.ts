import { describe, expect, it } from "vitest";
import { cleanText } from "../src/engine/clean.js";
import { articleEnd } from "../src/rules/structural/article-end.js";
import type { CompiledRule } from "../src/rules/types.js";
import { councilStory, phraseRule as phrases, structuralRule } from "./rule-helpers.js";

/** The rule under test, with options. */
const rule = (options: Record<string, unknown> = {}): CompiledRule => structuralRule("article-end", "navigation", options);

const share = phrases("share", ["Share on Facebook", "Teilen"]);
const credit = phrases("credit", ["Foto: dpa"]);

const clean = (text: string, options: Record<string, unknown> = {}, extra: CompiledRule[] = [share]) => cleanText(text, [rule(options), ...extra]).text;

const article = [
  ...councilStory,
  "Opposition members called the budget a missed chance and said they would bring the library cuts back to the council in the spring.",
  "",
  "The vote came after three hours of debate in which almost every member of the council spoke at least once, some of them twice.",
  "",
].join("\n");

const tail = [
  "",
  "Share on Facebook",
  "About the author",
  "Jane Doe is a senior writer covering local politics, transport and the city's budget.",
  "",
  "Bus lanes return",
  "The council wants to bring back the bus lanes on the ring road by next spring.",
  "",
].join("\n");

describe("article-end (structural algorithm)", () => {
  it("removes the page's tail after the article, prose included, once known boilerplate marks it", () => {
    expect(clean(article + tail)).toBe(article);
  });

  it("leaves a page alone when no other rule recognised anything in the tail", () => {
    const text = article + tail.replace("Share on Facebook\n", "");
    expect(clean(text)).toBe(text);
  });

  it("does not take a removed image credit for the end of the article", () => {
    const text = article + tail.replace("Share on Facebook", "Foto: dpa");
    expect(clean(text, {}, [credit])).toBe(text.replace("Foto: dpa\n", ""));
  });

  it("keeps a story that goes on after a box in the middle of the article (two paragraphs in a row)", () => {
    const more = "The library will close on Mondays from March, the council's paper shows in some detail.\n\nVolunteers have offered to run a reading club on those days instead, the mayor's office said.\n";
    const text = article + tail + more;
    const out = clean(text);
    expect(out).toContain("Volunteers have offered");
    expect(out).toContain("Jane Doe is a senior writer");
  });

  it("takes labels over a long paragraph for the article's headings, not its end (headingProseWords)", () => {
    // a caption and a subheading, then the article's last section, then the footer other rules remove
    // the article's longest paragraph comes before the last section, as in most articles
    const long = "\nIn a statement after the vote, the mayor thanked the council's staff, who had prepared more than forty versions of the budget since the summer, and promised that the libraries, the swimming pool and the youth centres would be the first to get their money back once the city's income recovers from the loss of its largest employer.\n";
    const section = [
      "",
      "The new reading room",
      "",
      "What happens next",
      "",
      "The council will publish the detailed plans for the library, the swimming pool and the three schools in January, and residents can comment on them for six weeks before the final vote in the spring.",
      "",
      "Share on Facebook",
      "",
    ].join("\n");
    const page = article + long + section;
    expect(clean(page, { headingProseWords: 30 })).toBe(page.replace("\nShare on Facebook\n", ""));
    // without the option, the two labels end the article and the section goes with the tail
    expect(clean(page)).toBe(article + long);
    // a short paragraph under two labels is still a tail (an author box)
    expect(clean(article + long + tail, { headingProseWords: 30 })).toBe(article + long);
  });

  it("keeps the tail when it holds more than maxShareAfter of the page's prose", () => {
    const text = article + tail;
    expect(clean(text, { maxShareAfter: 0.1 })).toBe(text.replace("Share on Facebook\n", ""));
  });

  it("needs `separator` labels in a row when no removed line marks the end: one heading is not enough", () => {
    const text = article + "Budget\n\nThe council wants to bring back the bus lanes on the ring road by next spring.\n\nShare on Facebook\n";
    const out = clean(text);
    expect(out).toContain("Budget\n\nThe council wants to bring back the bus lanes");
    expect(out).not.toContain("Share on Facebook");
  });

  it("starts the cut at the first label of the stretch and keeps a list introduced by a colon", () => {
    const text = article + "More on this\nBus lanes return\nShare on Facebook\nOpening hours:\nMonday closed\nTuesday 9 to 5\n";
    expect(clean(text)).toBe(article + "Opening hours:\nMonday closed\nTuesday 9 to 5\n");
  });

  it("judges a wrapped paragraph (a text-mode browser's output) as one", () => {
    const wrap = (s: string) => (s.length <= 60 ? s : s.replace(/(.{1,60})(?: |$)/gu, "$1\n").trimEnd());
    const long = Array.from({ length: 6 }, (_, i) => `Paragraph ${i + 1} of the story tells how the council argued about the budget for a long time and then agreed on it late at night after a vote.`);
    const body = long.map(wrap).join("\n\n") + "\n";
    const text = body + tail.split("\n").map(wrap).join("\n");
    expect(clean(text)).toBe(body);
  });

  it("is stable: cleaning its output again changes nothing", () => {
    const once = clean(article + tail);
    expect(clean(once)).toBe(once);
  });

  it("declares its options with bounds", () => {
    expect(articleEnd.options).toContain("maxShareAfter");
    expect(() => rule({ maxShareAfter: 2 })).toThrow(/maxShareAfter/);
    expect(() => rule({ separator: "two" })).toThrow(/separator/);
  });
});
