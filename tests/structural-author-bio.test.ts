import { describe, expect, it } from "vitest";
import { cleanText } from "../src/engine/clean.js";
import type { CompiledRule } from "../src/rules/types.js";
import { councilStory, phraseRule as phrases, structuralRule } from "./rule-helpers.js";

const headings = { phrases: ["About the author", "Über den Autor"] };
const bioWords = { contains: ["\\b(?:writer|professor|editor|schreibt|lehrt)"] };

/** The rule under test, with options. */
const rule = (options: Record<string, unknown> = {}): CompiledRule => structuralRule("author-bio", "credit", { headings, bioWords, ...options });

const share = phrases("share", ["Share on Facebook"]);
const byline = phrases("credit", ["By Jane Porter"]);

const clean = (text: string, options: Record<string, unknown> = {}, extra: CompiledRule[] = [share, byline]) => cleanText(text, [rule(options), ...extra]).text;

const story = [
  ...councilStory,
  "Opposition members called the budget a missed chance and said they would bring the library cuts back in the spring.",
  "",
  "The vote came after three hours of debate in which almost every member of the council spoke at least once.",
  "",
].join("\n");

const bio = "Jane Porter is a senior writer covering local politics, transport and the city's budget.\n";

describe("author-bio (structural algorithm)", () => {
  it("removes a bio after the article that starts with the name a byline repeats", () => {
    const page = `By Jane Porter\n\n${story}${bio}\nShare on Facebook\n`;
    expect(clean(page)).toBe(story);
  });

  it("keeps the same paragraph when no short line elsewhere names the person", () => {
    const page = `${story}${bio}\nBus lanes return\n`;
    expect(clean(page)).toBe(page);
  });

  it("keeps a paragraph about a person in the middle of the article, caption or not", () => {
    const middle = story.replace("The mayor said", `Jane Porter\n\n${bio}\nThe mayor said`);
    expect(clean(middle)).toBe(middle);
  });

  it("keeps a paragraph about the person that opens the story under a caption", () => {
    const page = `Jane Porter\n\nJane Porter is a professor of economics who led the study on housing in forty cities.\n\n${story}`;
    expect(clean(page)).toBe(page);
  });

  it("removes a bio before the article that a byline names and boilerplate sets off from the story", () => {
    const page = `Jane Porter\n\n${bio}\nShare on Facebook\n\n${story}`;
    expect(clean(page)).toBe(story);
  });

  it("takes the author-box heading and the name line above the bio with it", () => {
    const page = `By Jane Porter\n\n${story}\nAbout the author\n\nJane Porter\n\n${bio}\nShare on Facebook\n`;
    expect(clean(page)).toBe(story);
  });

  it("removes a bio that does not start with the name, under a name line a byline repeats", () => {
    const nameless = "Freie Autorin in Berlin, schreibt über Stadtpolitik und den Nahverkehr.\n";
    const page = `von Anna Muster | 12.3.2020\n\n${story}Von Anna Muster\n\n${nameless}\nShare on Facebook\n`;
    expect(clean(page, {}, [share])).toBe(`von Anna Muster | 12.3.2020\n\n${story}`);
  });

  it("does not take a common word of the page for a first name ('Die Bahn')", () => {
    const de = "Die Bahn streicht die Lounge für Sparpreis-Kunden, die Bahn nennt die Auslastung als Grund.\n";
    const page = `Die Bahn\n\n${story}${de}\nShare on Facebook\n`;
    expect(clean(page)).toBe(page.replace("\nShare on Facebook\n", ""));
  });

  it("needs a bio word: a closing paragraph that starts with the name but says something else stays", () => {
    const quote = "Jane Porter thanked the volunteers who had kept the library open through the winter.\n";
    const page = `By Jane Porter\n\n${story}${quote}\nShare on Facebook\n`;
    expect(clean(page)).toBe(`${story}${quote}`);
  });

  it("finds bio words in any case, also with a user pattern that has no literal to prefilter by", () => {
    const page = `By Jane Porter\n\n${story}${bio.replace("writer", "WRITER")}\nShare on Facebook\n`;
    expect(clean(page)).toBe(story);
    // only letter classes: every paragraph that reaches the test runs the regex itself
    const shape = { contains: ["\\p{Ll}{6}\\s\\p{Ll}{6}\\s\\p{Ll}{8}"] };
    expect(clean(`By Jane Porter\n\n${story}${bio}\nShare on Facebook\n`, { bioWords: shape })).toBe(story);
    expect(clean(`By Jane Porter\n\n${story}${bio.replace("senior ", "")}\nShare on Facebook\n`, { bioWords: shape })).toBe(`${story}${bio.replace("senior ", "")}`);
  });

  it("does not take a first name in an e-mail address for a common word of the page", () => {
    const page = `By Jane Porter\n\n${story}${bio}\nShare on Facebook\n\nMail jane.porter@example.org\n`;
    expect(clean(page)).toBe(`${story}\nMail jane.porter@example.org\n`);
  });

  it("keeps a profile page whose text is the bio", () => {
    const page = `Jane Porter\n\n${bio}\nShare on Facebook\n`;
    expect(clean(page)).toBe(`Jane Porter\n\n${bio}`);
  });

  it("judges a wrapped paragraph (text-mode browser output) as one bio", () => {
    const wrap = (s: string) => s.replace(/(.{1,70})(?:\s+|$)/g, "$1\n").replace(/\n+$/, "\n");
    const wrappedStory = story.split("\n\n").map((p) => (p ? wrap(p) : p)).join("\n");
    const long = wrap(`${bio.trim()} Before that she was an editor at the county paper for ten years and covered the courts.`);
    const page = `By Jane Porter\n\n${wrappedStory}${long}\nShare on Facebook\n`;
    expect(long.split("\n").length).toBeGreaterThan(2);
    expect(clean(page)).toBe(wrappedStory);
  });
});
