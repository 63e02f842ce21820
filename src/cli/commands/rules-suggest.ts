import type { Command } from "commander";
import type { CliContext } from "../context.js";

// Placeholder: `rules suggest` is added to the `rules` command by its owner (issue 7).
export function addSuggestCommand(rules: Command, ctx: CliContext): void {
  rules
    .command("suggest")
    .summary("(not implemented yet)")
    .allowUnknownOption()
    .argument("[args...]")
    .action(() => {
      ctx.stderr.write("boilerstrip: 'rules suggest' is not implemented yet\n");
      ctx.exitCode = 2;
    });
}
