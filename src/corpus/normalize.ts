import { phraseKey } from "../engine/features.js";

/** The version of the line normalisation; stats files record it, so counts made with another one are refused. */
export const LINE_KEY_VERSION = "line-v1";

const DIGITS = /\p{Nd}+/gu;
const PUNCT_OR_SPACE = /[\s\p{P}\p{S}]+/gu;
const LETTER = /\p{L}/u;

/**
 * The form a line is counted under: phraseKey (list markers, edge punctuation
 * and case gone, spaces squeezed), then every run of digits folded to "0" and
 * every run of punctuation, symbols and spaces inside the line squeezed to one
 * space. "Seite 2 von 14" and "• Seite 3 von 9" count as the same line.
 */
export function lineKey(line: string): string {
  return phraseKey(line).replace(DIGITS, "0").replace(PUNCT_OR_SPACE, " ").trim();
}

/** Keys without a letter (numbers, dates, table figures) are never counted: they repeat as data, not as boilerplate. */
export const hasLetter = (key: string) => LETTER.test(key);
