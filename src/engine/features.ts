import type { Document, Line } from "./document.js";

/** Shape facts about one line, computed once per document and shared by all rules. */
export interface LineInfo {
  readonly line: Line;
  /** Same as line.index. */
  readonly index: number;
  /** The line without list markers (` * `, `1. `, `- `, `•`) and surrounding whitespace. */
  readonly content: string;
  /** Offset of `content` in the document text. */
  readonly contentStart: number;
  readonly blank: boolean;
  /** Words (CJK characters count as half a word each). */
  readonly words: number;
  /** The content in lower case (for `requires` prefilters). */
  readonly lower: string;
  /** Ends like a sentence: . ! ? … or a closing quote after one. */
  readonly sentenceEnd: boolean;
  /**
   * Lower-cased content with list markers and edge punctuation stripped, whitespace
   * squeezed: what phrase lists are compared with. Empty for lines longer than
   * PHRASE_MAX_LENGTH, which no phrase matches.
   */
  readonly key: string;
}

/** Lines longer than this are never compared with phrase lists (phrases are labels, not paragraphs). */
export const PHRASE_MAX_LENGTH = 200;

const MARKER = /^\s*(?:(?:[*•·▪►▸‣◦○●■□\-–—|>»›+]|\d{1,3}[.)])\s+)*/u;
const EDGE_PUNCT = /^[\s\p{P}\p{S}]+|[\s\p{P}\p{S}]+$/gu;
const CJK = /[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}\p{Script=Hangul}]/gu;
const MAYBE_CJK = /[\u2e80-\ud7af\uf900-\ufaff\uff00-\uffef]/;
const SENTENCE_END = /[.!?…。！？](?:["'”’»)\]]*)$/u;

/** Normalise a phrase or a line for whole-line phrase lookup. */
export function phraseKey(s: string): string {
  return s.replace(MARKER, "").replace(EDGE_PUNCT, "").replace(/\s+/gu, " ").toLowerCase();
}

const isSpace = (c: number) => c <= 32 || c === 0xa0 || (c >= 0x2000 && c <= 0x200b) || c === 0x3000 || c === 0x202f || c === 0xfeff;
/** ASCII punctuation and the general-punctuation block (dashes, bullets, quotes) do not make a word. */
const isPunct = (c: number) => (c >= 33 && c <= 47) || (c >= 58 && c <= 64) || (c >= 91 && c <= 96) || (c >= 123 && c <= 126) || (c >= 0x2010 && c <= 0x2027) || c === 0xab || c === 0xbb || c === 0xb7;

/** Whitespace-separated tokens holding at least one letter or digit. */
function countWords(s: string): number {
  let words = 0;
  let inToken = false;
  let counted = false;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (isSpace(c)) {
      inToken = false;
      continue;
    }
    if (!inToken) {
      inToken = true;
      counted = false;
    }
    if (!counted && !isPunct(c)) {
      counted = true;
      words++;
    }
  }
  return words;
}

export function lineInfo(line: Line): LineInfo {
  const m = MARKER.exec(line.text);
  const lead = m ? m[0].length : 0;
  const content = line.text.slice(lead).trimEnd();
  const blank = content.length === 0 && !/\S/.test(line.text);
  let words = countWords(content);
  if (MAYBE_CJK.test(content)) {
    const cjk = content.match(CJK)?.length ?? 0;
    // a run of CJK characters was counted as one token; count its characters instead
    words = countWords(content.replace(CJK, " ")) + cjk / 2;
  }
  return {
    line,
    index: line.index,
    content,
    contentStart: line.start + lead,
    blank,
    words,
    lower: content.toLowerCase(),
    sentenceEnd: SENTENCE_END.test(content),
    key: content.length <= PHRASE_MAX_LENGTH ? phraseKey(content) : "",
  };
}

export function analyse(doc: Document): LineInfo[] {
  return doc.lines.map(lineInfo);
}
