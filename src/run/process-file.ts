import { createHash } from "node:crypto";
import { constants, copyFileSync, lstatSync, mkdirSync, readFileSync, realpathSync, statSync, writeFileSync, writeSync } from "node:fs";
import { dirname, resolve } from "node:path";
import type { CleanResult } from "../engine/clean.js";
import { FileTooLarge, InputError, readTextSync } from "../io/read-text.js";
import { outputBytes, tempPathFor, writeAtomicSync, type AtomicWriteOptions } from "../io/write-output.js";
import { summarize, tallyRemoval, type FileSummary, type RuleRemovals } from "../report/stats.js";
import type { RuleOptions } from "../config/select.js";
import type { CorpusCounts } from "../corpus/counts.js";
import type { CompiledRule } from "../rules/types.js";
import { cleanDocument, cleanWindows } from "./document.js";
import { guardHeap } from "./heap-guard.js";
import type { GuardOptions } from "./guard.js";

/** Settings every cleaner (in-process or worker thread) runs with; plain data, sent to workers. */
export interface RunSettings {
  /** The command line's rule options (--rules, --config, --only, ...): each worker selects and compiles the same rule set from them. */
  ruleOptions: RuleOptions;
  /** The directory the config file is looked up from. */
  cwd: string;
  guard: GuardOptions | false;
  /** Standard input and JSONL records larger than this are refused (they are held whole). */
  maxBytes: number;
  /** Files larger than this are cleaned in windows of about this size, cut at paragraph breaks (memory stays bounded). */
  windowBytes: number;
  /**
   * Old-generation heap limit of each worker thread (MB), when the largest document a worker
   * holds is bounded (files: one window); V8 then collects garbage before the heap grows far
   * beyond what is live. Unset: V8's default (JSON Lines records can be up to --max-size).
   */
  workerHeapMb?: number;
  /** Return the input text and result with each outcome (for --report). */
  details: boolean;
  /** Corpus counts of the run (--stats/--learn) as a stats file each worker loads once. */
  statsFile?: string;
}

/** One file to clean. Paths are decided by the run loop, so it can clean up after a crashed worker. */
export interface FileTask {
  id: number;
  path: string;
  symlink?: boolean;
  /** The cleaned file's path (--out), ignored for in-place. */
  dest: string;
  inPlace: boolean;
  /** The temporary file the new content is written to before the rename. */
  tmp: string;
  /** In-place: keep the original under this name. */
  backup?: string;
  /** Overwrite an existing `dest` (--force). */
  force: boolean;
  /** The manifest's hash for `dest`: an existing output with this hash was written by boilerstrip and may be replaced. */
  knownHash?: string;
}

export type FileOutcome =
  | {
      id: number;
      ok: true;
      summary: FileSummary;
      guarded?: string;
      /** A file was written (always for --out; in-place only when the content changed). */
      written: boolean;
      /** sha256 of the written output (--out), for the manifest. */
      sha256?: string;
      input?: string;
      result?: CleanResult;
      /** The file was cleaned in this many windows (it is larger than --window-size); no input or result is kept for reports. */
      windows?: number;
    }
  | { id: number; ok: false; reason: string; input?: string };

const sha256 = (b: Uint8Array) => createHash("sha256").update(b).digest("hex");

/** Directories this thread already created (one mkdir per directory, not per file). */
const made = new Set<string>();
function ensureDir(dir: string): void {
  if (made.has(dir)) return;
  mkdirSync(dir, { recursive: true });
  if (made.size > 10_000) made.clear();
  made.add(dir);
}

/** Can the existing output be replaced? (--force, or the manifest says boilerstrip wrote exactly these bytes.) */
function checkOverwrite(task: FileTask): string | undefined {
  if (task.force || !lstatSync(task.dest, { throwIfNoEntry: false })) return undefined;
  if (task.knownHash) {
    const current = sha256(readFileSync(task.dest));
    if (current === task.knownHash) return undefined;
    return `output ${task.dest} exists and was changed since boilerstrip wrote it; not overwritten (use --force)`;
  }
  return `output ${task.dest} exists and was not written by boilerstrip; not overwritten (use --force)`;
}

/**
 * Read, clean, guard and write one file. Never throws for a problem with the
 * file: it becomes a failed outcome. Synchronous on purpose: it runs on a
 * worker thread (or --jobs 1), where sync calls avoid a thread-pool round
 * trip per system call.
 */
export function processFile(task: FileTask, rules: readonly CompiledRule[], settings: RunSettings, counts?: CorpusCounts): FileOutcome {
  const { id } = task;
  try {
    let read: { bytes: Buffer; text: string };
    try {
      read = readTextSync(task.path, { symlink: task.symlink, maxBytes: settings.windowBytes });
    } catch (e) {
      // larger than a window: cleaned window by window
      if (e instanceof FileTooLarge) return processInWindows(task, rules, settings, counts);
      throw e;
    }
    const { bytes, text } = read;
    const doc = cleanDocument(text, rules, settings.guard, counts?.forDocument(task.path));
    const details = settings.details ? { input: text, result: doc.proposed ?? doc.result } : {};
    const summary = summarize(text, doc.result);
    const guarded = doc.guarded ? { guarded: doc.guarded } : {};
    if (task.inPlace) {
      if (!doc.result.changed) return { id, ok: true, summary, written: false, ...guarded, ...details };
      const { target, options } = inPlaceTarget(task);
      // the backup is the bytes that were cleaned, not the file as it is now (another worker may have rewritten it since)
      if (task.backup) backUp(target, task.backup, { bytes, mode: options.mode });
      writeAtomicSync(target, outputBytes(bytes, doc.result), options);
      return { id, ok: true, summary, written: true, ...guarded, ...details };
    }
    checkOutput(task);
    const out = outputBytes(bytes, doc.result);
    writeAtomicSync(task.dest, out, { tmp: task.tmp });
    return { id, ok: true, summary, written: true, sha256: sha256(out), ...guarded, ...details };
  } catch (e) {
    return failed(id, e);
  }
}

function failed(id: number, e: unknown): FileOutcome {
  if (e instanceof InputError) return { id, ok: false, reason: e.reason };
  const err = e as NodeJS.ErrnoException;
  return { id, ok: false, reason: `${err.code === "EACCES" ? "cannot write (permission denied)" : `error (${err.code ?? err.message})`}` };
}

/**
 * Keep the original before it is rewritten. An existing backup is never replaced: it may be the only
 * copy of an original (an earlier run's, or this run's for the same file reached twice).
 */
function backUp(target: string, backup: string, read?: { bytes: Uint8Array; mode?: number }): void {
  try {
    if (read) writeFileSync(backup, read.bytes, { flag: "wx", ...(read.mode !== undefined ? { mode: read.mode } : {}) });
    else copyFileSync(target, backup, constants.COPYFILE_EXCL);
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === "EEXIST") throw new InputError(target, `backup ${backup} exists; not overwritten, and the file is left unchanged (move the old backup away, or choose another --backup suffix)`);
    throw e;
  }
}

/** In place: the file to rewrite (a symbolic link's target: the link is not replaced by a file), with its mode and owner kept. */
function inPlaceTarget(task: FileTask): { target: string; options: AtomicWriteOptions } {
  const target = task.symlink ? realpathSync(task.path) : task.path;
  const st = statSync(target);
  return { target, options: { tmp: task.symlink ? tempPathFor(target) : task.tmp, mode: st.mode & 0o7777, uid: st.uid, gid: st.gid, fsync: true } };
}

/** With --out: may the output be written? (Not over the input; not over a file boilerstrip did not write.) Creates its directory. */
function checkOutput(task: FileTask): void {
  if (resolve(task.dest) === resolve(task.path)) throw new InputError(task.path, "output path is the input itself; use --in-place to rewrite inputs");
  const refused = checkOverwrite(task);
  if (refused) throw new InputError(task.path, refused);
  ensureDir(dirname(task.dest));
}

/**
 * processFile for a file larger than --window-size: it is read, cleaned and
 * written one window at a time (windows end at paragraph breaks), so memory
 * does not grow with the file. Each window is cleaned, and guarded, as a
 * document of its own. The output streams into the temporary file that is
 * renamed into place at the end, as for any file; in place, an unchanged file
 * is left as it is.
 */
function processInWindows(task: FileTask, rules: readonly CompiledRule[], settings: RunSettings, counts?: CorpusCounts): FileOutcome {
  const { id } = task;
  const summary: FileSummary = { bytesIn: 0, bytesRemoved: 0, linesRemoved: 0, changed: false, removals: [] };
  const byRule = new Map<string, RuleRemovals>();
  const guards: string[] = [];
  const hash = createHash("sha256");
  let windows = 0;
  const writeWindows = (fd: number): boolean => {
    for (const { text, doc, guarded } of cleanWindows(task.path, rules, settings.guard, settings.windowBytes, counts?.forDocument(task.path))) {
      windows++;
      const s = summarize(text, doc.result);
      summary.bytesIn += s.bytesIn;
      summary.bytesRemoved += s.bytesRemoved;
      summary.linesRemoved += s.linesRemoved;
      summary.changed ||= s.changed;
      for (const [ruleId, category, bytes, spans] of s.removals) tallyRemoval(byRule, ruleId, category, bytes, spans);
      if (guarded) guards.push(guarded);
      const out = Buffer.from(doc.result.text, "utf8");
      writeSync(fd, out);
      hash.update(out);
      guardHeap();
    }
    summary.removals = [...byRule.values()];
    return !task.inPlace || summary.changed;
  };
  try {
    let written: boolean;
    if (task.inPlace) {
      const { target, options } = inPlaceTarget(task);
      written = writeAtomicSync(
        target,
        (fd) => {
          if (!writeWindows(fd)) return false;
          if (task.backup) backUp(target, task.backup);
          return true;
        },
        options,
      );
    } else {
      checkOutput(task);
      written = writeAtomicSync(task.dest, writeWindows, { tmp: task.tmp });
    }
    const guarded = guards.length > 0 ? { guarded: guards.join("; ") } : {};
    return { id, ok: true, summary, written, windows, ...(task.inPlace ? {} : { sha256: hash.digest("hex") }), ...guarded };
  } catch (e) {
    return failed(id, e);
  }
}
