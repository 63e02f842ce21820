import type { Command } from "commander";
import { addInputOptions, foundNothing, readableInputs, type InputOptions } from "../../report/run-inputs.js";
import type { CliContext } from "../context.js";
import { documentSettings } from "../document-options.js";
import { EXIT } from "../exit-codes.js";
import { addRuleOptions, rulesFromOptions, type RuleOptions } from "../rule-options.js";

interface CheckOptions extends RuleOptions, InputOptions {
  quiet?: boolean;
}

export function registerCheck(program: Command, ctx: CliContext): void {
  const cmd = program
    .command("check")
    .summary("exit 1 if clean would change any file (for CI and pre-commit hooks)")
    .description(
      "Check whether `clean` would change the inputs, writing nothing (like `prettier --check`).\n" +
        "The paths of the files that would change go to standard output, one a line; a summary goes to standard error.",
    )
    .argument("<inputs...>", "directories, files, globs, or - for standard input")
    .option("-q, --quiet", "print no summary");
  addInputOptions(cmd);
  addRuleOptions(cmd).addHelpText(
    "after",
    `
Exit codes:
  0  nothing would change
  1  some files would change (listed on standard output)
  2  some files could not be read, or no input was found (takes precedence over 1)

Examples:
  $ boilerstrip check scraped/ || boilerstrip diff scraped/`,
  );
  cmd.action(async (inputs: string[], opts: CheckOptions) => {
    ctx.exitCode = await runCheck(inputs, opts, ctx);
  });
}

async function runCheck(inputs: string[], opts: CheckOptions, ctx: CliContext): Promise<number> {
  const settings = documentSettings(opts);
  if (typeof settings === "string") {
    ctx.stderr.write(`boilerstrip: ${settings}\n`);
    return EXIT.ERROR;
  }
  const rules = rulesFromOptions(opts);
  const tally = { read: 0, failed: 0 };
  let changed = 0;
  for await (const entry of readableInputs(inputs, rules, opts, settings, ctx, tally)) {
    if (entry.result.changed) {
      changed++;
      ctx.exitAtLeast?.(EXIT.CHANGES);
      ctx.stdout.write(`${entry.path}\n`);
    }
  }
  if (foundNothing(tally, inputs, ctx)) return EXIT.ERROR;
  const { read, failed } = tally;
  if (!opts.quiet) {
    const what = changed === 0 ? `all ${read} file${read === 1 ? "" : "s"} clean` : `${changed} of ${read} file${read === 1 ? "" : "s"} would change (run boilerstrip diff to see how)`;
    ctx.stderr.write(`boilerstrip: ${what}${failed ? `, ${failed} could not be read` : ""}\n`);
  }
  return failed > 0 ? EXIT.ERROR : changed > 0 ? EXIT.CHANGES : EXIT.OK;
}
