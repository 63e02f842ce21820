import { existsSync, mkdirSync, renameSync, statSync, writeFileSync } from "node:fs";
import { join, resolve } from "node:path";
import type { Command } from "commander";
import { GroupByError } from "../../corpus/group.js";
import { clusterName, clusterRuleYaml } from "../../corpus/suggest-yaml.js";
import { suggestClusters } from "../../corpus/suggest.js";
import { describeFailure, testRuleExamples } from "../../rules/examples.js";
import { loadRuleFile } from "../../rules/load.js";
import type { CliContext } from "../context.js";
import { EXIT } from "../exit-codes.js";
import { addRuleOptions, rulesFromOptions, type RuleOptions } from "../rule-options.js";

interface SuggestCliOptions extends RuleOptions {
  out: string;
  groupBy: string;
  minDocs: string;
  minShare: string;
  maxWords: string;
  max: string;
  force?: boolean;
}

export function addSuggestCommand(rules: Command, ctx: CliContext): void {
  const cmd = rules
    .command("suggest")
    .summary("write candidate rules for lines that repeat across a corpus")
    .description(
      "Clean the inputs with the loaded rules, then find short label-like lines that still repeat across documents of a group (a site's menus, footers, teaser boxes), cluster lines that occur in the same documents, and write one candidate `line` rule per cluster into --out, with the counts as comments and examples taken from the corpus. Every written file loads and passes `boilerstrip rules test`. Review each file: delete phrases that are article text, set category and languages, keep the rest.",
    )
    .argument("<inputs...>", "files, directories or globs of scraped text")
    .option("-o, --out <dir>", "directory for the candidate rule files", "suggested-rules")
    .option("-f, --force", "replace candidate files that exist already (by default they are left as they are: they may hold your edits)")
    .option("--group-by <how>", "dir, all, or regex:<pattern> (see boilerstrip stats --help)", "dir")
    .option("--min-docs <n>", "a line must be in at least this many documents of its group", "3")
    .option("--min-share <fraction>", "and in at least this share of them", "0.01")
    .option("--max-words <n>", "only lines of at most this many words (labels, not sentences)", "6")
    .option("--max <n>", "cluster at most this many lines (the most frequent)", "200");
  addRuleOptions(cmd)
    .addHelpText(
      "after",
      `
Examples:
  $ boilerstrip rules suggest scraped/ --out suggested-rules/
  $ boilerstrip rules test suggested-rules/         # the suggestions' own examples
  $ boilerstrip clean scraped/ --rules suggested-rules/ --out cleaned/

Exit codes: 0 ok, 2 bad options or some input could not be read.`,
    )
    .action(async (inputs: string[], opts: SuggestCliOptions) => {
      ctx.exitCode = await runSuggest(inputs, opts, ctx);
    });
}

function numberOption(value: string, name: string, min: number, max = Infinity): number | string {
  const n = Number(value);
  return Number.isFinite(n) && n >= min && n <= max ? n : `${name} must be a number from ${min} to ${max}, got "${value}"`;
}

async function runSuggest(inputs: string[], opts: SuggestCliOptions, ctx: CliContext): Promise<number> {
  const fail = (m: string) => (ctx.stderr.write(`boilerstrip: ${m}\n`), EXIT.ERROR);
  const minDocs = numberOption(opts.minDocs, "--min-docs", 2);
  const minShare = numberOption(opts.minShare, "--min-share", 0, 1);
  const maxWords = numberOption(opts.maxWords, "--max-words", 1);
  const max = numberOption(opts.max, "--max", 1);
  for (const v of [minDocs, minShare, maxWords, max]) if (typeof v === "string") return fail(v);
  const rules = rulesFromOptions(opts);
  let failed = 0;
  let result;
  try {
    result = await suggestClusters(inputs, rules, {
      groupBy: opts.groupBy,
      minDocs: minDocs as number,
      minShare: minShare as number,
      maxWords: maxWords as number,
      maxCandidates: max as number,
      onError: (m) => {
        failed++;
        ctx.stderr.write(`boilerstrip: ${m}\n`);
      },
    });
  } catch (e) {
    if (e instanceof GroupByError) return fail(e.message);
    throw e;
  }
  const outDir = resolve(opts.out);
  if (existsSync(outDir) && !statSync(outDir).isDirectory()) return fail(`--out ${opts.out} is a file: it names the directory for the candidate rule files`);
  mkdirSync(outDir, { recursive: true });
  const used = new Set<string>();
  let written = 0;
  for (const cluster of result.clusters) {
    let name = clusterName(cluster);
    for (let n = 2; used.has(name); n++) name = `${clusterName(cluster)}-${n}`;
    used.add(name);
    const file = join(outDir, `${name}.yaml`);
    // a candidate file may hold the user's edits by now: never replaced without --force
    if (existsSync(file) && !opts.force) {
      ctx.stderr.write(`boilerstrip: ${file} exists; not overwritten (use --force to replace it, or another --out)\n`);
      failed++;
      continue;
    }
    writeFileSync(file, clusterRuleYaml(cluster, `suggested/${name}`));
    // a suggestion is only useful if it loads and its examples pass: check before announcing it
    const { rule, problems } = loadRuleFile(file);
    const failures = rule ? testRuleExamples(rule) : [];
    if (!rule || failures.length) {
      // set aside under a name no rule loader reads, so the directory stays loadable
      renameSync(file, `${file}.rejected`);
      ctx.stderr.write(`boilerstrip: ${file}: suggestion does not pass its own checks (${problems[0]?.message ?? describeFailure(failures[0]!)}); set aside as ${name}.yaml.rejected\n`);
      failed++;
      continue;
    }
    written++;
    const lines = cluster.candidates.slice(0, 3).map((c) => `"${c.text}" (${c.documents}/${c.groupDocuments})`);
    ctx.stdout.write(`${file}: ${cluster.candidates.length} line(s) in group ${cluster.group}: ${lines.join(", ")}${cluster.candidates.length > 3 ? ", …" : ""}\n`);
  }
  ctx.stdout.write(`${result.documents} documents read, ${written} candidate rule file(s) written to ${opts.out}. Review them, then: boilerstrip rules test ${opts.out}\n`);
  return failed ? EXIT.ERROR : EXIT.OK;
}
