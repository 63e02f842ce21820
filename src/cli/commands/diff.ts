import type { Command } from "commander";
import { makeChalk } from "../../report/color.js";
import { fileDiff, DEFAULT_CONTEXT, type FileDiff } from "../../report/file-diff.js";
import { countByRule, formatRuleCounts } from "../../report/rule-counts.js";
import { addInputOptions, foundNothing, readableInputs, type InputOptions } from "../../report/run-inputs.js";
import { formatUnified } from "../../report/unified.js";
import type { CliContext } from "../context.js";
import { documentSettings } from "../document-options.js";
import { EXIT } from "../exit-codes.js";
import { addRuleOptions, rulesFromOptions, type RuleOptions } from "../rule-options.js";

interface DiffOptions extends RuleOptions, InputOptions {
  stat?: boolean;
  color?: boolean;
  context: string;
}

export function registerDiff(program: Command, ctx: CliContext): void {
  const cmd = program
    .command("diff")
    .summary("show what clean would remove, as a unified diff (writes nothing)")
    .description(
      "Show what `clean` would remove from each input as a unified diff, without writing anything.\n" +
        "Each hunk header names the rules that removed its lines (`@@ -1,4 +1,2 @@ navigation/skip-links`);\n" +
        "a removal inside a line shows as the line before and after, the removed part highlighted in colour.\n" +
        "Colour is used on a terminal only; NO_COLOR or --no-color turn it off. Without colour the output is a patch.",
    )
    .argument("<inputs...>", "directories, files, globs, or - for standard input")
    .option("--stat", "one line per changed file (lines and bytes removed, rules hit) and a total, instead of the diff")
    .option("-U, --context <lines>", "lines of context around each removal", String(DEFAULT_CONTEXT))
    .option("--color", "colour the output even when it is not a terminal")
    .option("--no-color", "never colour the output");
  addInputOptions(cmd);
  addRuleOptions(cmd).addHelpText(
    "after",
    `
Exit codes: 0 diff shown (whether or not anything would change), 2 some files could not be read.

Examples:
  $ boilerstrip diff scraped/ | less -R
  $ boilerstrip diff --stat scraped/
  $ boilerstrip diff --no-color article.txt > removals.patch`,
  );
  cmd.action(async (inputs: string[], opts: DiffOptions) => {
    ctx.exitCode = await runDiff(inputs, opts, ctx);
  });
}

const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? "" : "s"}`;

function statLine(path: string, d: FileDiff, rules: string, c: ReturnType<typeof makeChalk>): string {
  const edited = d.linesEdited ? `, ${d.linesEdited} edited` : "";
  return `${path} | ${c.red(`-${plural(d.linesDeleted, "line")}`)}${edited}, ${c.red(`-${plural(d.bytesRemoved, "byte")}`)} | ${c.yellow(rules)}`;
}

async function runDiff(inputs: string[], opts: DiffOptions, ctx: CliContext): Promise<number> {
  const context = Number(opts.context);
  if (!Number.isInteger(context) || context < 0) {
    ctx.stderr.write(`boilerstrip: --context must be a whole number >= 0, got '${opts.context}'\n`);
    return EXIT.ERROR;
  }
  const settings = documentSettings(opts);
  if (typeof settings === "string") {
    ctx.stderr.write(`boilerstrip: ${settings}\n`);
    return EXIT.ERROR;
  }
  const rules = rulesFromOptions(opts);
  const c = makeChalk(opts.color, ctx.stdout);
  const tally = { read: 0, failed: 0 };
  const total = { files: 0, lines: 0, edited: 0, bytes: 0, rules: new Map<string, number>() };
  for await (const { path, input, result } of readableInputs(inputs, rules, opts, settings, ctx, tally)) {
    if (!result.changed) continue;
    const d = fileDiff(input, result.spans, context);
    const counts = countByRule(result.spans);
    if (opts.stat) {
      total.files++;
      total.lines += d.linesDeleted;
      total.edited += d.linesEdited;
      total.bytes += d.bytesRemoved;
      for (const [id, n] of counts) total.rules.set(id, (total.rules.get(id) ?? 0) + n);
      ctx.stdout.write(statLine(path, d, formatRuleCounts(counts), c) + "\n");
    } else {
      ctx.stdout.write(formatUnified(path, d, c));
    }
  }
  if (foundNothing(tally, inputs, ctx)) return EXIT.ERROR;
  if (opts.stat) {
    const edited = total.edited ? `, ${plural(total.edited, "line")} edited` : "";
    ctx.stdout.write(
      `${plural(total.files, "file")} of ${tally.read} would change: ${plural(total.lines, "line")} removed${edited}, ${plural(total.bytes, "byte")} removed` +
        (total.rules.size ? ` | ${formatRuleCounts(new Map([...total.rules].sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1))))}` : "") +
        "\n",
    );
  }
  return tally.failed > 0 ? EXIT.ERROR : EXIT.OK;
}
