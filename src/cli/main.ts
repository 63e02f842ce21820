import { Command, CommanderError } from "commander";
import { RuleLoadError } from "../rules/load.js";
import { registerCheck } from "./commands/check.js";
import { registerClean } from "./commands/clean.js";
import { registerDiff } from "./commands/diff.js";
import { registerExplain } from "./commands/explain.js";
import { registerRules } from "./commands/rules.js";
import { registerStats } from "./commands/stats.js";
import { processContext, type CliContext } from "./context.js";
import { EXIT } from "./exit-codes.js";

const VERSION = "0.1.0";

export function buildProgram(ctx: CliContext): Command {
  const program = new Command("boilerstrip")
    .version(VERSION)
    .description(
      "Strip boilerplate (cookie notices, donation appeals, menus, share bars, image credits) out of already-scraped article text.\n" +
        "Output is always the input with spans deleted; every removal names the rule that made it.",
    )
    .showHelpAfterError("(run with --help for usage)")
    .exitOverride()
    .configureOutput({ writeOut: (s) => ctx.stdout.write(s), writeErr: (s) => ctx.stderr.write(s) });
  for (const register of [registerClean, registerDiff, registerCheck, registerExplain, registerRules, registerStats]) register(program, ctx);
  program.addHelpText(
    "after",
    `
Exit codes:
  0    success (check: nothing would change)
  1    check: some files would change; rules test: an example failed
  2    some files failed, no input was found, or the command line, config or a rule file is invalid
  130  clean stopped by SIGINT (143: SIGTERM); files in progress finish, no partial file

Examples:
  $ boilerstrip clean scraped/ --out cleaned/
  $ boilerstrip clean 'scraped/**/*.txt' --out cleaned/
  $ cat article.txt | boilerstrip clean - > clean.txt`,
  );
  return program;
}

/** Run the CLI; resolves to the exit code. */
export async function main(argv: readonly string[], ctx: CliContext = processContext()): Promise<number> {
  const program = buildProgram(ctx);
  // `clean --dry-run` is what textlint and other fixers call a preview; here previews are commands of their own
  if (argv[2] === "clean" && argv.includes("--dry-run")) {
    ctx.stderr.write("boilerstrip: clean has no --dry-run: `boilerstrip diff INPUTS` shows what clean would remove, `boilerstrip check INPUTS` lists the files it would change (both write nothing)\n");
    return EXIT.ERROR;
  }
  try {
    await program.parseAsync(argv as string[]);
    return ctx.exitCode;
  } catch (e) {
    if (e instanceof CommanderError) {
      // --help, help and --version succeed; help shown because no command was given (or an unknown one to `help`) is a usage error
      if (e.code === "commander.helpDisplayed" || e.code === "commander.version") return EXIT.OK;
      if (e.code === "commander.help") return e.exitCode === 0 ? EXIT.OK : EXIT.ERROR;
      return EXIT.ERROR;
    }
    if (e instanceof RuleLoadError) {
      ctx.stderr.write(`boilerstrip: invalid rules or configuration:\n${e.message}\n`);
      return EXIT.ERROR;
    }
    if (e instanceof Error && e.name === "ReportError") {
      ctx.stderr.write(`boilerstrip: ${e.message}\n`);
      return EXIT.ERROR;
    }
    ctx.stderr.write(`boilerstrip: ${(e as Error).stack ?? String(e)}\n`);
    return EXIT.ERROR;
  }
}
