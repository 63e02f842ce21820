import type { Command } from "commander";
import { cleanText } from "../../engine/clean.js";
import { discover, outputPath } from "../../io/discover.js";
import { decodeText, InputError, readText } from "../../io/read-text.js";
import { readAll } from "../../io/stdin.js";
import { writeOutput } from "../../io/write-output.js";
import { RunStats } from "../../report/stats.js";
import { formatSummary } from "../../report/summary.js";
import type { CliContext } from "../context.js";
import { EXIT } from "../exit-codes.js";
import { addRuleOptions, rulesFromOptions, type RuleOptions } from "../rule-options.js";

interface CleanOptions extends RuleOptions {
  out?: string;
  ext: string;
  quiet?: boolean;
}

export function registerClean(program: Command, ctx: CliContext): void {
  const cmd = program
    .command("clean")
    .summary("remove boilerplate and write cleaned files")
    .description(
      "Remove boilerplate from scraped text files and write the cleaned files under --out, keeping their relative paths.\n" +
        "INPUTS are directories (their *.txt files, recursively), files, globs, or - for standard input (cleaned text to standard output).",
    )
    .argument("<inputs...>", "directories, files, globs, or -")
    .option("-o, --out <dir>", "directory for the cleaned files (same relative paths as the inputs)")
    .option("--ext <list>", "file extensions taken from directories, comma-separated", "txt")
    .option("-q, --quiet", "print no summary");
  addRuleOptions(cmd).action(async (inputs: string[], opts: CleanOptions) => {
    ctx.exitCode = await runClean(inputs, opts, ctx);
  });
}

async function runClean(inputs: string[], opts: CleanOptions, ctx: CliContext): Promise<number> {
  const rules = rulesFromOptions(opts);
  if (inputs.includes("-")) {
    if (inputs.length > 1) {
      ctx.stderr.write("boilerstrip: '-' (standard input) cannot be combined with other inputs\n");
      return EXIT.ERROR;
    }
    const bytes = await readAll(ctx.stdin);
    let text: string;
    try {
      text = decodeText(bytes, "<stdin>");
    } catch (e) {
      ctx.stderr.write(`boilerstrip: ${(e as Error).message}\n`);
      return EXIT.ERROR;
    }
    const result = cleanText(text, rules);
    ctx.stdout.write(result.changed ? Buffer.from(result.text, "utf8") : bytes);
    return EXIT.OK;
  }
  if (!opts.out) {
    ctx.stderr.write("boilerstrip: clean needs --out <dir> for its output (or - to read standard input)\n");
    return EXIT.ERROR;
  }
  const stats = new RunStats();
  const extensions = opts.ext.split(",").map((e) => e.trim().replace(/^\./, "")).filter(Boolean);
  for await (const file of discover(inputs, { extensions, exclude: [opts.out] })) {
    try {
      const { bytes, text } = await readText(file.path);
      const result = cleanText(text, rules);
      await writeOutput(outputPath(opts.out, file), bytes, result);
      stats.add(text, result);
    } catch (e) {
      if (!(e instanceof InputError)) throw e;
      stats.fail(file.path, e.reason);
    }
  }
  if (stats.filesRead === 0 && stats.failures.length === 0) {
    ctx.stderr.write(`boilerstrip: no input files found in ${inputs.join(" ")}\n`);
    return EXIT.ERROR;
  }
  if (!opts.quiet) ctx.stderr.write(formatSummary(stats) + "\n");
  return stats.failures.length > 0 ? EXIT.ERROR : EXIT.OK;
}
