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
 * next blank line — unless other rules removed the introduction ("Folgen Sie uns:").
 */
export function listItems(lines: readonly LineInfo[], removed: readonly boolean[]): boolean[] {
  const out = new Array<boolean>(lines.length).fill(false);
  for (let i = 0; i < lines.length; i++) {
    if (!introducesList(lines[i]) || removed[i]) continue;
    let j = i + 1;
    if (j < lines.length && lines[j]!.blank) j++;
    for (; j < lines.length && !lines[j]!.blank; j++) out[j] = true;
  }
  return out;
}

/** A data row of a table or list: letters and digits together ("Calories: 216", "Hubraum 1.598", "C3"). */
export function isDataRow(content: string): boolean {
  return /\d/u.test(content) && /\p{L}/u.test(content);
}
