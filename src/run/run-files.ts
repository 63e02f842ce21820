import { realpath } from "node:fs/promises";
import { relative, resolve, sep } from "node:path";
import fg from "fast-glob";
import { discover, globBase, inputRoots, isBelow as below, outputPath, type InputFile, type InputRoot } from "../io/discover.js";
import { tempPathFor } from "../io/write-output.js";
import type { ReportEntry, ReportSink } from "../report/sink.js";
import { RunStats } from "../report/stats.js";
import type { Cleaner } from "./pool.js";
import type { FileOutcome, FileTask } from "./process-file.js";
import { Manifest } from "./manifest.js";
import { Progress } from "./progress.js";
import { onStopSignals, type StopState } from "./signals.js";

export interface FileRunOptions {
  inputs: string[];
  extensions: string[];
  /** --out directory, or undefined for --in-place. */
  out?: string;
  inPlace: boolean;
  /** --backup suffix (in-place only). */
  backup?: string;
  force: boolean;
  failFast: boolean;
  /** How many requests to keep in flight (bounded queue between discovery and the cleaners). */
  window: number;
  progress: Progress;
  stderr: NodeJS.WritableStream;
  report?: ReportSink;
}

export interface FileRunResult {
  stats: RunStats;
  /** The signal that stopped the run early, if any. */
  signal?: NodeJS.Signals;
  stoppedByFailure: boolean;
}

/**
 * The clean run loop: discovery streams paths into a bounded window of
 * requests; results are recorded as they arrive (outputs are written by the
 * cleaners themselves). A stop signal or --fail-fast stops discovery; the
 * files in progress finish, so every file is old or new and no temporary
 * file is left.
 */
export async function runFiles(opts: FileRunOptions, cleaner: Cleaner): Promise<FileRunResult> {
  const stats = new RunStats();
  const manifest = opts.out ? await Manifest.open(opts.out) : undefined;
  const stop: StopState = { requested: false };
  let stoppedByFailure = false;
  const disposeSignals = onStopSignals(stop, opts.stderr, () => cleaner.pendingTemps());
  const inflight = new Set<Promise<void>>();
  let reportChain = Promise.resolve();
  /** Each file's place in discovery order, and the report entries waiting for the files before them. */
  let nextSeq = 0;
  let nextReport = 0;
  const pendingReports = new Map<number, ReportEntry>();
  /**
   * Outputs claimed so far, with the input that claimed each: only when several inputs are given, as
   * only then can two files map to one output (one directory, glob or file cannot). This holds every
   * path of such a run; a run over one directory holds none.
   */
  const claimed = opts.out && !opts.inPlace && opts.inputs.length > 1 ? new Map<string, string>() : undefined;
  /** Where the inputs are: directories, globs' base directories, files (real paths). */
  let roots: InputRoot[] = [];
  /** Real paths of the files taken so far, when two inputs overlap (one inside the other) and may reach one file twice. */
  let seen: Set<string> | undefined;

  if (opts.progress.enabled) void countInputs(opts, stop).then((n) => n !== undefined && opts.progress.setTotal(n));

  const record = async (file: InputFile, outcome: FileOutcome, seq: number) => {
    if (outcome.ok) {
      stats.addSummary(outcome.summary);
      if (outcome.guarded) stats.guard(file.path, outcome.guarded);
      if (manifest && outcome.sha256) await manifest.record(relative(opts.out!, outputPath(opts.out!, file)), outcome.sha256);
      opts.progress.tick(outcome.summary.bytesIn);
    } else {
      stats.fail(file.path, outcome.reason);
      opts.progress.tick(0);
      if (opts.failFast && !stop.requested) {
        stop.requested = true;
        stoppedByFailure = true;
      }
    }
    if (opts.report) {
      const entry = outcome.ok
        ? { path: file.path, input: outcome.input, result: outcome.result, ...(outcome.guarded ? { guarded: outcome.guarded } : {}), ...(outcome.windows ? { windowed: { windows: outcome.windows, summary: outcome.summary } } : {}) }
        : { path: file.path, error: outcome.reason };
      // the report lists files in discovery order, whichever worker finishes first: reports of two runs
      // compare equal. Held back are at most the files in flight.
      pendingReports.set(seq, entry);
      const sink = opts.report;
      for (let next = pendingReports.get(nextReport); next; next = pendingReports.get(nextReport)) {
        pendingReports.delete(nextReport++);
        const e = next;
        reportChain = reportChain.then(() => sink.add(e));
      }
    }
  };
  const fail = (file: InputFile, reason: string) => record(file, { id: -1, ok: false, reason }, nextSeq++);

  try {
    roots = await inputRoots(opts.inputs);
    if (overlapping(roots)) seen = new Set<string>();
    for await (const file of discover(opts.inputs, { extensions: opts.extensions, exclude: opts.out ? [opts.out] : [], reportErrors: true })) {
      if (stop.requested) break;
      if (file.error) {
        await fail(file, file.error);
        continue;
      }
      if (seen) {
        // the same file reached twice (a directory and a glob of it, a path given twice): cleaned once
        const real = await realpath(file.path).catch(() => resolve(file.path));
        if (seen.has(real)) continue;
        seen.add(real);
      }
      // in place, a link to a file below an input directory or glob: that file is cleaned where the walk reaches it
      // (once), never through the link too; a link named as an input has its target rewritten
      if (opts.inPlace && file.symlink && (await linksIntoInputs(file.path, roots, opts.extensions))) continue;
      if (claimed) {
        // two inputs named alike in different places (a/x.txt and c/x.txt) would write one output
        const dest = outputPath(opts.out!, file);
        const first = claimed.get(dest);
        if (first !== undefined) {
          await fail(file, `its output ${dest} is also the output of ${first}; not written (clean inputs that share names into separate --out directories)`);
          continue;
        }
        claimed.set(dest, file.path);
      }
      const seq = nextSeq++;
      const task = makeTask(seq, file, opts, manifest);
      const p: Promise<void> = cleaner.file(task).then((outcome) => record(file, outcome, seq));
      inflight.add(p);
      void p.finally(() => inflight.delete(p));
      // report entries held back for an earlier, slower file count against the window, so they stay bounded too
      while (inflight.size > 0 && inflight.size + pendingReports.size >= opts.window) await Promise.race(inflight);
    }
    await Promise.all(inflight);
    await reportChain;
  } finally {
    disposeSignals();
    opts.progress.done();
    await manifest?.close();
  }
  return { stats, signal: stop.signal, stoppedByFailure };
}

function makeTask(id: number, file: InputFile, opts: FileRunOptions, manifest?: Manifest): FileTask {
  const tag = `${process.pid}-${id}`;
  if (opts.inPlace) {
    return {
      id, path: file.path, symlink: file.symlink, dest: file.path, inPlace: true, tmp: tempPathFor(file.path, tag),
      ...(opts.backup ? { backup: file.path + opts.backup } : {}), force: true,
    };
  }
  const dest = outputPath(opts.out!, file);
  const knownHash = manifest?.hashOf(relative(opts.out!, dest));
  return { id, path: file.path, symlink: file.symlink, dest, inPlace: false, tmp: tempPathFor(dest, tag), force: opts.force, ...(knownHash ? { knownHash } : {}) };
}

/** Count the inputs in the background (for the progress bar's ETA); streams, holds nothing. */
async function countInputs(opts: FileRunOptions, stop: StopState): Promise<number | undefined> {
  let n = 0;
  for await (const f of discover(opts.inputs, { extensions: opts.extensions, exclude: opts.out ? [opts.out] : [], reportErrors: true })) {
    if (stop.requested) return undefined;
    void f;
    n++;
  }
  return n;
}

/** Is `dir` one of the input directories, or a glob's base directory (so --out there would overwrite inputs)? */
export function isInputDir(dir: string, inputs: readonly string[]): boolean {
  const d = resolve(dir);
  // a glob's files live under its base directory ('scraped/*.txt': scraped)
  return inputs.some((i) => resolve(i) === d || (fg.isDynamicPattern(i) && resolve(globBase(i)) === d));
}

/** Can two inputs reach one file: the same place twice, or one inside the other? */
function overlapping(roots: readonly InputRoot[]): boolean {
  return roots.some((a, i) => roots.some((b, j) => i !== j && (a.path === b.path || (a.kind !== "file" && below(a.path, b.path)))));
}

/**
 * Does the link at `path` point to a file an input reaches itself: below an input directory (not in a dot
 * directory, with a wanted extension, as the walk takes files), or below a glob's base directory (which the
 * glob may match; when it does not, the link's target is left alone: nothing is rewritten twice)?
 */
async function linksIntoInputs(path: string, roots: readonly InputRoot[], extensions: readonly string[]): Promise<boolean> {
  const target = await realpath(path).catch(() => undefined);
  if (!target) return false;
  const walked = extensions.some((e) => target.endsWith(`.${e}`));
  return roots.some((r) => {
    if (r.kind === "glob") return below(r.path, target);
    if (r.kind === "file") return r.path === target && r.given !== resolve(path);
    return walked && below(r.path, target) && !relative(r.path, target).split(sep).some((part) => part.startsWith("."));
  });
}
