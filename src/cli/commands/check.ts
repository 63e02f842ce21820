import type { Command } from "commander";
import type { CliContext } from "../context.js";

// Placeholder registered so the command list is fixed; replaced by its owner's implementation.
export function registerCheck(program: Command, ctx: CliContext): void {
  program
    .command("check")
    .summary("(not implemented yet)")
    .allowUnknownOption()
    .argument("[args...]")
    .action(() => {
      ctx.stderr.write("boilerstrip: 'check' is not implemented yet\n");
      ctx.exitCode = 2;
    });
}
