import { lstat, opendir, realpath, stat } from "node:fs/promises";
import { basename, dirname, isAbsolute, join, relative, resolve, sep } from "node:path";
import fg from "fast-glob";

/** An input file and the path of its output relative to `--out`. */
export interface InputFile {
  path: string;
  rel: string;
  /** The directory entry is a symbolic link (its target is read; it may be broken or loop). */
  symlink?: boolean;
  /** Set when the entry cannot be walked (e.g. a directory without permission): report it, do not read it. */
  error?: string;
}

export interface DiscoverOptions {
  /** File name extensions taken from a directory (default: txt). */
  extensions?: readonly string[];
  /** Directories never read as input (e.g. `--out` inside the input tree). */
  exclude?: readonly string[];
  /** Yield entries with `error` for directories that cannot be read (default: skip them silently). */
  reportErrors?: boolean;
}

/**
 * JSON and JSON Lines files are not text to clean line by line: a line rule could delete whole
 * records, or break the JSON. They are reported, not read (`clean --jsonl` takes JSON Lines).
 */
const JSON_FILE = /\.(?:jsonl|ndjson|json)$/i;
export const JSON_FILE_REASON = "a JSON or JSON Lines file, skipped: as text, whole records could be removed (clean JSON Lines with --jsonl)";

/** An input file, or the same with the error that keeps it from being read as text. */
const asInput = (file: InputFile): InputFile => (JSON_FILE.test(file.path) ? { ...file, error: JSON_FILE_REASON } : file);

/** Is `path` below the directory `dir` (both absolute)? */
export function isBelow(dir: string, path: string): boolean {
  const rel = relative(dir, path);
  return rel !== "" && !rel.startsWith("..") && !isAbsolute(rel);
}

/** The directory part of a glob before its first magic segment. */
export function globBase(pattern: string): string {
  const parts = pattern.split(/[\\/]/);
  const fixed: string[] = [];
  for (const p of parts) {
    if (p !== "" && fg.isDynamicPattern(p)) break; // "" before the root of an absolute path
    fixed.push(p);
  }
  return fixed.length === parts.length ? dirname(pattern) : fixed.join("/") || ".";
}

const errorReason = (e: unknown): string => {
  const code = (e as NodeJS.ErrnoException).code;
  return code === "EACCES" || code === "EPERM" ? "directory not readable (permission denied), skipped" : `cannot read directory (${code ?? (e as Error).message}), skipped`;
};

/** An input's place: a directory, a glob's base directory (any file below it may match), or a file. */
export interface InputRoot {
  path: string;
  kind: "dir" | "glob" | "file";
  /** The input as given (resolved, not followed): a link named as an input is not a link into another input. */
  given: string;
}

export async function inputRoots(inputs: readonly string[]): Promise<InputRoot[]> {
  const roots: InputRoot[] = [];
  for (const input of inputs) {
    if (input === "-") continue;
    const st = await stat(input).catch(() => undefined);
    const real = (p: string) => realpath(p).catch(() => resolve(p));
    const given = resolve(input);
    if (st?.isDirectory()) roots.push({ path: await real(input), kind: "dir", given });
    else if (st) roots.push({ path: await real(input), kind: "file", given });
    else if (fg.isDynamicPattern(input)) roots.push({ path: await real(globBase(input)), kind: "glob", given });
  }
  return roots;
}

/**
 * Walk a directory depth-first, streaming: one open directory handle per
 * level, entries read in small batches, so a directory of 100,000 files or a
 * tree of millions is never held in memory. Symbolic links to directories are
 * not followed (no loops); symbolic links whose name matches are yielded.
 */
async function* walk(root: string, exts: readonly string[], excluded: (abs: string) => boolean, reportErrors: boolean): AsyncGenerator<InputFile> {
  const wanted = (name: string) => exts.some((e) => name.endsWith(`.${e}`));
  async function* visit(dir: string): AsyncGenerator<InputFile> {
    let handle;
    try {
      handle = await opendir(dir, { bufferSize: 64 });
    } catch (e) {
      if (reportErrors) yield { path: dir, rel: relative(root, dir), error: errorReason(e) };
      return;
    }
    const subdirs: string[] = [];
    for await (const entry of handle) {
      if (entry.name.startsWith(".")) continue;
      const path = join(dir, entry.name);
      if (entry.isDirectory()) {
        if (!excluded(resolve(path))) subdirs.push(path);
      } else if ((entry.isFile() || entry.isSymbolicLink()) && wanted(entry.name)) {
        yield asInput({ path, rel: relative(root, path), ...(entry.isSymbolicLink() ? { symlink: true } : {}) });
      }
    }
    // subdirectory names of one directory are kept (not their contents) to walk them after its files
    for (const sub of subdirs) yield* visit(sub);
  }
  yield* visit(root);
}

/**
 * Expand the command-line inputs into files, streaming: a directory yields its
 * matching files (recursively), a file itself, anything else is a glob.
 */
export async function* discover(inputs: readonly string[], options: DiscoverOptions = {}): AsyncGenerator<InputFile> {
  const exts = options.extensions ?? ["txt"];
  const excludedDirs = (options.exclude ?? []).map((d) => resolve(d));
  const excluded = (abs: string) => excludedDirs.some((d) => abs === d || abs.startsWith(d + sep));
  for (const input of inputs) {
    let st;
    try {
      st = await stat(input);
    } catch {
      st = undefined;
    }
    // a symbolic link named as an input is one (its target is read; in place, its target is rewritten), broken or not
    const link = await lstat(input).then((l) => l.isSymbolicLink(), () => false);
    if (st?.isFile() || (link && !st)) {
      yield asInput({ path: input, rel: basename(input), ...(link ? { symlink: true } : {}) });
      continue;
    }
    if (st?.isDirectory()) {
      if (!excluded(resolve(input))) yield* walk(input, exts, excluded, options.reportErrors ?? false);
      continue;
    }
    if (!st && !fg.isDynamicPattern(input)) {
      if (options.reportErrors) yield { path: input, rel: basename(input), error: "no such file or directory" };
      continue;
    }
    const base = globBase(input);
    const stream = fg.stream(input, { onlyFiles: false, dot: false, followSymbolicLinks: false, suppressErrors: true, objectMode: true });
    for await (const raw of stream) {
      const entry = raw as unknown as fg.Entry;
      if (entry.dirent.isDirectory()) continue;
      if (excluded(resolve(entry.path))) continue;
      yield asInput({ path: entry.path, rel: relative(base, entry.path) || basename(entry.path), ...(entry.dirent.isSymbolicLink() ? { symlink: true } : {}) });
    }
  }
}

export function outputPath(outDir: string, file: InputFile): string {
  return join(outDir, file.rel);
}
