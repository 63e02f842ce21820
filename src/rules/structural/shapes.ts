import type { LineInfo } from "../../engine/features.js";

// The shapes of lines that the structural rules reason about.

/** A line that reads like a sentence of running text. */
export function isProse(info: LineInfo, minWords: number): boolean {
  return info.paraWords >= minWords && (info.paraEnd || /[.!?…,;:。！？、]/u.test(info.content));
}

/** A line that reads like a menu item, a button or a link. */
export function isLabel(info: LineInfo, maxWords: number): boolean {
  // a question of up to three words ("Neu hier?", "Wer sind wir?") is a menu item's shape too
  return !info.blank && info.paraWords <= maxWords && (!info.paraEnd || (info.paraWords <= 3 && /\?["”»)]*$/u.test(info.content)));
}

/** A line that introduces a list ("Zutaten für 12 Cookies:", "You will need:"): the list after it is content. */
export function introducesList(info: LineInfo | undefined): boolean {
  // (content has no trailing whitespace: a regex like /:\s*$/ would scan the whole line)
  return info !== undefined && !info.blank && info.content.endsWith(":");
}

/**
 * Lines of a list introduced by a line ending in ":" ("Das Wichtigste in Kürze:"), up to the
 * next blank line — unless other rules removed the introduction ("Folgen Sie uns:"). A list
 * whose items have a marker goes on past a blank line that parts an item's paragraphs
 * (`itemGoesOn`).
 */
export function listItems(lines: readonly LineInfo[], removed: readonly boolean[]): boolean[] {
  const out = new Array<boolean>(lines.length).fill(false);
  for (let i = 0; i < lines.length; i++) {
    if (!introducesList(lines[i]) || removed[i]) continue;
    let j = listStart(lines, i);
    const marker = j < lines.length ? markerOf(lines[j]!) : "";
    for (;;) {
      for (; j < lines.length && !lines[j]!.blank; j++) out[j] = true;
      const next = marker === "" ? 0 : itemGoesOn(lines, removed, j, marker, out);
      if (next === 0) break;
      j = next;
    }
  }
  return out;
}

/** Where the list that line `intro` introduces starts: the next line, or the one after a blank line. */
export function listStart(lines: readonly LineInfo[], intro: number): number {
  return lines[intro + 1]?.blank ? intro + 2 : intro + 1;
}

/** A line's list marker as printed (indentation and bullet, a number's digits read as 0); "" when it has none. */
function markerOf(info: LineInfo): string {
  const m = info.line.text.slice(0, info.contentStart - info.line.start);
  return /\S/u.test(m) ? m.replace(/\d+/gu, "0") : "";
}

/**
 * Text-mode browsers part an item's paragraphs with a blank line (w3m: "• Das Mietrechtsgesetz
 * sollte … nach ihrer", "", "Errichtung gelten – mit …", "", "• befristete Mietverträge …").
 * After the blank line at `j`, the list goes on when the item before it stops mid-sentence and
 * one paragraph follows: no marker, not removed by a rule, at least 3 words and not a data row (a
 * teaser's date), followed by the list's marker (on its next line, or after one blank line).
 * Marks the paragraph in `out` and returns the next item's line, or returns 0 when the list ends at `j`.
 */
function itemGoesOn(lines: readonly LineInfo[], removed: readonly boolean[], j: number, marker: string, out: boolean[]): number {
  const at = j + 1;
  if (at >= lines.length || lines[at]!.blank || lines[j - 1]!.paraEnd) return 0;
  const first = lines[at]!;
  if (markerOf(first) !== "" || first.paraWords < 3 || isDataRow(first.content)) return 0;
  let k = at;
  while (k < lines.length && !lines[k]!.blank && !removed[k] && markerOf(lines[k]!) === "") k++;
  // the next item right under the paragraph (not a line a rule removed), or after one blank line
  const item = k < lines.length && lines[k]!.blank ? k + 1 : k;
  if (item >= lines.length || (item === k && removed[k]) || markerOf(lines[item]!) !== marker) return 0;
  for (let o = at; o < k; o++) out[o] = true;
  return item;
}

/** A data row of a table or list: letters and digits together ("Calories: 216", "Hubraum 1.598", "C3"). */
export function isDataRow(content: string): boolean {
  return /\d/u.test(content) && /\p{L}/u.test(content);
}
