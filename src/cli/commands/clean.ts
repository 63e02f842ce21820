import { availableParallelism } from "node:os";
import { createWriteStream } from "node:fs";
import { realpath, rename, stat, unlink } from "node:fs/promises";
import { extname, resolve } from "node:path";
import fg from "fast-glob";
import { inputRoots, isBelow as below } from "../../io/discover.js";
import { Option, type Command } from "commander";
import { corpusForRun, writeRunStats } from "../../corpus/run.js";
import { StatsMergeError, type CorpusCounts } from "../../corpus/counts.js";
import { StatsFormatError } from "../../corpus/format.js";
import { GroupByError } from "../../corpus/group.js";
import { decodeText, formatMB } from "../../io/read-text.js";
import { readAllOrPassThrough } from "../../io/stdin.js";
import { tempPathFor } from "../../io/write-output.js";
import { formatSummary } from "../../report/summary.js";
import type { ReportSink } from "../../report/sink.js";
import type { CompiledRule } from "../../rules/types.js";
import { cleanDocument } from "../../run/document.js";
import { runJsonl } from "../../run/jsonl.js";
import { createCleaner } from "../../run/pool.js";
import type { RunSettings } from "../../run/process-file.js";
import { Progress } from "../../run/progress.js";
import { openReport } from "../../run/report.js";
import { isInputDir, runFiles } from "../../run/run-files.js";
import { signalExitCode } from "../../run/signals.js";
import type { CliContext } from "../context.js";
import { EXIT } from "../exit-codes.js";
import { addDocumentOptions, documentSettings, positive, type DocumentOptions } from "../document-options.js";
import { addRuleOptions, rulesFromOptions, type RuleOptions } from "../rule-options.js";

interface CleanOptions extends RuleOptions, DocumentOptions {
  out?: string;
  inPlace?: boolean;
  backup?: string | boolean;
  force?: boolean;
  ext: string;
  quiet?: boolean;
  jobs?: string;
  failFast?: boolean;
  maxSize: string;
  jsonl?: boolean;
  textField: string;
  spans?: boolean;
  onError: "pass" | "skip";
  report?: string;
  stats?: string[];
  learn?: boolean;
  groupBy?: string;
}

export const DEFAULT_MAX_SIZE_MB = 32;

export function registerClean(program: Command, ctx: CliContext): void {
  const cmd = program
    .command("clean")
    .summary("remove boilerplate and write cleaned files")
    .description(
      "Remove boilerplate from scraped text files and write the cleaned files under --out, keeping their relative paths, " +
        "or rewrite them with --in-place.\n\n" +
        "INPUTS are directories (their *.txt files, recursively), files, globs, or - for standard input (cleaned text to standard output). " +
        "With --jsonl, INPUTS are JSON Lines files or -, and the cleaned records go to standard output (or the --out file).",
    )
    .argument("<inputs...>", "directories, files, globs, or -")
    .option("-o, --out <path>", "directory for the cleaned files (same relative paths as the inputs); with --jsonl, an output file")
    .option("-i, --in-place", "rewrite the input files atomically (temporary file, fsync, rename; mode kept)")
    .option("--backup [suffix]", "with --in-place, keep each changed original as <file><suffix> (default suffix: .orig)")
    .option("-f, --force", "overwrite existing files in --out that an earlier boilerstrip run did not write (with --jsonl: an existing --out file)")
    .option("-j, --jobs <n>", `worker threads (default: the number of cores, ${availableParallelism()}; 1 = no threads)`)
    .option("--ext <list>", "file extensions taken from directories, comma-separated", "txt")
    .option("--fail-fast", "stop at the first file that fails")
    .option("--max-size <MB>", "JSONL lines or standard input larger than this are not cleaned but passed through unchanged (or, JSONL with --on-error skip, skipped) and reported: they would be held whole in memory", String(DEFAULT_MAX_SIZE_MB))
    .option("--jsonl", "read JSON Lines and clean one field of each record, keeping every other field and the line order")
    .option("--text-field <name>", "with --jsonl, the field holding the text", "text")
    .option("--spans", `with --jsonl, add "${"boilerstrip_spans"}": [[start, end, "rule/id"], ...] (code point offsets into the input text)`)
    .addOption(new Option("--on-error <mode>", "with --jsonl, what to do with a malformed line: pass it through unchanged, or skip it (reported either way)").choices(["pass", "skip"]).default("pass"))
    .option("--report <file>", "write a report of every removal (format from the file extension)")
    .option("--stats <file>", "corpus line counts (from `boilerstrip stats`) for the repeat/ rules; repeatable", (v: string, prev: string[] = []) => [...prev, v])
    .option("--learn", "count the inputs' lines first (a first pass over the files), for the repeat/ rules")
    .option("--group-by <how>", "with --learn: dir, all, or regex:<pattern> (see boilerstrip stats --help)")
    .option("-q, --quiet", "print no summary and no progress bar (failures are still printed)");
  cmd.addHelpText(
    "after",
    `
Examples:
  $ boilerstrip clean scraped/ --out cleaned/
  $ boilerstrip clean scraped/ --in-place --backup
  $ boilerstrip clean --jsonl shard.jsonl --spans > cleaned.jsonl
  $ cat shard.jsonl | boilerstrip clean --jsonl - --text-field content > cleaned.jsonl

Exit codes: 0 ok, 2 some files failed (each listed with its reason) or bad options/rules, 130/143 stopped by SIGINT/SIGTERM.`,
  );
  addRuleOptions(addDocumentOptions(cmd)).action(async (inputs: string[], opts: CleanOptions) => {
    ctx.exitCode = await runClean(inputs, opts, ctx);
  });
}

const usage = (ctx: CliContext, msg: string) => {
  ctx.stderr.write(`boilerstrip: ${msg}\n`);
  return EXIT.ERROR;
};

async function runClean(inputs: string[], opts: CleanOptions, ctx: CliContext): Promise<number> {
  const jobs = opts.jobs === undefined ? availableParallelism() : Number(opts.jobs);
  if (!Number.isInteger(jobs) || jobs < 1) return usage(ctx, `--jobs must be a whole number >= 1, not '${opts.jobs}'`);
  const doc = documentSettings(opts);
  if (typeof doc === "string") return usage(ctx, doc);
  const maxMB = positive(opts.maxSize, "--max-size");
  if (typeof maxMB === "string") return usage(ctx, maxMB);
  const windowMB = doc.windowBytes / (1024 * 1024);
  // loaded here to validate the options up front (exit 2); worker threads compile their own copy
  // (kept in a box, so that no frame holds them once the cleaner has them)
  const box: { rules?: CompiledRule[] } = { rules: rulesFromOptions(opts) };
  const settings: RunSettings = {
    ruleOptions: { rules: opts.rules, builtin: opts.builtin, config: opts.config, only: opts.only, disable: opts.disable, lang: opts.lang },
    cwd: process.cwd(),
    guard: doc.guard,
    maxBytes: Math.floor(maxMB * 1024 * 1024),
    windowBytes: doc.windowBytes,
    // a worker holds one window of a file at a time, and cleaning needs about 50x its size
    ...(opts.jsonl ? {} : { workerHeapMb: Math.max(128, Math.ceil(64 * windowMB)) }),
    details: Boolean(opts.report),
  };
  if (opts.groupBy !== undefined && !opts.learn) return usage(ctx, "--group-by only applies with --learn (stats files carry their own grouping)");
  if (opts.learn && (opts.jsonl || inputs.includes("-"))) return usage(ctx, "--learn counts files; with --jsonl or standard input, use --stats FILE from `boilerstrip stats`");
  const corpus = await loadCounts(inputs, opts, ctx, settings.windowBytes);
  if (corpus === "error") return EXIT.ERROR;
  try {
    if (corpus && jobs > 1) settings.statsFile = corpus.file();
    return await cleanWith(inputs, opts, ctx, jobs, box, settings, corpus?.counts);
  } finally {
    corpus?.cleanup();
  }
}

/** The corpus counts of the run (--stats, --learn), and a stats file for the workers on demand. */
async function loadCounts(inputs: string[], opts: CleanOptions, ctx: CliContext, windowBytes: number) {
  let counts: CorpusCounts | undefined;
  try {
    counts = await corpusForRun({
      statsFiles: opts.stats, learn: opts.learn, inputs, groupBy: opts.groupBy, exclude: opts.out ? [opts.out] : [],
      windowBytes,
      onError: (m) => ctx.stderr.write(`boilerstrip: ${m}\n`),
    });
  } catch (e) {
    if (e instanceof StatsFormatError || e instanceof StatsMergeError || e instanceof GroupByError) {
      ctx.stderr.write(`boilerstrip: ${e.message}\n`);
      return "error" as const;
    }
    throw e;
  }
  if (!counts) return undefined;
  let written: ReturnType<typeof writeRunStats> | undefined;
  return {
    counts,
    file: () => (written ??= writeRunStats(counts)).file,
    cleanup: () => written?.cleanup(),
  };
}

async function cleanWith(inputs: string[], opts: CleanOptions, ctx: CliContext, jobs: number, box: { rules?: CompiledRule[] }, settings: RunSettings, counts?: CorpusCounts): Promise<number> {
  let rules = box.rules;
  box.rules = undefined;
  if (opts.jsonl) return cleanJsonl(inputs, opts, ctx, jobs, rules, settings, counts);
  // options that only mean something with --jsonl are refused, not ignored (as --backup without --in-place)
  const jsonlOnly = [opts.spans && "--spans", opts.textField !== "text" && "--text-field", opts.onError !== "pass" && "--on-error"].filter(Boolean);
  if (jsonlOnly.length > 0) return usage(ctx, `${jsonlOnly.join(", ")} only appl${jsonlOnly.length > 1 ? "y" : "ies"} with --jsonl`);
  if (inputs.includes("-")) {
    if (inputs.length > 1) return usage(ctx, "'-' (standard input) cannot be combined with other inputs");
    if (opts.out || opts.inPlace || opts.report) return usage(ctx, `with - (standard input) the cleaned text goes to standard output; ${opts.out ? "--out" : opts.inPlace ? "--in-place" : "--report"} does not apply`);
    return cleanStdin(ctx, rules!, settings, opts.quiet ?? false, counts);
  }
  const extensions = opts.ext.split(",").map((e) => e.trim().replace(/^\./, "")).filter(Boolean);
  if (opts.backup === "") return usage(ctx, "--backup needs a suffix that is not empty (or none, for .orig): with '' the backup would be the file itself");
  const backup = opts.backup === true ? ".orig" : opts.backup || undefined;
  if (opts.inPlace && opts.out) return usage(ctx, "use either --in-place or --out, not both");
  if (backup && !opts.inPlace) return usage(ctx, "--backup only applies with --in-place");
  if (backup && extensions.some((e) => backup.endsWith(`.${e}`))) return usage(ctx, `--backup suffix '${backup}' ends with an input extension; its backups would be cleaned as inputs`);
  if (!opts.inPlace && !opts.out) return usage(ctx, "clean needs --out <dir> for its output, or --in-place to rewrite the inputs (or - to read standard input)");
  if (opts.out && isInputDir(opts.out, inputs)) {
    return usage(ctx, `--out ${opts.out} is an input directory: the outputs would overwrite the inputs; choose another --out, or use --in-place`);
  }

  if (opts.report && (await isInputFile(opts.report, inputs, extensions))) return usage(ctx, `--report ${opts.report} is one of the inputs: the report would overwrite it; write it elsewhere`);
  const report = opts.report ? await openReport(opts.report, rules!) : undefined;
  const cleaner = createCleaner(jobs, rules!, settings, counts);
  // with worker threads, the main thread's copy is not needed any more: let it be collected
  rules = undefined;
  const progress = new Progress(ctx.stderr, !opts.quiet && (ctx.stderr as { isTTY?: boolean }).isTTY === true);
  let run;
  try {
    run = await runFiles(
      {
        inputs, extensions, out: opts.out, inPlace: opts.inPlace ?? false, backup, force: opts.force ?? false,
        failFast: opts.failFast ?? false, window: opts.failFast ? jobs : Math.max(8, jobs * 4), progress, stderr: ctx.stderr, report,
      },
      cleaner,
    );
  } finally {
    await cleaner.close();
  }
  await report?.finish();
  const { stats } = run;
  if (stats.filesRead === 0 && stats.failures.length === 0 && !run.signal) return usage(ctx, `no input files found in ${inputs.join(" ")}`);
  // --quiet drops the summary, not the failures (as check and diff print theirs)
  if (!opts.quiet) ctx.stderr.write(formatSummary(stats) + "\n");
  else for (const f of stats.failures) ctx.stderr.write(`boilerstrip: ${f.path}: ${f.reason}\n`);
  if (run.stoppedByFailure) ctx.stderr.write("boilerstrip: stopped at the first failure (--fail-fast)\n");
  if (run.signal) return signalExitCode(run.signal);
  return stats.failures.length > 0 ? EXIT.ERROR : EXIT.OK;
}

async function cleanStdin(ctx: CliContext, rules: readonly CompiledRule[], settings: RunSettings, quiet: boolean, counts?: CorpusCounts): Promise<number> {
  // over the limit, the exit code is 2 even if standard output closes during the pass-through
  const read = await readAllOrPassThrough(ctx.stdin, settings.maxBytes, ctx.stdout, () => ctx.exitAtLeast?.(EXIT.ERROR));
  if (read.over) {
    ctx.stderr.write(`boilerstrip: <stdin>: input is over the --max-size limit of ${formatMB(settings.maxBytes)}; passed through unchanged\n`);
    return EXIT.ERROR;
  }
  const { bytes } = read;
  let text: string;
  try {
    text = decodeText(bytes, "<stdin>");
  } catch (e) {
    return usage(ctx, (e as Error).message);
  }
  const doc = cleanDocument(text, rules, settings.guard, counts?.overall());
  if (doc.guarded && !quiet) ctx.stderr.write(`boilerstrip: <stdin>: ${doc.guarded}\n`);
  ctx.stdout.write(doc.result.changed ? Buffer.from(doc.result.text, "utf8") : bytes);
  return EXIT.OK;
}

async function cleanJsonl(inputs: string[], opts: CleanOptions, ctx: CliContext, jobs: number, rules: readonly CompiledRule[] | undefined, settings: RunSettings, counts?: CorpusCounts): Promise<number> {
  if (opts.inPlace) return usage(ctx, "--in-place does not apply to --jsonl (write to standard output or --out FILE)");
  if (inputs.filter((i) => i === "-").length > 1) return usage(ctx, "'-' (standard input) can be given once");
  if (opts.out) {
    const problem = await jsonlOutProblem(opts.out, inputs, opts.force ?? false);
    if (problem) return usage(ctx, problem);
  }
  if (opts.report && (await isInputFile(opts.report, inputs, []))) return usage(ctx, `--report ${opts.report} is one of the inputs: the report would overwrite it; write it elsewhere`);
  let report: ReportSink | undefined;
  if (opts.report) report = await openReport(opts.report, rules!);
  const tmp = opts.out ? tempPathFor(opts.out) : undefined;
  const out = tmp ? createWriteStream(tmp, { flags: "wx" }) : ctx.stdout;
  const cleaner = createCleaner(jobs, rules!, settings, counts);
  rules = undefined;
  const progress = new Progress(ctx.stderr, !opts.quiet && (ctx.stderr as { isTTY?: boolean }).isTTY === true);
  let run;
  try {
    run = await runJsonl(
      {
        inputs, textField: opts.textField, spans: opts.spans ?? false, onError: opts.onError, maxBytes: settings.maxBytes,
        failFast: opts.failFast ?? false, window: Math.max(16, jobs * 16), stdin: ctx.stdin, out, stderr: ctx.stderr, progress, report,
      },
      cleaner,
    );
  } finally {
    await cleaner.close();
    if (tmp) await new Promise<void>((res) => (out as NodeJS.WritableStream).end(() => res()));
  }
  if (tmp) {
    if (run.signal) await unlink(tmp).catch(() => undefined);
    else await rename(tmp, opts.out!);
  }
  await report?.finish();
  if (!opts.quiet) ctx.stderr.write(formatSummary(run.stats, "record", true) + "\n");
  if (run.signal) return signalExitCode(run.signal);
  return run.stats.failures.length > 0 ? EXIT.ERROR : EXIT.OK;
}

/** Why `--out FILE` cannot take the JSON Lines output: a directory, one of the inputs, or an existing file without --force. */
async function jsonlOutProblem(out: string, inputs: readonly string[], force: boolean): Promise<string | undefined> {
  const st = await stat(out).catch(() => undefined);
  if (!st) return undefined;
  if (st.isDirectory()) return `--out ${out} is a directory: with --jsonl, --out names the output file`;
  if (await isInputFile(out, inputs, [])) return `--out ${out} is also an input: it would be overwritten; write the output to another file`;
  return force ? undefined : `--out ${out} exists; not overwritten (use --force to replace it)`;
}

/** Is `file` one of the inputs: named, below an input directory with one of `extensions`, or one a glob may match (so discovery would read it)? */
async function isInputFile(file: string, inputs: readonly string[], extensions: readonly string[]): Promise<boolean> {
  const target = await realpath(file).catch(() => resolve(file));
  return (await inputRoots(inputs)).some((r) => {
    if (r.kind === "file") return r.path === target;
    if (r.kind === "dir") return extensions.some((e) => target.endsWith(`.${e}`)) && below(r.path, target);
    // a glob may match any file below its base directory with the extension it names (any, if it names none)
    const ext = extname(r.given);
    return below(r.path, target) && (ext === "" || fg.isDynamicPattern(ext) || target.endsWith(ext));
  });
}
