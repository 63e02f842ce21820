import { closeSync, readSync } from "node:fs";
import { formatMB, InputError, notUtf8, openTextSync, refuseNonText } from "../io/read-text.js";

/**
 * Where to end a window of `text` at about `limit` characters: after a blank
 * line (a paragraph break) in the second half of the limit, else after the
 * last line end before it. -1 when no line ends before `limit` (one line is
 * longer than a window).
 */
export function windowEnd(text: string, limit: number): number {
  if (text.length <= limit) return text.length;
  let lastLineEnd = -1;
  for (let i = text.lastIndexOf("\n", limit - 1); i >= 0; i = text.lastIndexOf("\n", i - 1)) {
    if (lastLineEnd < 0) lastLineEnd = i + 1;
    if (i < limit / 2) break;
    // "\n\n" or "\n\r\n": the line after i is blank; end the window after it
    if (text[i + 1] === "\n") return i + 2;
    if (text[i + 1] === "\r" && text[i + 2] === "\n") return i + 3;
  }
  return lastLineEnd;
}

/** Files larger than this are cleaned (and counted) in windows; real articles are far smaller (the dev bench's largest page is 0.1 MB). */
export const DEFAULT_WINDOW_BYTES = 1024 * 1024;

const decoderFor = () => new TextDecoder("utf-8", { fatal: true, ignoreBOM: true });
const encoder = new TextEncoder();
/** Decodes a window's own copy; a byte order mark is kept. */
const copyDecoder = new TextDecoder("utf-8", { ignoreBOM: true });

/**
 * A copy of `s` of its own. A slice of the reader's buffer string is a view that V8 keeps on
 * the whole buffer; cleaning such a window was measured about 3 times slower (30 MB file,
 * --jobs 1: 38.6 s user, 13.6 s with the copy), for a copy that costs milliseconds.
 */
const ownCopy = (s: string): string => copyDecoder.decode(encoder.encode(s));

/**
 * Read a UTF-8 text file piece by piece and yield it as windows of about
 * `windowChars` characters that end at paragraph breaks (see windowEnd), so
 * memory stays bounded whatever the file's size. The checks are the ones
 * readTextSync makes on a whole file: a UTF-16 byte order mark, NUL bytes and
 * invalid UTF-8 are InputErrors, raised when the reader reaches them. The
 * windows joined are the file's text, byte for byte once encoded.
 */
export function* readWindows(path: string, windowChars: number, chunkBytes = 1 << 20): Generator<string> {
  const fd = openTextSync(path);
  try {
    const decoder = decoderFor();
    const buf = Buffer.allocUnsafe(chunkBytes);
    let offset = 0;
    let pending = "";
    for (;;) {
      const n = readSync(fd, buf, 0, chunkBytes, offset);
      const bytes = buf.subarray(0, n);
      refuseNonText(bytes, path, offset);
      try {
        pending += decoder.decode(bytes, { stream: n > 0 });
      } catch {
        throw notUtf8(bytes, path, offset);
      }
      offset += n;
      while (pending.length > windowChars || (n === 0 && pending.length > 0)) {
        const end = windowEnd(pending, windowChars);
        if (end < 0) {
          throw new InputError(path, `a line is longer than the --window-size of ${formatMB(windowChars)} (files this large are cleaned in windows cut at line ends), skipped; raise --window-size to clean it`);
        }
        yield ownCopy(pending.slice(0, end));
        pending = pending.slice(end);
      }
      if (n === 0) return;
    }
  } finally {
    closeSync(fd);
  }
}
