/**
 * A document is its text plus the offsets of its lines. Offsets are UTF-16
 * code-unit indexes into `text` (the decoded file, BOM included as U+FEFF), so
 * a removal span is always a slice of the original string.
 */
export interface Line {
  /** 0-based line number. */
  readonly index: number;
  /** Offset of the first character of the line. */
  readonly start: number;
  /** Offset just past the last content character (before the line ending). */
  readonly end: number;
  /** Offset just past the line ending (equals `end` on a last line without one). */
  readonly next: number;
  /** The line's content without its line ending (and without a leading BOM). */
  readonly text: string;
}

export interface Document {
  readonly text: string;
  readonly lines: readonly Line[];
  /** 1 when the text starts with a BOM (U+FEFF), else 0. The BOM is never removed. */
  readonly bomLength: number;
}

const BOM = "\uFEFF";

/** Split a text into lines, recognising LF, CRLF and lone CR endings. */
export function makeDocument(text: string): Document {
  const bomLength = text.startsWith(BOM) ? 1 : 0;
  const lines: Line[] = [];
  let start = bomLength;
  const n = text.length;
  if (n === bomLength) return { text, lines, bomLength };
  // without a CR, a line ends at the next LF, which indexOf finds much faster than a loop
  const lfOnly = !text.includes("\r");
  while (start <= n) {
    let i = start;
    if (lfOnly) {
      i = text.indexOf("\n", start);
      if (i < 0) i = n;
    } else {
      while (i < n) {
        const c = text.charCodeAt(i);
        if (c === 10 || c === 13) break;
        i++;
      }
    }
    let next = i;
    if (i < n) next = text.charCodeAt(i) === 13 && text.charCodeAt(i + 1) === 10 ? i + 2 : i + 1;
    lines.push({ index: lines.length, start, end: i, next, text: text.slice(start, i) });
    if (next >= n) break;
    start = next;
  }
  return { text, lines, bomLength };
}

/** Index of the line that contains `offset` (binary search). */
export function lineAt(doc: Document, offset: number): number {
  const { lines } = doc;
  let lo = 0;
  let hi = lines.length - 1;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if (lines[mid]!.start <= offset) lo = mid;
    else hi = mid - 1;
  }
  return lo;
}
