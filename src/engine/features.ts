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
  /**
   * The paragraph the line belongs to. A text-mode browser wraps paragraphs at a fixed
   * width; a line filled up to that width continues on the next line. Shape rules judge
   * a wrapped line by its paragraph: its words and whether it ends like a sentence.
   * In an unwrapped text every line is its own paragraph.
   */
  paraWords: number;
  paraEnd: boolean;
  /** The first line of its paragraph. */
  paraFirst: boolean;
}

/** Lines longer than this are never compared with phrase lists (phrases are labels, not paragraphs). */
export const PHRASE_MAX_LENGTH = 200;

const MARKER = /^\s*(?:(?:[*•·▪►▸‣◦○●■□\-–—|>»›+]|\d{1,3}[.)])\s+|\[\d{1,4}\]\s*)*/u;
const EDGE_PUNCT = /^[\s\p{P}\p{S}]+|[\s\p{P}\p{S}]+$/gu;
const CJK = /[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}\p{Script=Hangul}]/gu;
const MAYBE_CJK = /[\u2e80-\ud7af\uf900-\ufaff\uff00-\uffef]/;
const SENTENCE_END = /[.!?…。！？](?:["'”’“‘»«)\]]*)$/u;

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
  const sentenceEnd = SENTENCE_END.test(content);
  return {
    line,
    index: line.index,
    content,
    contentStart: line.start + lead,
    blank,
    words,
    lower: content.toLowerCase(),
    sentenceEnd,
    key: content.length <= PHRASE_MAX_LENGTH ? phraseKey(content) : "",
    paraWords: words,
    paraEnd: sentenceEnd,
    paraFirst: true,
  };
}

/** Widest wrap width we look for; unwrapped scraped text has far longer lines. */
const MAX_WRAP = 200;

/**
 * The width a text was wrapped at, or 0: the length near which a good share of the
 * lines end, with hardly any line longer.
 */
export function wrapWidth(lines: readonly LineInfo[]): number {
  const lens: number[] = [];
  for (const l of lines) if (!l.blank) lens.push(l.line.text.trimEnd().length);
  if (lens.length < 10) return 0;
  lens.sort((a, b) => b - a);
  const longer = lens.findIndex((n) => n <= MAX_WRAP);
  if (longer < 0 || longer > lens.length * 0.03) return 0;
  const width = lens[longer]!;
  if (width < 40) return 0;
  const near = lens.filter((n) => n <= width && n > width - 20).length;
  return near >= 5 ? width : 0;
}

export function analyse(doc: Document): LineInfo[] {
  const infos = doc.lines.map(lineInfo);
  const width = wrapWidth(infos);
  if (width === 0) return infos;
  // join lines filled up to the wrap width with the line after them
  let i = 0;
  while (i < infos.length) {
    let j = i;
    while (j + 1 < infos.length && !infos[j + 1]!.blank && !infos[j]!.blank && infos[j]!.line.text.trimEnd().length > width - 20) j++;
    if (j > i) {
      let words = 0;
      for (let k = i; k <= j; k++) words += infos[k]!.words;
      const end = infos[j]!.sentenceEnd;
      for (let k = i; k <= j; k++) Object.assign(infos[k]!, { paraWords: words, paraEnd: end, paraFirst: k === i });
    }
    i = j + 1;
  }
  return infos;
}
