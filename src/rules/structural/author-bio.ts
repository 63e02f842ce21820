import { BULLETS } from "../../engine/features.js";
import { necessaryLiterals } from "../literals.js";
import { LiteralScanner } from "../index/scanner.js";
import type { RuleContext } from "../types.js";
import { defineAlgorithm } from "./options.js";
import { paragraphs, type Paragraph } from "./paragraphs.js";

/** A capitalised name word: "Perry", "Bacon", "Jr.", "O'Neil", "Welskop-Deffaa", "McKay", an initial "M." (not an acronym: "EF Radio"). */
const WORD = String.raw`\p{Lu}(?:['’]?\p{Ll}[\p{L}\p{M}'’-]*\.?|\.)`;
/** Lower-case particles inside a name ("Ursula von der Leyen", "Vincent van Gogh"). */
const PARTICLE = String.raw`(?:von|van|vom|zu|de|der|den|del|della|di|da|do|dos|das|du|le|la|ten|ter|bin|ibn|al|y)`;
/** 2–4 name words at the start of a paragraph, then a lower-case word (a verb: "is", "ist", "writes", "lehrt") or a comma. */
const NAME_START = new RegExp(String.raw`^(${WORD}(?:\s+(?:${PARTICLE}\s+){0,2}${WORD}){1,3}?)(?=,?\s+\p{Ll})`, "u");
/** A line that is a name of 2–4 words, maybe after one word ("Frank Hahn", "Von Frank Hahn", "Über Simon Dückert"). */
const NAME_LINE = new RegExp(String.raw`^(?:[\p{L}]+:?\s+)?(${WORD}(?:\s+(?:${PARTICLE}\s+){0,2}${WORD}){1,3})$`, "u");
/** A list item's marker. */
const BULLET = new RegExp(String.raw`^\s*(?:[${BULLETS}]|\d{1,3}[.)])\s`, "u");
/** Printable ASCII, which is NFC already. */
const PLAIN = /^[ -~]*$/;
/** Whitespace other than single spaces. */
const UNSQUEEZED = /[^\S ]| {2}/u;
/** NFC with whitespace squeezed to single spaces (the tests skip the costly calls where they would change nothing). */
const squeeze = (s: string) => {
  const nfc = PLAIN.test(s) ? s : s.normalize("NFC");
  return UNSQUEEZED.test(nfc) ? nfc.replace(/\s+/gu, " ") : nfc;
};
const norm = (s: string) => squeeze(s).toLowerCase();
/** A short line's text without edge punctuation, for comparing with a name. */
const bare = (s: string) => norm(s).replace(/^[\s\p{P}\p{S}]+|[\s\p{P}\p{S}]+$/gu, "");

/** The words of a heading, punctuation left out: "Über den Autor/ die Autorin" is "über den autor die autorin". */
const words = (s: string) => norm(s).replace(/[\p{P}\p{S}]+/gu, " ").trim().replace(/\s+/gu, " ");

/** A line as names are looked up in it: NFC with whitespace squeezed (`text`), and that in lower case. */
interface NameText {
  readonly text: string;
  readonly lower: string;
}

const nameText = (line: string): NameText => {
  const text = squeeze(line);
  return { text, lower: text.toLowerCase() };
};

/** Ends in a letter or mark (only the last code point, at most two code units, decides). */
const LETTER_END = /[\p{L}\p{M}]$/u;
/** Starts with a lower-case letter or a mark. */
const LOWER_START = /^[\p{Ll}\p{M}]/u;

/**
 * Whether a line names the person (`key`: the name as `norm` gives it): the name, in any case, not
 * inside a longer word ("By Evan HalperStaff Writer" and "VON MORITZ GATHMANN" name them,
 * "Annabella" does not name "Anna").
 */
function mentions(line: NameText, key: string): boolean {
  const { text, lower } = line;
  if (lower.length !== text.length) return lower.includes(key);
  for (let at = lower.indexOf(key); at >= 0; at = lower.indexOf(key, at + 1)) {
    // the code point before and after the name: two code units hold one, surrogate pair or not
    const before = text.slice(Math.max(0, at - 2), at);
    const after = text.slice(at + key.length, at + key.length + 2);
    if (!LETTER_END.test(before) && !LOWER_START.test(after)) return true;
  }
  return false;
}

/** A word of running text: a lower-case letter, then letters and marks. */
const LOWER_WORD = /^\p{Ll}[\p{L}\p{M}]*$/u;
/** What may stand before a word of running text (a line start is whitespace before it). */
const WORD_OPEN = /^[\s(„“"«‚]$/u;
/** What may stand after one (a full stop only when whitespace or the end follows). */
const WORD_CLOSE = /^[\s,;:!?)“”"»‘’]$/u;
const SPACE = /^\s$/u;

/**
 * Whether `word` (lower case) stands as a word of running text in `text`: "markus.reuter@…" and
 * "@markusreuter_" do not make "markus" one. This is what
 * `text.match(/(?<=^|[\s(„“"«‚])\p{Ll}[\p{L}\p{M}]*(?=$|[\s,;:!?)“”"»‘’]|\.(?:\s|$))/gmu)` holding
 * `word` means: as the characters around such a word are no letters, each match is a whole run of
 * letters, so one occurrence of `word` with the right neighbours is one match.
 */
function inRunningText(text: string, word: string): boolean {
  if (!LOWER_WORD.test(word)) return false;
  for (let at = text.indexOf(word); at >= 0; at = text.indexOf(word, at + 1)) {
    if (at > 0 && !WORD_OPEN.test(text[at - 1]!)) continue;
    const end = at + word.length;
    if (end === text.length || WORD_CLOSE.test(text[end]!)) return true;
    if (text[end] === "." && (end + 1 === text.length || SPACE.test(text[end + 1]!))) return true;
  }
  return false;
}

/**
 * A prefilter for the `bioWords` regex: the lower-cased text holds one of the regex's necessary
 * literals (src/rules/literals.ts: a match contains one), so a text without any cannot match.
 * Undefined when the regex has no such literals; then the regex always runs.
 */
function bioWordFilter(source: string): ((text: string) => boolean) | undefined {
  const literals = necessaryLiterals(source);
  if (literals === undefined || literals.length === 0) return undefined;
  const scanner = new LiteralScanner(literals);
  return (text) => scanner.any(text.toLowerCase());
}

/** The index of the part that position `at` lies in, given where the parts start (ascending, the first at 0). */
function partAt(starts: readonly number[], at: number): number {
  let lo = 0;
  let hi = starts.length - 1;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if (starts[mid]! <= at) lo = mid;
    else hi = mid - 1;
  }
  return lo;
}

/**
 * Who a page names, looked up on demand and kept for the page: the short lines (`nameLineWords`
 * words at most) that name a person, and whether a word is a common word of the page. A big
 * window of many pages asks about many names, so each paragraph's text is prepared once and each
 * name and word searched once.
 */
class PageNames {
  /** The paragraphs that can be name lines: the short ones. */
  private readonly short: number[] = [];
  private readonly prepared: (NameText | undefined)[] = [];
  /** The short paragraphs' lower-case texts joined by "\n" (which none holds, nor a name), and where each starts. */
  private joined?: { readonly lower: string; readonly starts: readonly number[] };
  private readonly linesOf = new Map<string, readonly number[]>();
  private readonly commonWords = new Map<string, boolean>();

  constructor(
    private readonly doc: string,
    private readonly texts: readonly string[],
    paras: readonly Paragraph[],
    nameLineWords: number,
  ) {
    paras.forEach((q, j) => {
      if (q.words <= nameLineWords) this.short.push(j);
    });
  }

  /** Whether paragraph `j` names the person. */
  mentions(j: number, name: string): boolean {
    return mentions(this.textAt(j), norm(name));
  }

  /** Short lines other than paragraph `i` that name the person (none when the name's first word is a common word). */
  nameLines(name: string, i: number): number[] {
    let lines = this.linesOf.get(name);
    if (lines === undefined) {
      const key = norm(name);
      lines = this.common(name.split(/\s/u)[0]!) ? [] : this.shortLinesNaming(key);
      this.linesOf.set(name, lines);
    }
    return lines.filter((j) => j !== i);
  }

  /** A word that occurs in lower case in running text ("Die Bahn" is no name: "die" is common). */
  private common(word: string): boolean {
    const lower = word.replace(/\.$/u, "").toLowerCase();
    let common = this.commonWords.get(lower);
    if (common === undefined) this.commonWords.set(lower, (common = inRunningText(this.doc, lower)));
    return common;
  }

  /**
   * The short paragraphs that name `key`. Each one that does holds `key` in its lower-case text, so
   * one search through them all finds the few to check (not one search per paragraph and name).
   */
  private shortLinesNaming(key: string): number[] {
    const { lower, starts } = (this.joined ??= this.joinShort());
    const found: number[] = [];
    for (let at = lower.indexOf(key); at >= 0; ) {
      const k = partAt(starts, at);
      const j = this.short[k]!;
      if (mentions(this.textAt(j), key)) found.push(j);
      at = k + 1 < starts.length ? lower.indexOf(key, starts[k + 1]) : -1;
    }
    return found;
  }

  private joinShort(): { lower: string; starts: number[] } {
    const starts: number[] = [];
    let length = 0;
    const parts = this.short.map((j) => {
      const { lower } = this.textAt(j);
      starts.push(length);
      length += lower.length + 1;
      return lower;
    });
    return { lower: parts.join("\n"), starts };
  }

  private textAt(j: number): NameText {
    return (this.prepared[j] ??= nameText(this.texts[j]!));
  }
}

/**
 * An author's bio at the edge of an article: "Perry Bacon Jr. is a senior writer for
 * FiveThirtyEight.", "Markus Reuter beschäftigt sich mit den Themen …". Found by shape, in any
 * language. A name is 2–4 capitalised words whose first word is no common word of the page (it
 * never occurs in lower case in running text: "Die Bahn" is no name), and which also stands in
 * another short line of the page (`nameLineWords` words at most: a byline "By Perry Bacon Jr.",
 * an author box "Markus Reuter", "von Markus Reuter | 12.3.2020").
 *
 * A bio paragraph has `minWords` to `maxWords` words and either starts with such a name followed
 * by a lower-case word ("… is", "… ist", "… lehrt"), or holds one of the `bioWords` and stands
 * under an author box's opening: an author-box heading (`headings`: "About the author"), or a
 * short line naming the person ("Von Frank Hahn"), with at most a few labels in between.
 *
 * It sits at an edge of the article: after it lies at most `maxShare` of the page's prose (the
 * tail), or it comes before the story's prose and boilerplate (a line other rules removed, or a
 * label of up to `labelWords` words) sets it off from the story below — unless an author-box
 * heading stands right above it. Next to it is boilerplate, and the prose around it is at least
 * `minRestFactor` times as long as the bio (a profile page's text is its content). A bio that
 * starts with the name reads like one: it holds a bio word, or the name or a heading stands right
 * above it. The name line and heading above the bio go with it.
 */
export const authorBio = defineAlgorithm({
  name: "author-bio",
  description: "an author's bio paragraph at the edge of the article, naming a person that a byline or author box repeats",
  options: {
    minWords: { type: "number", default: 5, min: 1 },
    maxWords: { type: "number", default: 120, min: 1 },
    nameLineWords: { type: "number", default: 12, min: 2 },
    labelWords: { type: "number", default: 6, min: 1 },
    proseWords: { type: "number", default: 8, min: 1 },
    maxShare: { type: "number", default: 0.3, min: 0, max: 1 },
    minRestFactor: { type: "number", default: 3, min: 0 },
    boxLabels: { type: "number", default: 3, min: 0 },
    headings: { type: "match" },
    bioWords: { type: "match" },
  },
  create({ minWords, maxWords, nameLineWords, labelWords, proseWords, maxShare, minRestFactor, boxLabels, headings, bioWords }) {
    const headingRe = (headings.patterns ?? []).map((p) => new RegExp(`^(?:${p})$`, "iu"));
    const headingSet = new Set((headings.phrases ?? []).map(words));
    const bioSource = bioWords.contains?.length ? bioWords.contains.map((p) => `(?:${p})`).join("|") : undefined;
    const bioRe = bioSource === undefined ? undefined : new RegExp(bioSource, "iu");
    // V8 runs such a word alternation several times slower under `iu` than a literal scan takes
    const mayHoldBioWord = bioSource === undefined ? undefined : bioWordFilter(bioSource);
    const headingCache = new WeakMap<Paragraph, boolean>();
    const isHeading = (p: Paragraph) => {
      if (p.words > labelWords) return false;
      let heading = headingCache.get(p);
      if (heading === undefined) {
        const t = bare(p.text);
        headingCache.set(p, (heading = headingSet.has(words(t)) || headingRe.some((r) => r.test(t))));
      }
      return heading;
    };
    return (ctx: RuleContext, emit) => {
      const paras = paragraphs(ctx).filter((p) => p.words > 0 || p.removed);
      const texts = paras.map((p) => p.text);
      const isProse = (p: Paragraph) => !p.removed && p.end && p.words >= proseWords;
      const isLabel = (p: Paragraph) => !p.end && p.words <= labelWords;
      const boilerplate = (q: Paragraph | undefined) => q !== undefined && (q.removed || isLabel(q) || isHeading(q));
      const total = paras.reduce((a, p) => a + (isProse(p) ? p.words : 0), 0);
      if (total === 0) return;
      const names = new PageNames(ctx.doc.text, texts, paras, nameLineWords);
      /** A short line that is a name, maybe after one word ("Frank Hahn", "Von Frank Hahn"), which another short line names too. */
      const namesPerson = (j: number) => {
        const m = NAME_LINE.exec(texts[j]!.trim());
        return m !== null && names.nameLines(m[1]!, j).length > 0;
      };
      const hasBioWord = (i: number) => bioRe !== undefined && (mayHoldBioWord === undefined || mayHoldBioWord(texts[i]!)) && bioRe.test(texts[i]!);
      let before = 0;
      let proseAhead = 0;
      for (let i = 0; i < paras.length; i++) {
        const p = paras[i]!;
        const own = isProse(p) ? p.words : 0;
        const ahead = before;
        const storyAhead = proseAhead;
        before += own;
        if (own > 0) proseAhead++;
        const after = total - ahead - own;
        // a bio reads like one: running text (not a list item or a teaser title) with a bio word ("writer", "Redakteurin", "lehrt")
        if (p.removed || p.listed || p.words < minWords || p.words > maxWords || BULLET.test(p.lines[0]!.line.text)) continue;
        if (!(p.end || p.words >= proseWords)) continue;
        // set off from the article: boilerplate (a removed line, a heading, a label) right above or below it
        if (!boilerplate(paras[i - 1]) && !boilerplate(paras[i + 1])) continue;
        // the article around it is longer than the bio (a profile page's text is its content)
        if (ahead + after < minRestFactor * p.words) continue;
        // it starts with a name, or stands right under a removed line or a label (an author box's opening, see
        // below): a cheap test that the steps below imply, made before the costly bio-word test
        const start = NAME_START.exec(texts[i]!);
        if (start === null && !(i > 0 && (paras[i - 1]!.removed || isLabel(paras[i - 1]!)))) continue;
        if (!hasBioWord(i)) continue;
        const above: number[] = [];
        let heading = false;
        let byline = false;
        const lines = start ? names.nameLines(start[1]!, i) : [];
        const m = lines.length > 0 ? start : null;
        if (lines.length > 0) {
          const name = m![1]!;
          // the name on its own, in a short author-box line ("About Jane Doe", "[> Jane Doe"), or a heading right above it
          for (let j = i - 1; j >= 0 && j >= i - 2; j--) {
            const q = paras[j]!;
            if (isHeading(q)) heading = true;
            else if (!(isLabel(q) && NAME_LINE.test(texts[j]!.trim()) && names.mentions(j, name))) break;
            above.push(j);
          }
          // a byline other rules recognised
          byline = lines.some((j) => paras[j]!.lines.some((l) => ctx.removedCategory?.[l.index] === "credit"));
        } else {
          // no name in front: a bio under an author box's opening, a heading or a line naming the person
          let opener = -1;
          for (let j = i - 1; j >= 0 && j >= i - 1 - boxLabels; j--) {
            const q = paras[j]!;
            if (!q.removed && !isLabel(q)) break;
            if (isHeading(q)) heading = true;
            // (a name as a list item heads a comment or a teaser, not an author box)
            if (isHeading(q) || (isLabel(q) && !BULLET.test(q.lines[0]!.line.text) && namesPerson(j))) opener = j;
          }
          if (opener < 0) continue;
          for (let j = opener; j < i; j++) if (!paras[j]!.removed && !paras[j]!.listed) above.push(j);
          // under a line naming the person, the bio ends the author box
          if (!heading && i + 1 < paras.length && !boilerplate(paras[i + 1])) continue;
        }
        // at an edge of the article: after most of its prose, or before it; there a paragraph about a person under a
        // caption may open the story, so the bio must be set off from the story below and come first or under a byline
        const tail = after <= maxShare * total;
        const head = m !== null && ahead <= maxShare * total && boilerplate(paras[i + 1]) && (storyAhead === 0 || byline);
        if (!tail && !head && !heading) continue;
        for (const j of [...above, i]) for (const l of paras[j]!.lines) emit(l.line.start, l.line.next);
      }
    };
  },
});
