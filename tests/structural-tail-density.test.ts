import { describe, expect, it } from "vitest";
import { cleanText } from "../src/engine/clean.js";
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
