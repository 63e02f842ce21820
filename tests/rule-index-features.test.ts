import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { makeDocument } from "../src/engine/document.js";
import { analyse, lineInfo, MARKER, phraseKey } from "../src/engine/features.js";
import { BUILTIN_RULES_DIR, loadRules } from "../src/rules/load.js";

// The per-line facts the rule index looks up are computed with hand-written
// loops; these are their reference spellings as regexes (list markers: the engine's own MARKER).
const EDGE_PUNCT = /^[\s\p{P}\p{S}]+|[\s\p{P}\p{S}]+$/gu;
const referenceKey = (s: string) => s.replace(MARKER, "").replace(EDGE_PUNCT, "").replace(/\s+/gu, " ").toLowerCase();
const referenceSentenceEnd = (content: string) => /[.!?…。！？](?:["'”’“‘»«)\]]*)$/u.test(content);

const rules = loadRules([BUILTIN_RULES_DIR]);
const LINES = [...new Set(rules.flatMap((r) => [...r.spec.examples.remove.map((e) => e.in), ...r.spec.examples.keep, ...(r.spec.match?.phrases ?? [])]).flatMap((t) => t.split(/\r\n?|\n/)))];
const PIECES = [" ", "  ", "\t", "\u00a0", "\u3000", "* ", "1. ", "- ", "•", "[12]", "!", "?!", "«", "»", "“", "”", ".", "…", "©", "€", "😀", "👍🏽", "\ud83d", "\ude00", "İ", "A", "word", "Wörter", "中文", "。", ")", "]", "'", '"'];
const mixed = fc.array(fc.oneof(fc.constantFrom(...PIECES), fc.string({ unit: "binary", maxLength: 6 })), { maxLength: 12 }).map((a) => a.join(""));

describe("phraseKey and sentence ends match their regex spellings", () => {
  it("on every rule example line and phrase", () => {
    for (const l of LINES) {
      expect(phraseKey(l), l).toBe(referenceKey(l));
      const info = lineInfo(makeDocument(l).lines[0] ?? { index: 0, start: 0, end: 0, next: 0, text: "" });
      expect(info.sentenceEnd, l).toBe(referenceSentenceEnd(info.content));
    }
  });

  it("on random strings of markers, punctuation, symbols, spaces, surrogates and words", () => {
    fc.assert(
      fc.property(mixed, (s) => {
        expect(phraseKey(s)).toBe(referenceKey(s));
        for (const info of analyse(makeDocument(s))) {
          expect(info.sentenceEnd).toBe(referenceSentenceEnd(info.content));
          expect(info.lower).toBe(info.content.replace(/\s+/gu, " ").toLowerCase());
          expect(info.key).toBe(info.content.length <= 200 ? referenceKey(info.content) : "");
        }
      }),
      { numRuns: 3000 },
    );
  });
});
