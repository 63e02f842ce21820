import type { Command } from "commander";
import { BUILTIN_RULES_DIR, loadRules } from "../rules/load.js";
import type { CompiledRule } from "../rules/types.js";

export interface RuleOptions {
  rules?: string[];
  builtin?: boolean;
}

const collect = (value: string, previous: string[] = []) => [...previous, value];

/** The options that choose which rules run, shared by every command that cleans. */
export function addRuleOptions(cmd: Command): Command {
  return cmd
    .option("--rules <dir>", "add a directory (or file) of rule files; repeatable", collect)
    .option("--no-builtin", "do not load the built-in rule packs");
}

export function rulesFromOptions(opts: RuleOptions): CompiledRule[] {
  const dirs = [...(opts.builtin === false ? [] : [BUILTIN_RULES_DIR]), ...(opts.rules ?? [])];
  return loadRules(dirs);
}
