import { readFile } from "node:fs/promises";

/** Why a file cannot be cleaned; the file is reported and left alone. */
export class InputError extends Error {
  constructor(readonly path: string, readonly reason: string) {
    super(`${path}: ${reason}`);
    this.name = "InputError";
  }
}

const decoder = new TextDecoder("utf-8", { fatal: true, ignoreBOM: true });

/** Offset of the first byte that breaks UTF-8 (for the error message). */
export function firstInvalidUtf8(b: Uint8Array): number {
  let i = 0;
  while (i < b.length) {
    const c = b[i]!;
    const n = c < 0x80 ? 0 : c >= 0xc2 && c <= 0xdf ? 1 : c >= 0xe0 && c <= 0xef ? 2 : c >= 0xf0 && c <= 0xf4 ? 3 : -1;
    if (n < 0) return i;
    for (let k = 1; k <= n; k++) if (i + k >= b.length || (b[i + k]! & 0xc0) !== 0x80) return i;
    i += n + 1;
  }
  return i;
}

/**
 * Decode file bytes as UTF-8 text, refusing what boilerstrip cannot clean
 * without changing bytes: binary data (NUL bytes), UTF-16/32, invalid UTF-8.
 * A UTF-8 BOM is kept as U+FEFF and written back unchanged.
 */
export function decodeText(bytes: Uint8Array, path: string): string {
  if (bytes.length >= 2 && ((bytes[0] === 0xff && bytes[1] === 0xfe) || (bytes[0] === 0xfe && bytes[1] === 0xff))) {
    throw new InputError(path, "UTF-16 text (byte order mark) is not supported; convert it to UTF-8 first");
  }
  if (bytes.includes(0)) throw new InputError(path, "binary file (contains NUL bytes), skipped");
  try {
    return decoder.decode(bytes);
  } catch {
    const i = firstInvalidUtf8(bytes);
    throw new InputError(path, `not valid UTF-8 (first bad byte near offset ${i}), skipped`);
  }
}

export async function readText(path: string): Promise<{ bytes: Buffer; text: string }> {
  let bytes: Buffer;
  try {
    bytes = await readFile(path);
  } catch (e) {
    const err = e as NodeJS.ErrnoException;
    throw new InputError(path, err.code === "EACCES" ? "permission denied" : err.code === "EISDIR" ? "is a directory" : `cannot read (${err.code ?? err.message})`);
  }
  return { bytes, text: decodeText(bytes, path) };
}
