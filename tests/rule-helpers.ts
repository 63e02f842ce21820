import { compileRule } from "../src/rules/compile.js";
import type { CompiledRule, RuleSpec } from "../src/rules/types.js";

// Small rules and texts that several engine tests build.

export const source = { file: "test", line: 1, column: 1 };
const examples = { remove: [], keep: [] };

/** A structural rule under test: `algorithm` with `options`, removing under `category`. */
export const structuralRule = (algorithm: string, category: string, options: Record<string, unknown> = {}): CompiledRule =>
  compileRule({ id: "structure/test", kind: "structural", category, languages: ["any"], description: "t", algorithm, options, examples }, source);

/** A phrase rule that recognises a few boilerplate lines, as the built-in packs do. */
export const phraseRule = (category: string, list: string[]): CompiledRule =>
  compileRule({ id: `${category}/test`, kind: "line", category, languages: ["any"], description: "t", match: { phrases: list }, examples } as RuleSpec, source);

/** A paragraph folded at `width` columns at spaces, as a text-mode browser dump wraps it: its lines. */
export const foldLines = (paragraph: string, width: number): string[] => {
  const out: string[] = [];
  let line = "";
  for (const word of paragraph.split(" ")) {
    if (line && line.length + 1 + word.length > width) (out.push(line), (line = word));
    else line = line ? `${line} ${word}` : word;
  }
  return [...out, line];
};

/** The opening paragraphs of a short news story (lines, blank lines between), for tests to add their own paragraphs and boilerplate to. */
export const councilStory = [
  "The city council approved the new budget on Tuesday after a debate that lasted well into the night.",
  "",
  "Several members of the council criticised the cuts to the library service, which will lose a fifth of its funding.",
  "",
  "The mayor said the savings were needed to keep the swimming pool open for another two years at least.",
  "",
];
