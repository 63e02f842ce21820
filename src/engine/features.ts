import { makeDocument, type Document, type Line } from "./document.js";

/** Shape facts about one line, computed once per document and shared by all rules. */
export interface LineInfo {
  readonly line: Line;
  /** Same as line.index. */
  readonly index: number;
  /**
   * The line without list markers (` * `, `1. `, `- `, `•`), surrounding whitespace and the link
   * numbers a text-mode browser glues to link texts ("By [7]Jane Doe", "[15]Datenschutz | [16]Impressum").
   */
  readonly content: string;
  /** Offset of the start of `content` in the document text. */
  readonly contentStart: number;
  readonly blank: boolean;
  /** Words (CJK characters count as half a word each). */
  readonly words: number;
  /** The content with its whitespace squeezed (`spaced`): what rule regexes see besides the content. */
  readonly squeezed: string;
  /** `squeezed` in lower case: what `requires` words and the literal prefilter look for. */
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

/** Bullet characters of list items, for a regex character class (scrapers' and text-mode browsers' bullets, dashes). */
export const BULLETS = String.raw`*•·▪►▸‣◦○●■□☆★◎\-–—`;

/**
 * List markers; "7. Oktober 2020" is a date, not item 7 (a number, a word and a year). Text-mode
 * browsers mark nested list items: lynx `*`, `+`, then `o` (an `o` counts as a marker on an indented
 * line only), w3m `•`, `□`, `☆`, `○`, `■`, `★`, `◎`.
 */
export const MARKER = new RegExp(String.raw`^(?:\s{2,}o(?=\s))?\s*(?:(?:[${BULLETS}|>»›+]|\d{1,3}[.)](?!\s+\p{L}+\.?\s+\d{4}\b))\s+|\[\d{1,4}\]\s*)*`, "u");
/** What MARKER can start with; a line starting with anything else has no marker (most lines: skip the regex). */
const MARKER_START = new RegExp(String.raw`^[\s${BULLETS}|>»›+\d[]$`, "u");
/** Per BMP code unit: 0 not classified yet, 1 may start a marker, 2 cannot. */
const MARKER_FIRST = new Uint8Array(0x10000);

/** The length of the list markers (and whitespace) MARKER strips from the start of `s`. */
export function markerLength(s: string): number {
  if (s.length === 0) return 0;
  const c = s.charCodeAt(0);
  let k = MARKER_FIRST[c]!;
  if (k === 0) k = MARKER_FIRST[c] = MARKER_START.test(String.fromCharCode(c)) ? 1 : 2;
  return k === 2 ? 0 : MARKER.exec(s)![0].length;
}

/** What phrase keys trim from both ends: whitespace, punctuation, symbols. */
const EDGE = /^[\s\p{P}\p{S}]$/u;
const SPACES = /\s+/gu;
/** Whitespace `spaced` squeezes: any but a plain space, or two plain spaces in a row. */
const SQUEEZABLE = /[^\S ]| {2}/u;
const CJK = /[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}\p{Script=Hangul}]/gu;
/** A sentence ends with one of these, then only closing quotes and brackets. */
const SENTENCE_END = new Set([..."。！？.!?…"].map((c) => c.charCodeAt(0)));
const CLOSERS = new Set([..."\"'”’“‘»«)]"].map((c) => c.charCodeAt(0)));

/** Per BMP code unit: 0 not classified yet, else bit 1 set for EDGE, bit 4 always. */
const CLASS = new Uint8Array(0x10000);
const astralEdge = new Map<number, boolean>();
function classOf(c: number): number {
  let k = CLASS[c]!;
  if (k === 0) {
    const ch = String.fromCharCode(c);
    k = CLASS[c] = 4 | (EDGE.test(ch) ? 1 : 0);
  }
  return k;
}
/** Whether the code point at i (or ending at i, `back`) is an edge character; its length in code units. */
function edgeAt(s: string, i: number, back: boolean): number {
  const c = s.charCodeAt(i);
  const surrogate = back ? c >= 0xdc00 && c <= 0xdfff && i > 0 : c >= 0xd800 && c <= 0xdbff && i + 1 < s.length;
  if (!surrogate) return classOf(c) & 1 ? 1 : 0;
  const cp = s.codePointAt(back ? i - 1 : i)!;
  if (cp <= 0xffff) return classOf(c) & 1 ? 1 : 0; // a lone surrogate
  let edge = astralEdge.get(cp);
  if (edge === undefined) astralEdge.set(cp, (edge = EDGE.test(String.fromCodePoint(cp))));
  return edge ? 2 : 0;
}

/**
 * Normalise a phrase or a line for whole-line phrase lookup: list markers off, whitespace,
 * punctuation and symbols trimmed from both ends, inner whitespace squeezed to one space,
 * lower case. (Hand-written loops; tests/rule-index-features.test.ts compares them with the regex spelling.)
 * `lower`: `s.toLowerCase()`, when the caller has it.
 */
export function phraseKey(s: string, lower?: string): string {
  let from = markerLength(s);
  let to = s.length;
  for (let n; from < to && (n = edgeAt(s, from, false)) > 0; ) from += n;
  for (let n; to > from && (n = edgeAt(s, to - 1, true)) > 0; ) to -= n;
  const t = spaced(from === 0 && to === s.length ? s : s.slice(from, to));
  return t === s && lower !== undefined ? lower : t.toLowerCase();
}

/**
 * A text with every run of whitespace other than a lone plain space (a no-break space, a tab, two
 * spaces) squeezed to one plain space: what phrase keys and the literal prefilter (LineInfo.lower)
 * see, and rule regexes besides the text itself. The text itself when there is no such run (most lines).
 */
export function spaced(t: string): string {
  return SQUEEZABLE.test(t) ? t.replace(SPACES, " ") : t;
}

/** Ends like a sentence: . ! ? … (or CJK) followed only by closing quotes and brackets. */
function endsSentence(content: string): boolean {
  let j = content.length - 1;
  while (j >= 0 && CLOSERS.has(content.charCodeAt(j))) j--;
  return j >= 0 && SENTENCE_END.has(content.charCodeAt(j));
}

const isSpace = (c: number) => c <= 32 || c === 0xa0 || (c >= 0x2000 && c <= 0x200b) || c === 0x3000 || c === 0x202f || c === 0xfeff;
/** ASCII punctuation and the general-punctuation block (dashes, bullets, quotes) do not make a word. */
const isPunct = (c: number) => (c >= 33 && c <= 47) || (c >= 58 && c <= 64) || (c >= 91 && c <= 96) || (c >= 123 && c <= 126) || (c >= 0x2010 && c <= 0x2027) || c === 0xab || c === 0xbb || c === 0xb7;

/** A code unit of the blocks CJK scripts live in (U+2E80–D7AF, F900–FAFF, FF00–FFEF): only then may CJK need counting. */
const inCjkBlock = (c: number) => c >= 0x2e80 && (c <= 0xd7af || (c >= 0xf900 && c <= 0xfaff) || (c >= 0xff00 && c <= 0xffef));

/**
 * Words: whitespace-separated tokens holding at least one letter or digit; CJK characters count as
 * half a word each (a run of them is one token to the loop, so a text with a character of the CJK
 * blocks is counted again with its CJK characters replaced by spaces).
 */
function countWords(s: string, cjk = true): number {
  let words = 0;
  let inToken = false;
  let counted = false;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (isSpace(c)) {
      inToken = false;
      continue;
    }
    if (cjk && c >= 0x2e80 && inCjkBlock(c)) {
      const chars = s.match(CJK)?.length ?? 0;
      return countWords(s.replace(CJK, " "), false) + chars / 2;
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

/**
 * A text as matchers see it (a line's content, or a wrapped paragraph's lines joined): itself and
 * its `squeezed`, `lower` and `key` forms, computed on first use (many lines never need them).
 */
export class MatchText {
  protected squeezedText?: string;
  protected lowerText?: string;
  protected phrase?: string;

  constructor(
    readonly content: string,
    readonly blank: boolean,
  ) {}

  get squeezed(): string {
    return (this.squeezedText ??= spaced(this.content));
  }
  get lower(): string {
    return (this.lowerText ??= this.squeezed.toLowerCase());
  }
  get key(): string {
    return (this.phrase ??= this.content.length <= PHRASE_MAX_LENGTH ? phraseKey(this.content, this.lower) : "");
  }
}

/** A line's facts: its text forms (MatchText) and its shape. */
class LineFacts extends MatchText implements LineInfo {
  paraWords: number;
  paraEnd: boolean;
  paraFirst = true;

  constructor(
    readonly line: Line,
    content: string,
    readonly contentStart: number,
    blank: boolean,
    readonly words: number,
    readonly sentenceEnd: boolean,
  ) {
    super(content, blank);
    this.paraWords = words;
    this.paraEnd = sentenceEnd;
  }

  get index(): number {
    return this.line.index;
  }

  /** The same facts for the same text at another place (a later pass's text), paragraph facts reset. */
  movedTo(line: Line): LineFacts {
    const facts = new LineFacts(line, this.content, line.start + (this.contentStart - this.line.start), this.blank, this.words, this.sentenceEnd);
    facts.squeezedText = this.squeezedText;
    facts.lowerText = this.lowerText;
    facts.phrase = this.phrase;
    return facts;
  }
}

/** A link number that lynx puts before a link's text: "[7]Jane Doe" (not a footnote mark: that is followed by a space or another mark). */
const LINK_NUMBER = /\[\d{1,4}\](?=[^\s[\]])/g;

export function lineInfo(line: Line): LineInfo {
  const lead = markerLength(line.text);
  const rest = line.text.slice(lead).trimEnd();
  const content = rest.includes("[") ? rest.replace(LINK_NUMBER, "") : rest;
  const blank = content.length === 0 && !/\S/.test(line.text);
  return new LineFacts(line, content, line.start + lead, blank, countWords(content), endsSentence(content));
}

/** Only a lynx link number before a line's text (a wrapped paragraph's next line may start with a link). */
const LINK_NUMBER_ONLY = /^\s*\[\d{1,4}\]\s*$/;

/** Whether a line starts with a list marker (a bullet or an item number, not just indentation or a link number). */
export function startsListItem(info: LineInfo): boolean {
  const lead = info.line.text.slice(0, info.contentStart - info.line.start);
  return /\S/.test(lead) && !LINK_NUMBER_ONLY.test(lead);
}

/** Widest wrap width we look for; unwrapped scraped text has far longer lines. */
const MAX_WRAP = 200;

/** A token of 30 or more characters without a space (a URL, a file path). */
const LONG_TOKEN = /\S{30}/;

/** A line that starts with a lower-case letter: the rest of a sentence wrapped from the line above. */
const CONTINUES = /^\s*\p{Ll}/u;
/** A line that starts with a capital: the rest of a sentence too when the line above does not end like one (a German noun). */
const CAPITAL_START = /^\s*\p{Lu}/u;
/** How a line that ends a sentence, a label or a quotation ends: wider than `sentenceEnd` (also ":", ";" and a bare closer), so fewer lines count as open. */
const CLOSED = /[.!?:;"“”)…]$/u;
/** Widest width at which a capital after an open line counts as a wrapped sentence (terminals are narrower; unwrapped text whose longest lines happen to end near 200 is not). */
const CAPITAL_WRAP = 160;

/** A line fills the wrap width when it ends at most this many columns before it (the next word did not fit). */
const WRAP_SLACK = 20;
/** Whether a line of `length` fills a wrap `width`. */
const fills = (length: number, width: number) => length <= width && length > width - WRAP_SLACK;

/** A line's first word (after its indentation). */
const firstWord = (line: string) => /^\s*(\S*)/u.exec(line)![1]!;

/**
 * The width a text was wrapped at, or 0: the length near which a good share of the
 * lines end, with hardly any line longer, and where a line of about that length is
 * at least twice followed by a line that goes on with the sentence (starts in lower
 * case). Unwrapped scraped text whose menu items happen to have similar lengths
 * fails the last test. (Text in scripts without case is taken as unwrapped.)
 *
 * German wrapped lines often go on with a capital (a noun): with one lower-case
 * continuation, a capital after a full line that does not end like a sentence counts
 * as the second (up to 160 columns), when the text also shows the mark of a real wrap:
 * the next line's first word would not have fitted on the full line above it, for at
 * least 90% of the full lines followed by text. In unwrapped text (one paragraph per
 * line) a short first word after a line a few characters below the longest one fits.
 *
 * A text-mode browser lets a URL or another long word overrun the width: when no
 * width shows, it is looked for again with the lines holding such a token set aside.
 */
export function wrapWidth(lines: readonly LineInfo[]): number {
  let width = widthOf(lines, false);
  if (width === 0) width = widthOf(lines, true);
  if (width <= 0) return 0;
  let lower = 0;
  let capital = 0;
  let full = 0; // full lines followed by text
  let fits = 0; // of them, followed by a first word that would have fitted
  for (let i = 0; i + 1 < lines.length; i++) {
    const text = lines[i]!.line.text.trimEnd();
    const next = lines[i + 1]!;
    if (!fills(text.length, width) || next.blank) continue;
    full++;
    const wraps = text.length + 1 + firstWord(next.line.text).length > width;
    if (!wraps) fits++;
    if (CONTINUES.test(next.line.text)) lower++;
    else if (wraps && width <= CAPITAL_WRAP && CAPITAL_START.test(next.line.text) && !CLOSED.test(text)) capital++;
    if (lower >= 2) return width;
  }
  return lower >= 1 && lower + capital >= 2 && fits * 10 <= full ? width : 0;
}

/**
 * The longest line length (up to MAX_WRAP) with hardly any line longer and at least 5 lines ending near it;
 * 0 when there is none, -1 when setting the lines with a long token aside cannot give one either: too few
 * lines are short enough, or (first pass) no line of the longest length has such a token, so the longest
 * length stays and fewer lines can only end near it.
 */
function widthOf(lines: readonly LineInfo[], skipLongTokens: boolean): number {
  // how many non-blank lines have each length up to MAX_WRAP, and how many are longer
  const byLength = new Int32Array(MAX_WRAP + 1);
  let count = 0;
  let longer = 0;
  for (const l of lines) {
    if (l.blank) continue;
    const n = l.line.text.trimEnd().length;
    if (skipLongTokens && n > 40 && n <= MAX_WRAP && LONG_TOKEN.test(l.line.text)) continue;
    count++;
    if (n > MAX_WRAP) longer++;
    else byLength[n]!++;
  }
  if (count < 10 || longer === count || longer > count * 0.03) return -1;
  let width = MAX_WRAP;
  while (byLength[width] === 0) width--;
  if (width < 40) return 0;
  let near = 0;
  for (let n = width; fills(n, width); n--) near += byLength[n]!;
  if (near >= 5) return width;
  const overrun = (l: LineInfo) => !l.blank && l.line.text.trimEnd().length === width && LONG_TOKEN.test(l.line.text);
  return skipLongTokens || (width > 40 && lines.some(overrun)) ? 0 : -1;
}

/** A text's document, its line facts, and the width it was wrapped at (0: not wrapped). */
export interface Analysis {
  doc: Document;
  lines: LineInfo[];
  width: number;
}

/** The last text analysed (a caller that needs a text's lines besides cleaning it, like the content guard, analyses it first; cleanText's first pass then reuses them). */
let lastAnalysis: Analysis | undefined;

/** A text's document and line facts (the analysis is the same for every rule set, so the last one is reused). */
export function analyseText(text: string): Analysis {
  if (lastAnalysis?.doc.text !== text) {
    const doc = makeDocument(text);
    lastAnalysis = { doc, ...analyseLines(doc) };
  }
  return lastAnalysis;
}

export function analyse(doc: Document): LineInfo[] {
  return analyseLines(doc).lines;
}

/** A piece of a text kept unchanged in a later text: `len` code units at `orig` in the earlier text, at `out` in the later one. */
export interface KeptPiece {
  out: number;
  orig: number;
  len: number;
}

/**
 * The analysis of a later pass's text, made of the kept `pieces` of the text `earlier` analysed: a
 * line that is a whole line of the earlier text keeps its facts (they depend on its text alone), and
 * only the lines a cut changed or joined are looked at again. Paragraphs are found anew.
 */
export function analyseKept(text: string, earlier: Analysis, pieces: readonly KeptPiece[]): Analysis {
  const doc = makeDocument(text);
  const old = earlier.doc.lines;
  let p = 0;
  let k = 0;
  const infos = doc.lines.map((line) => {
    while (p < pieces.length && pieces[p]!.out + pieces[p]!.len <= line.start) p++;
    const piece = pieces[p];
    if (piece && piece.out <= line.start && line.next <= piece.out + piece.len) {
      const orig = piece.orig + (line.start - piece.out);
      while (k < old.length && old[k]!.start < orig) k++;
      const same = old[k];
      if (same && same.start === orig && same.next - same.start === line.next - line.start) return (earlier.lines[k] as LineFacts).movedTo(line);
    }
    return lineInfo(line);
  });
  return (lastAnalysis = { doc, ...withParagraphs(infos) });
}

function analyseLines(doc: Document): { lines: LineInfo[]; width: number } {
  return withParagraphs(doc.lines.map(lineInfo));
}

/** The wrap width of a text's lines, and its wrapped paragraphs marked on them. */
function withParagraphs(infos: LineInfo[]): { lines: LineInfo[]; width: number } {
  const width = wrapWidth(infos);
  if (width === 0) return { lines: infos, width };
  // join lines filled up to the wrap width with the line after them
  let i = 0;
  while (i < infos.length) {
    let j = i;
    while (j + 1 < infos.length && !infos[j + 1]!.blank && !infos[j]!.blank && infos[j]!.line.text.trimEnd().length > width - WRAP_SLACK) j++;
    if (j > i) {
      let words = 0;
      for (let k = i; k <= j; k++) words += infos[k]!.words;
      const end = infos[j]!.sentenceEnd;
      for (let k = i; k <= j; k++) Object.assign(infos[k]!, { paraWords: words, paraEnd: end, paraFirst: k === i });
    }
    i = j + 1;
  }
  return { lines: infos, width };
}
