import { mkdirSync } from "node:fs";
import { dirname } from "node:path";
import type { Command } from "commander";
import { CorpusCounts, StatsMergeError } from "../../corpus/counts.js";
import { encodeStats, StatsFormatError } from "../../corpus/format.js";
import { GroupByError } from "../../corpus/group.js";
import { countCorpus, loadCorpusStats } from "../../corpus/load.js";
import { writeAtomicSync } from "../../io/write-output.js";
import type { CliContext } from "../context.js";
import { EXIT } from "../exit-codes.js";

interface StatsOptions {
  out?: string;
  groupBy: string;
  merge?: boolean;
  format: string;
}

export function registerStats(program: Command, ctx: CliContext): void {
  program
    .command("stats")
    .summary("count repeated lines over a corpus (for repeat/ rules and rules suggest)")
    .description(
      "Count in how many documents each normalised line occurs (lower-cased, digits folded, punctuation and list markers gone), per group of documents, and write the counts to a stats file. Stats files of shards merge: the merged file equals one count over all the shards' documents. Lines are stored as 53-bit hashes, never as text. Format: docs/corpus.md.",
    )
    .argument("<inputs...>", "files, directories or globs to count (with --merge: stats files)")
    .option("-o, --out <file>", "write the stats file here (without it: print a summary)")
    .option("--group-by <how>", "dir (the file's directory), all (one group), or regex:<pattern> on the path (first capture group)", "dir")
    .option("--merge", "the inputs are stats files: merge them")
    .option("--format <format>", "summary format: text or json", "text")
    .addHelpText(
      "after",
      `
Examples:
  $ boilerstrip stats scraped/ --out scraped.stats           # one group per directory (site)
  $ boilerstrip stats shard1/ --out s1.stats && boilerstrip stats shard2/ --out s2.stats
  $ boilerstrip stats --merge s1.stats s2.stats --out all.stats
  $ boilerstrip stats 'news/**/*.txt' --group-by 'regex:^news/([^/]+)/' --out news.stats
  $ boilerstrip stats all.stats --merge                       # summary of a stats file

Exit codes: 0 ok, 2 some input could not be read (the others are counted) or a stats file is invalid.`,
    )
    .action(async (inputs: string[], opts: StatsOptions) => {
      ctx.exitCode = await runStats(inputs, opts, ctx);
    });
}

async function runStats(inputs: string[], opts: StatsOptions, ctx: CliContext): Promise<number> {
  if (opts.format !== "text" && opts.format !== "json") return fail(ctx, `--format must be text or json, got "${opts.format}"`);
  let failed = 0;
  let counts: CorpusCounts;
  try {
    if (opts.merge) counts = loadCorpusStats(inputs);
    else {
      counts = await countCorpus(inputs, {
        groupBy: opts.groupBy,
        onError: (m) => {
          failed++;
          ctx.stderr.write(`boilerstrip: ${m}\n`);
        },
      });
    }
  } catch (e) {
    if (e instanceof StatsFormatError || e instanceof StatsMergeError || e instanceof GroupByError) return fail(ctx, e.message);
    throw e;
  }
  if (opts.out) {
    try {
      mkdirSync(dirname(opts.out), { recursive: true });
      writeAtomicSync(opts.out, encodeStats(counts));
    } catch (e) {
      return fail(ctx, `${opts.out}: cannot write stats file (${(e as NodeJS.ErrnoException).code ?? (e as Error).message})`);
    }
  }
  const summary = summarize(counts);
  if (opts.format === "json") ctx.stdout.write(JSON.stringify({ ...summary, out: opts.out ?? null, failed }) + "\n");
  else {
    const where = opts.out ? ` → ${opts.out}` : "";
    ctx.stdout.write(`${summary.documents} documents in ${summary.groups.length} group(s) (--group-by ${summary.groupBy}), ${summary.distinctLines} distinct lines${where}\n`);
    for (const g of summary.groups.slice(0, 20)) ctx.stdout.write(`  ${g.name}: ${g.documents} documents, ${g.lines} distinct lines, ${g.repeated} in 3+ documents\n`);
    if (summary.groups.length > 20) ctx.stdout.write(`  … ${summary.groups.length - 20} more groups\n`);
    if (failed) ctx.stderr.write(`boilerstrip: ${failed} input(s) could not be read\n`);
  }
  return failed ? EXIT.ERROR : EXIT.OK;
}

function summarize(counts: CorpusCounts) {
  const groups = [...counts.groups.entries()]
    .sort((a, b) => b[1].documents - a[1].documents || (a[0] < b[0] ? -1 : 1))
    .map(([name, g]) => {
      let repeated = 0;
      for (const n of g.lines.values()) if (n >= 3) repeated++;
      return { name, documents: g.documents, lines: g.lines.size, repeated };
    });
  return { groupBy: counts.grouping.spec, documents: counts.documents, distinctLines: groups.reduce((a, g) => a + g.lines, 0), groups };
}

function fail(ctx: CliContext, message: string): number {
  ctx.stderr.write(`boilerstrip: ${message}\n`);
  return EXIT.ERROR;
}
