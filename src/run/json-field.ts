/**
 * Where things are in the raw text of one JSON object, so a JSON Lines record
 * can be edited without re-serialising it: every other field keeps its exact
 * bytes (number formats, escapes, key order, spacing).
 * The text must already be valid JSON (JSON.parse succeeded).
 */
export interface ObjectLayout {
  /** Offset of the closing `}` of the top-level object. */
  close: number;
  /** Whether the object has at least one member. */
  empty: boolean;
  /** [start, end) of each member's raw value, by key (the last one when a key repeats, as JSON.parse does). */
  values: Map<string, [number, number]>;
}

const WS = new Set([32, 9, 10, 13]);

function skipWs(s: string, i: number): number {
  while (i < s.length && WS.has(s.charCodeAt(i))) i++;
  return i;
}

function skipString(s: string, i: number): number {
  for (i++; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c === 92) i++;
    else if (c === 34) return i + 1;
  }
  return i;
}

function skipValue(s: string, i: number): number {
  const c = s.charCodeAt(i);
  if (c === 34) return skipString(s, i);
  if (c === 123 || c === 91) {
    let depth = 0;
    for (; i < s.length; i++) {
      const d = s.charCodeAt(i);
      if (d === 34) i = skipString(s, i) - 1;
      else if (d === 123 || d === 91) depth++;
      else if (d === 125 || d === 93) {
        depth--;
        if (depth === 0) return i + 1;
      }
    }
    return i;
  }
  while (i < s.length) {
    const d = s.charCodeAt(i);
    if (d === 44 || d === 125 || d === 93 || WS.has(d)) break;
    i++;
  }
  return i;
}

/** The layout of a top-level JSON object, or undefined when the JSON value is not an object. */
export function objectLayout(s: string): ObjectLayout | undefined {
  let i = skipWs(s, 0);
  if (s.charCodeAt(i) !== 123) return undefined;
  const values = new Map<string, [number, number]>();
  i = skipWs(s, i + 1);
  if (s.charCodeAt(i) === 125) return { close: i, empty: true, values };
  for (;;) {
    const keyEnd = skipString(s, i);
    const key = JSON.parse(s.slice(i, keyEnd)) as string;
    i = skipWs(s, keyEnd);
    i = skipWs(s, i + 1); // the colon
    const end = skipValue(s, i);
    values.set(key, [i, end]);
    i = skipWs(s, end);
    if (s.charCodeAt(i) === 125) return { close: i, empty: false, values };
    i = skipWs(s, i + 1); // the comma
  }
}

/** Apply [start, end, replacement] edits (non-overlapping) to a string. */
export function applyEdits(s: string, edits: [number, number, string][]): string {
  let out = s;
  for (const [start, end, text] of [...edits].sort((a, b) => b[0] - a[0])) out = out.slice(0, start) + text + out.slice(end);
  return out;
}
