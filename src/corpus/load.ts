import { readFileSync } from "node:fs";
import { DEFAULT_WINDOW_BYTES, readWindows } from "../run/windows.js";
import { discover, type DiscoverOptions } from "../io/discover.js";
import { FileTooLarge, InputError, readText } from "../io/read-text.js";
import { CorpusCounts } from "./counts.js";
import { decodeStats, StatsFormatError } from "./format.js";

export interface CountOptions extends DiscoverOptions {
  /** `dir` (default), `all` or `regex:<pattern>`. */
  groupBy?: string;
  /** Files larger than this are counted window by window, each window as a document, as `clean` cleans them (default 1 MB). */
  windowBytes?: number;
  /** Called once per file that cannot be read (one line: path and reason); counting goes on. */
  onError?: (message: string) => void;
}

/** Count the documents under `inputs` (files, directories, globs): pass one of a --learn run, or `boilerstrip stats`. */
export async function countCorpus(inputs: readonly string[], options: CountOptions = {}): Promise<CorpusCounts> {
  const counts = new CorpusCounts(options.groupBy ?? "dir");
  for await (const file of discover(inputs, { ...options, reportErrors: true })) {
    if (file.error) {
      options.onError?.(`${file.path}: ${file.error}`);
      continue;
    }
    try {
      const windowBytes = options.windowBytes ?? DEFAULT_WINDOW_BYTES;
      try {
        counts.addDocument((await readText(file.path, { symlink: file.symlink, maxBytes: windowBytes })).text, file.path);
      } catch (e) {
        if (!(e instanceof FileTooLarge)) throw e;
        for (const window of readWindows(file.path, windowBytes)) counts.addDocument(window, file.path);
      }
    } catch (e) {
      options.onError?.(e instanceof InputError ? e.message : `${file.path}: ${(e as Error).message}`);
    }
  }
  return counts;
}

/** Read stats files and merge them into one count. Throws StatsFormatError / StatsMergeError naming the file. */
export function loadCorpusStats(files: readonly string[]): CorpusCounts {
  let all: CorpusCounts | undefined;
  for (const file of files) {
    let data: Buffer;
    try {
      data = readFileSync(file);
    } catch (e) {
      throw new StatsFormatError(`${file}: cannot read stats file (${(e as NodeJS.ErrnoException).code ?? (e as Error).message})`);
    }
    const counts = decodeStats(data, file);
    all = all ? all.merge(counts, file) : counts;
  }
  if (!all) throw new StatsFormatError("no stats files given");
  return all;
}
