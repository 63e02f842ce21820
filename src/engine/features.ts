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
  /** Ends like a sentence: . ! ? … or a closing quote after one. */
  readonly sentenceEnd: boolean;
  /** Lower-cased content with list markers and edge punctuation stripped, whitespace squeezed. */
  readonly key: string;
}

const MARKER = /^\s*(?:(?:[*•·▪►▸‣◦○●■□\-–—|>»›]|\d{1,3}[.)])\s+)*/u;
const EDGE_PUNCT = /^[\s\p{P}\p{S}]+|[\s\p{P}\p{S}]+$/gu;
const CJK = /[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}\p{Script=Hangul}]/gu;
const SENTENCE_END = /[.!?…。！？](?:["'”’»)\]]*)$/u;

/** Normalise a phrase or a line for whole-line phrase lookup. */
export function phraseKey(s: string): string {
  return s.replace(MARKER, "").replace(EDGE_PUNCT, "").replace(/\s+/gu, " ").toLowerCase();
}

export function lineInfo(line: Line): LineInfo {
  const m = MARKER.exec(line.text);
  const lead = m ? m[0].length : 0;
  const content = line.text.slice(lead).trimEnd();
  const blank = content.length === 0 && !/\S/.test(line.text);
  const cjk = content.match(CJK)?.length ?? 0;
  const spaced = content.replace(CJK, " ").split(/\s+/u).filter((w) => /[\p{L}\p{N}]/u.test(w)).length;
  return {
    line,
    index: line.index,
    content,
    contentStart: line.start + lead,
    blank,
    words: spaced + cjk / 2,
    sentenceEnd: SENTENCE_END.test(content),
    key: phraseKey(content),
  };
}

export function analyse(doc: Document): LineInfo[] {
  return doc.lines.map(lineInfo);
}
