import { randomBytes } from "node:crypto";
import { closeSync, fchmodSync, fchownSync, fsyncSync, openSync, renameSync, unlinkSync, writeFileSync } from "node:fs";
import { mkdir, open, rename, unlink } from "node:fs/promises";
import { basename, dirname, join } from "node:path";

/** Marker in the name of boilerstrip's temporary files (`.<name>.boilerstrip-<tag>.tmp`). */
export const TEMP_MARK = ".boilerstrip-";

/** The temporary file written next to `path` before it is renamed over it. */
export function tempPathFor(path: string, tag: string = `${process.pid}-${randomBytes(4).toString("hex")}`): string {
  return join(dirname(path), `.${basename(path)}${TEMP_MARK}${tag}.tmp`);
}

export interface AtomicWriteOptions {
  /** The temporary file to use (default: a fresh name beside `path`). */
  tmp?: string;
  /** Permission bits of the new file (default: 0o666 minus the umask). */
  mode?: number;
  /** Owner to give the new file (only applied when it differs and we may). */
  uid?: number;
  gid?: number;
  /** fsync the data before the rename (in-place rewrites: the file is old or new even after a crash). */
  fsync?: boolean;
}

/**
 * Write a file atomically: the data goes to a temporary file in the same
 * directory, which is renamed over `path`. Readers (and a crash) see the old
 * file or the new one, never a partial one. The temporary file is removed on
 * failure.
 */
export async function writeAtomic(path: string, data: Uint8Array, options: AtomicWriteOptions = {}): Promise<void> {
  const tmp = options.tmp ?? tempPathFor(path);
  const fh = await open(tmp, "wx", options.mode ?? 0o666);
  try {
    try {
      await fh.writeFile(data);
      if (options.mode !== undefined) await fh.chmod(options.mode);
      if (options.uid !== undefined && options.gid !== undefined && process.getuid?.() === 0) await fh.chown(options.uid, options.gid);
      if (options.fsync) await fh.sync();
    } finally {
      await fh.close();
    }
    await rename(tmp, path);
  } catch (e) {
    await unlink(tmp).catch(() => undefined);
    throw e;
  }
}

/**
 * writeAtomic with synchronous calls (worker threads, --jobs 1). `data` may be a
 * writer that streams the content into the temporary file's descriptor; when it
 * returns false, the temporary file is discarded and `path` left as it is.
 * Returns whether `path` was replaced.
 */
export function writeAtomicSync(path: string, data: Uint8Array | ((fd: number) => boolean), options: AtomicWriteOptions = {}): boolean {
  const tmp = options.tmp ?? tempPathFor(path);
  const fd = openSync(tmp, "wx", options.mode ?? 0o666);
  try {
    let keep = true;
    try {
      if (typeof data === "function") keep = data(fd);
      else writeFileSync(fd, data);
      if (keep) {
        if (options.mode !== undefined) fchmodSync(fd, options.mode);
        if (options.uid !== undefined && options.gid !== undefined && process.getuid?.() === 0) fchownSync(fd, options.uid, options.gid);
        if (options.fsync) fsyncSync(fd);
      }
    } finally {
      closeSync(fd);
    }
    if (!keep) {
      unlinkSync(tmp);
      return false;
    }
    renameSync(tmp, path);
    return true;
  } catch (e) {
    try {
      unlinkSync(tmp);
    } catch {
      /* not there */
    }
    throw e;
  }
}

/** The bytes to write for a cleaned file: the original bytes when nothing was removed. */
export function outputBytes(original: Buffer, result: { text: string; changed: boolean }): Buffer {
  return result.changed ? Buffer.from(result.text, "utf8") : original;
}

/**
 * Write a cleaned file (atomically, creating its directory). When nothing was
 * removed, the original bytes are written back, so an untouched file is
 * byte-identical by construction.
 */
export async function writeOutput(path: string, original: Buffer, result: { text: string; changed: boolean }): Promise<void> {
  await mkdir(dirname(path), { recursive: true });
  await writeAtomic(path, outputBytes(original, result));
}
