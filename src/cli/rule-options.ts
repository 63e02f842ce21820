import { Option, type Command } from "commander";
import { selectRules, type RuleOptions } from "../config/select.js";
import type { CompiledRule } from "../rules/types.js";

export type { RuleOptions };

const collect = (value: string, previous: string[] = []) => [...previous, value];

/** Where rules come from: --rules, --config / --no-config, --builtin / --no-builtin. */
export function addRuleSourceOptions(cmd: Command): Command {
  return cmd
    .option("--rules <dir>", "add a directory (or file) of rule files; repeatable", collect)
    .option("--config <file>", "use this config file instead of the nearest boilerstrip.config.{yaml,yml,json}")
    .option("--no-config", "use no config file")
    .addOption(new Option("--builtin", "load the built-in rule packs even if the config file turns them off").hideHelp())
    .option("--no-builtin", "do not load the built-in rule packs");
}

/** The options that choose which rules run, shared by every command that cleans. */
export function addRuleOptions(cmd: Command): Command {
  return addRuleSourceOptions(cmd)
    .option("--only <id|category|group>", "run only these rules, categories or id groups (structure: every structure/… rule); repeatable, or comma-separated", collect)
    .option("--disable <id|category|group>", "turn rules, categories or id groups off; repeatable, or comma-separated", collect)
    .option("--lang <codes>", "load only rules for these languages, e.g. de,fr (rules for any language always load)", collect)
    .addHelpText(
      "after",
      `
Rule selection (command line over config file over defaults):
  The nearest boilerstrip.config.yaml (.yml, .json) in the working directory or above sets
  builtin, rules, only, disable, languages and structural rule options. On the command line,
  --only replaces the config's "only" and re-enables rules its "disable" turns off, --disable adds
  to it, --lang replaces "languages", --rules directories load before the config's "rules".`,
    );
}

/** The final rule set for the options of a cleaning command (config file included). Throws RuleLoadError (exit 2) on any problem. */
export function rulesFromOptions(opts: RuleOptions, cwd = process.cwd()): CompiledRule[] {
  return selectRules(opts, { cwd });
}
