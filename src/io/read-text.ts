import { closeSync, constants, fstatSync, openSync, readFileSync } from "node:fs";
import { readFile, stat } from "node:fs/promises";

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
  refuseNonText(bytes, path);
  try {
    return decoder.decode(bytes);
  } catch {
    throw notUtf8(bytes, path);
  }
}

/**
 * Refuse bytes that are not UTF-8 text before decoding them: a UTF-16 byte order
 * mark (at the start of the file) or a NUL byte. `offset`: where `bytes` start in the file.
 */
export function refuseNonText(bytes: Uint8Array, path: string, offset = 0): void {
  if (offset === 0 && bytes.length >= 2 && ((bytes[0] === 0xff && bytes[1] === 0xfe) || (bytes[0] === 0xfe && bytes[1] === 0xff))) {
    throw new InputError(path, "UTF-16 text (byte order mark) is not supported, skipped; convert it to UTF-8 first");
  }
  const nul = bytes.indexOf(0);
  if (nul >= 0) throw new InputError(path, `binary file (NUL byte at offset ${offset + nul}), skipped`);
}

/** The error for bytes (at `offset` in the file) that the UTF-8 decoder refused. */
export const notUtf8 = (bytes: Uint8Array, path: string, offset = 0) =>
  new InputError(path, `not valid UTF-8 (first bad byte near offset ${offset + firstInvalidUtf8(bytes)}), skipped`);

/** A file over ReadOptions.maxBytes: refused before it is read (`clean` cleans such a file in windows instead). */
export class FileTooLarge extends InputError {
  constructor(path: string, readonly size: number, reason: string) {
    super(path, reason);
  }
}

export interface ReadOptions {
  /** Refuse files larger than this many bytes (memory stays bounded); default: no limit. */
  maxBytes?: number;
  /** How the refusal names the limit and what to do instead (default: the --max-size option). */
  limitHint?: { name: string; advice: string };
  /** The path is a symbolic link (for clearer messages when it is broken or loops). */
  symlink?: boolean;
}

const MB = 1024 * 1024;

/**
 * diff, check and explain hold a file whole (with its diff); larger files are
 * refused there with this hint, while `clean` cleans them in windows.
 */
export const PREVIEW_LIMIT = { maxBytes: 32 * MB, limitHint: { name: "the preview limit", advice: "too large to preview whole; boilerstrip clean cleans it in windows, see --window-size" } };
export const formatMB = (n: number) => `${(n / MB).toFixed(n < 10 * MB ? 1 : 0)} MB`;

function accessReason(err: NodeJS.ErrnoException, symlink: boolean): string {
  switch (err.code) {
    case "EACCES":
    case "EPERM":
      return "permission denied, skipped";
    case "ENOENT":
      return symlink ? "broken symbolic link (its target does not exist), skipped" : "no such file, skipped";
    case "ELOOP":
      return "symbolic link loop, skipped";
    case "EISDIR":
      return "is a directory, skipped";
    default:
      return `cannot read (${err.code ?? err.message}), skipped`;
  }
}

function checkStat(path: string, st: { isDirectory(): boolean; isFile(): boolean; size: number }, options: ReadOptions): void {
  if (st.isDirectory()) throw new InputError(path, "is a directory, skipped");
  if (!st.isFile()) throw new InputError(path, "not a regular file (device, socket or pipe), skipped");
  if (options.maxBytes !== undefined && st.size > options.maxBytes) {
    const hint = options.limitHint ?? { name: "the --max-size limit", advice: "raise --max-size to clean it" };
    throw new FileTooLarge(path, st.size, `file is ${formatMB(st.size)}, over ${hint.name} of ${formatMB(options.maxBytes)}, skipped (${hint.advice})`);
  }
}

const asInputError = (path: string, e: unknown, options: ReadOptions) =>
  e instanceof InputError ? e : new InputError(path, accessReason(e as NodeJS.ErrnoException, options.symlink ?? false));

/**
 * Read and decode one input file. Every refusal is an InputError with a
 * one-line reason: missing, unreadable, broken symlink, symlink loop, not a
 * regular file, larger than `maxBytes` (checked before reading), or not
 * UTF-8 text (see decodeText).
 */
export async function readText(path: string, options: ReadOptions = {}): Promise<{ bytes: Buffer; text: string }> {
  let bytes: Buffer;
  try {
    checkStat(path, await stat(path), options);
    bytes = await readFile(path);
  } catch (e) {
    throw asInputError(path, e, options);
  }
  return { bytes, text: decodeText(bytes, path) };
}

/**
 * readText with synchronous calls, for worker threads (and --jobs 1): one
 * open, fstat, read and close per file, no thread-pool round trips. Opened
 * non-blocking, so a FIFO named like an input cannot hang the run.
 */
export function readTextSync(path: string, options: ReadOptions = {}): { bytes: Buffer; text: string } {
  const fd = openTextSync(path, options);
  let bytes: Buffer;
  try {
    bytes = readFileSync(fd);
  } catch (e) {
    throw asInputError(path, e, options);
  } finally {
    closeSync(fd);
  }
  return { bytes, text: decodeText(bytes, path) };
}

/**
 * Open an input file for reading, with readTextSync's checks (and one-line
 * InputErrors) before anything is read. Opened non-blocking, so a FIFO named
 * like an input cannot hang the run. The caller closes the descriptor.
 */
export function openTextSync(path: string, options: ReadOptions = {}): number {
  let fd: number | undefined;
  try {
    fd = openSync(path, constants.O_RDONLY | constants.O_NONBLOCK);
    checkStat(path, fstatSync(fd), options);
    return fd;
  } catch (e) {
    if (fd !== undefined) closeSync(fd);
    throw asInputError(path, e, options);
  }
}
