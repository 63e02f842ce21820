import type { Command } from "commander";
import { discover } from "../io/discover.js";
import { decodeText, InputError, PREVIEW_LIMIT, readText } from "../io/read-text.js";
import { readAll } from "../io/stdin.js";
import type { CliContext } from "../cli/context.js";
import { EXIT } from "../cli/exit-codes.js";
import type { CompiledRule } from "../rules/types.js";
import { cleanDocument, cleanWindows } from "../run/document.js";
import { addDocumentOptions, type DocumentOptions, type DocumentSettings } from "../cli/document-options.js";
import type { Span } from "../engine/spans.js";
import type { ReportEntry } from "./sink.js";

function entry(path: string, text: string, rules: readonly CompiledRule[], settings: DocumentSettings): ReportEntry {
  const doc = cleanDocument(text, rules, settings.guard);
  return { path, input: text, result: doc.result, ...(doc.guarded ? { guarded: doc.guarded } : {}) };
}

/**
 * A file larger than the window size, cleaned as `clean` cleans it: window by window (the same
 * windows, each a document with its own guard), the windows' spans shifted to offsets in the file.
 */
function windowedEntry(path: string, rules: readonly CompiledRule[], settings: DocumentSettings): ReportEntry {
  let input = "";
  let text = "";
  const spans: Span[] = [];
  const guards: string[] = [];
  for (const { text: window, doc, guarded } of cleanWindows(path, rules, settings.guard, settings.windowBytes)) {
    for (const s of doc.result.spans) spans.push({ ...s, start: s.start + input.length, end: s.end + input.length });
    if (guarded) guards.push(guarded);
    input += window;
    text += doc.result.text;
  }
  return { path, input, result: { text, spans, changed: spans.length > 0 }, ...(guards.length ? { guarded: guards.join("; ") } : {}) };
}

/** The name standard input goes by in diffs and reports. */
export const STDIN_NAME = "<stdin>";

export interface InputOptions extends DocumentOptions {
  ext: string;
}

/** `--ext` and how documents are cleaned (as in clean), shared by the commands that read inputs without writing them. */
export function addInputOptions(cmd: Command): Command {
  return addDocumentOptions(cmd.option("--ext <list>", "file extensions taken from directories, comma-separated", "txt"));
}

/**
 * Clean every input in memory, file by file: an entry with the input and its
 * result, or with the reason it could not be read. `-` reads standard input.
 * The content guard applies as in `clean`, and a file larger than the window size is cleaned in
 * the same windows, so previews show what `clean` with the same options does.
 */
export async function* cleanInputs(
  inputs: readonly string[],
  rules: readonly CompiledRule[],
  opts: InputOptions,
  settings: DocumentSettings,
  stdin: NodeJS.ReadableStream,
): AsyncGenerator<ReportEntry> {
  const extensions = opts.ext.split(",").map((e) => e.trim().replace(/^\./, "")).filter(Boolean);
  for (const input of inputs) {
    if (input === "-") {
      try {
        const text = decodeText(await readAll(stdin), STDIN_NAME);
        yield entry(STDIN_NAME, text, rules, settings);
      } catch (e) {
        if (!(e instanceof InputError)) throw e;
        yield { path: STDIN_NAME, error: e.reason };
      }
      continue;
    }
    for await (const file of discover([input], { extensions, reportErrors: true })) {
      if (file.error) {
        yield { path: file.path, error: file.error };
        continue;
      }
      try {
        const { bytes, text } = await readText(file.path, { ...PREVIEW_LIMIT, symlink: file.symlink });
        yield bytes.length > settings.windowBytes ? windowedEntry(file.path, rules, settings) : entry(file.path, text, rules, settings);
      } catch (e) {
        if (!(e instanceof InputError)) throw e;
        yield { path: file.path, error: e.reason };
      }
    }
  }
}

/** How many inputs a previewing command read and how many it could not read. */
export interface InputTally {
  read: number;
  failed: number;
}

/**
 * The inputs that could be read, cleaned in memory; each one that could not is
 * reported on standard error and counted in `tally.failed`, and each one the content
 * guard leaves unchanged is named there too.
 */
export async function* readableInputs(
  inputs: readonly string[],
  rules: readonly CompiledRule[],
  opts: InputOptions,
  settings: DocumentSettings,
  ctx: CliContext,
  tally: InputTally,
): AsyncGenerator<ReportEntry & Required<Pick<ReportEntry, "input" | "result">>> {
  for await (const entry of cleanInputs(inputs, rules, opts, settings, ctx.stdin)) {
    if (entry.error !== undefined) {
      tally.failed++;
      ctx.exitAtLeast?.(EXIT.ERROR);
      ctx.stderr.write(`boilerstrip: ${entry.path}: ${entry.error}\n`);
      continue;
    }
    tally.read++;
    // a file clean would leave unchanged because of the content guard is said so, not shown as clean without a word
    if (entry.guarded !== undefined) ctx.stderr.write(`boilerstrip: ${entry.path}: guarded: ${entry.guarded} (boilerstrip explain shows what the rules proposed)\n`);
    yield entry as ReportEntry & Required<Pick<ReportEntry, "input" | "result">>;
  }
}

/** True (after saying so) when the inputs named no file at all. */
export function foundNothing(tally: InputTally, inputs: readonly string[], ctx: CliContext): boolean {
  if (tally.read > 0 || tally.failed > 0) return false;
  ctx.stderr.write(`boilerstrip: no input files found in ${inputs.join(" ")}\n`);
  return true;
}
