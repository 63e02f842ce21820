import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { CorpusCounts } from "./counts.js";
import { encodeStats } from "./format.js";
import { countCorpus, loadCorpusStats } from "./load.js";

export interface RunCorpusOptions {
  /** `clean --stats FILE…`: precomputed stats files (merged). */
  statsFiles?: readonly string[];
  /** `clean --learn`: count the run's inputs first (pass one of two). */
  learn?: boolean;
  /** The run's inputs (files, directories, globs), counted with --learn. */
  inputs: readonly string[];
  /** `--group-by` for --learn (stats files carry their own; both must agree). */
  groupBy?: string;
  /** Directories never read as input (the run's --out). */
  exclude?: readonly string[];
  onError?: (message: string) => void;
  /** Files larger than this are counted window by window, as they are cleaned (--window-size). */
  windowBytes?: number;
}

/**
 * The corpus counts of a clean run, or undefined when it uses none: the stats
 * files merged, plus the inputs counted with --learn. Throws StatsFormatError,
 * StatsMergeError or GroupByError (exit 2) with a one-line message.
 */
export async function corpusForRun(options: RunCorpusOptions): Promise<CorpusCounts | undefined> {
  let counts = options.statsFiles?.length ? loadCorpusStats(options.statsFiles) : undefined;
  if (options.learn) {
    const learned = await countCorpus(options.inputs, { groupBy: options.groupBy ?? counts?.grouping.spec, exclude: options.exclude, onError: options.onError, windowBytes: options.windowBytes });
    counts = counts ? counts.merge(learned, "the counts of --learn") : learned;
  }
  return counts;
}

/**
 * Counts cross to worker threads as a stats file (workers load it once with
 * loadCorpusStats): write one to a private temporary directory; call the
 * returned cleanup when the run ends.
 */
export function writeRunStats(counts: CorpusCounts): { file: string; cleanup: () => void } {
  const dir = mkdtempSync(join(tmpdir(), "boilerstrip-stats-"));
  const file = join(dir, "run.stats");
  writeFileSync(file, encodeStats(counts));
  return { file, cleanup: () => rmSync(dir, { recursive: true, force: true }) };
}
