import { stat } from "node:fs/promises";
import { basename, dirname, join, relative, resolve, sep } from "node:path";
import fg from "fast-glob";

/** An input file and the path of its output relative to `--out`. */
export interface InputFile {
  path: string;
  rel: string;
}

export interface DiscoverOptions {
  /** File name extensions taken from a directory (default: txt). */
  extensions?: readonly string[];
  /** Directories never read as input (e.g. `--out` inside the input tree). */
  exclude?: readonly string[];
}

/** The directory part of a glob before its first magic segment. */
export function globBase(pattern: string): string {
  const parts = pattern.split(/[\\/]/);
  const fixed: string[] = [];
  for (const p of parts) {
    if (fg.isDynamicPattern(p)) break;
    fixed.push(p);
  }
  return fixed.length === parts.length ? dirname(pattern) : fixed.join("/") || ".";
}

/**
 * Expand the command-line inputs into files, streaming: a directory yields its
 * matching files (recursively), a file itself, anything else is a glob.
 */
export async function* discover(inputs: readonly string[], options: DiscoverOptions = {}): AsyncGenerator<InputFile> {
  const exts = options.extensions ?? ["txt"];
  const excluded = (options.exclude ?? []).map((d) => resolve(d) + sep);
  const keep = (abs: string) => !excluded.some((d) => abs.startsWith(d));
  for (const input of inputs) {
    let st;
    try {
      st = await stat(input);
    } catch {
      st = undefined;
    }
    if (st?.isFile()) {
      yield { path: input, rel: basename(input) };
      continue;
    }
    const base = st?.isDirectory() ? input : globBase(input);
    const pattern = st?.isDirectory()
      ? `${fg.convertPathToPattern(input)}/**/*.${exts.length === 1 ? exts[0] : `{${exts.join(",")}}`}`
      : input;
    const stream = fg.stream(pattern, { onlyFiles: true, dot: false, followSymbolicLinks: false, suppressErrors: true, absolute: false });
    for await (const entry of stream) {
      const path = String(entry);
      if (!keep(resolve(path))) continue;
      yield { path, rel: relative(base, path) || basename(path) };
    }
  }
}

export function outputPath(outDir: string, file: InputFile): string {
  return join(outDir, file.rel);
}
