/**
 * Case folding for the literal prefilter. Rule regexes run with the `iu` flags:
 * a regex character matches every character of its simple-case-folding class
 * (`s` matches `ſ`, `σ` matches `ς`, `k` matches the Kelvin sign). The scanner
 * compares lower-cased text with literals one UTF-16 code unit at a time through
 * `foldCode`, which maps every character of such a class to the same code
 * (lower case of the upper case). `safeLiteralChar` checks, with the regex
 * engine itself, that this holds for a character a literal uses; literals are
 * only built from characters that pass, so the prefilter never rejects a line
 * a regex could match.
 */

const FOLD = new Uint16Array(0x10000); // 0: not computed yet

function computeFold(c: number): number {
  if (c >= 0xd800 && c <= 0xdfff) return c; // a surrogate half stands for itself
  const s = String.fromCharCode(c);
  const up = s.toUpperCase();
  if (up.length === 1) {
    const down = up.toLowerCase();
    if (down.length === 1) return down.charCodeAt(0);
  }
  const lo = s.toLowerCase();
  return lo.length === 1 ? lo.charCodeAt(0) : c;
}

/** The folded code of one UTF-16 code unit. */
export function foldCode(c: number): number {
  const f = FOLD[c]!;
  return f !== 0 ? f : (FOLD[c] = computeFold(c));
}

/** A string as the scanner sees it: lower-cased (as LineInfo.lower is), then folded per code unit. */
export function foldText(s: string): string {
  const lower = s.toLowerCase();
  let out = "";
  for (let i = 0; i < lower.length; i++) out += String.fromCharCode(foldCode(lower.charCodeAt(i)));
  return out;
}

/** Every BMP character with a case mapping (the only ones that can share a case-folding class with another). */
let cased: string | undefined;
function casedChars(): string {
  if (cased !== undefined) return cased;
  const parts: string[] = [];
  for (let c = 0; c < 0x10000; c++) {
    if (c >= 0xd800 && c <= 0xdfff) continue;
    const s = String.fromCharCode(c);
    if (s.toLowerCase() !== s || s.toUpperCase() !== s) parts.push(s);
  }
  return (cased = parts.join(""));
}

const safe = new Map<number, boolean>();

/**
 * Whether a code point may appear in a literal: every character the `iu` regex
 * engine treats as equal to it folds (after lower-casing) to the same code.
 * Astral characters are accepted only when they have no case at all.
 */
export function safeLiteralChar(cp: number): boolean {
  let ok = safe.get(cp);
  if (ok !== undefined) return ok;
  const ch = String.fromCodePoint(cp);
  if (cp > 0xffff) ok = ch.toLowerCase() === ch && ch.toUpperCase() === ch;
  else {
    const want = foldText(ch);
    ok = want.length === 1; // İ lower-cases to two code units: not used in literals
    if (ok) {
      const re = new RegExp(`\\u{${cp.toString(16)}}`, "giu");
      for (const m of casedChars().matchAll(re)) if (foldText(m[0]) !== want) ok = false;
    }
  }
  safe.set(cp, ok);
  return ok;
}
