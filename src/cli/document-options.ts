import type { Command } from "commander";
import { DEFAULT_GUARD, type GuardOptions } from "../run/guard.js";
import { DEFAULT_WINDOW_BYTES } from "../run/windows.js";

/** How a document is cleaned: the content guard and the window size. `clean` and the previews (check, diff, explain) take the same options, so a preview shows what `clean` does. */
export interface DocumentOptions {
  guard: boolean;
  guardShare: string;
  windowSize?: string;
}

export interface DocumentSettings {
  guard: GuardOptions | false;
  /** Files larger than this are cleaned in windows of about this size. */
  windowBytes: number;
}

export const DEFAULT_WINDOW_MB = DEFAULT_WINDOW_BYTES / (1024 * 1024);

/** The content guard's options (explain cleans one file whole: it takes only these). */
export function addGuardOptions(cmd: Command): Command {
  return cmd
    .option("--no-guard", "apply removals even when they would take most of a document")
    .option("--guard-share <percent>", "content guard: leave a document unchanged when the rules would remove more than this share of its prose (or shape rules alone its longest paragraph)", String(DEFAULT_GUARD.maxShare * 100));
}

/** The guard's options and --window-size. */
export function addDocumentOptions(cmd: Command): Command {
  return addGuardOptions(cmd).option(
    "--window-size <MB>",
    "clean files larger than this in windows of about this size, cut at paragraph breaks, so memory stays bounded (each window is cleaned as a document)",
    String(DEFAULT_WINDOW_MB),
  );
}

/** A positive number from an option, or the message saying it is not one. */
export function positive(value: string, name: string): number | string {
  const n = Number(value);
  return Number.isFinite(n) && n > 0 ? n : `${name} must be a positive number, not '${value}'`;
}

/** The settings of DocumentOptions, or the message of the first bad value. */
export function documentSettings(opts: DocumentOptions): DocumentSettings | string {
  const share = positive(opts.guardShare, "--guard-share");
  if (typeof share === "string") return share;
  if (share > 100) return "--guard-share is a percentage (at most 100)";
  // a fraction ("0.6") is almost surely meant as 60%; a guard under 1% would leave nearly every document unchanged
  if (share < 1) return `--guard-share is a percentage from 1 to 100, not a fraction: '${opts.guardShare}' (did you mean ${share * 100}?)`;
  const windowMB = positive(opts.windowSize ?? String(DEFAULT_WINDOW_MB), "--window-size");
  if (typeof windowMB === "string") return windowMB;
  return { guard: opts.guard ? { maxShare: share / 100 } : false, windowBytes: Math.floor(windowMB * 1024 * 1024) };
}
