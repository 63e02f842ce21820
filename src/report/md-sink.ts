import { ruleSource } from "./rule-source.js";
import type { CompiledRule } from "../rules/types.js";
import { fileRecord } from "./file-record.js";
import { SpooledReportSink } from "./queued-sink.js";
import { formatRuleCounts } from "./rule-counts.js";
import type { ReportEntry } from "./sink.js";
import { sortedTallies, type Tally } from "./totals.js";
import { formatUnified } from "./unified.js";

/** Diff lines shown per file in the Markdown report; `boilerstrip diff FILE` shows the rest. */
export const MD_MAX_DIFF_LINES = 200;

const cell = (s: string) => s.replace(/\\/g, "\\\\").replace(/\|/g, "\\|").replace(/[\r\n]+/g, " ");
const fence = (body: string) => "`".repeat(Math.max(3, ...[...body.matchAll(/`+/g)].map((m) => m[0].length + 1)));
const pct = (a: number, b: number) => (b ? `${((100 * a) / b).toFixed(1)}%` : "–");

interface Row {
  path: string;
  bytesIn: number;
  bytesRemoved: number;
  rules: string;
  note?: string;
}

/**
 * `--report run.md`: a summary table, removals per rule and per category, the
 * changed files by bytes removed, then a unified diff per file (at most
 * MD_MAX_DIFF_LINES lines each). Diffs are spooled to a temporary file while
 * the run goes, so memory holds one line per changed file.
 */
export class MarkdownReportSink extends SpooledReportSink {
  private readonly rows: Row[] = [];

  constructor(file: string, rules: readonly CompiledRule[]) {
    super(file, rules, "boilerstrip-md-");
  }

  protected async handle(entry: ReportEntry): Promise<void> {
    const r = fileRecord(entry, this.totals);
    if (r.error !== undefined) return void this.failures.push({ path: r.path, error: r.error });
    if (r.guarded !== undefined) {
      this.rows.push({ path: r.path, bytesIn: r.bytesIn, bytesRemoved: 0, rules: "", note: `guarded: ${r.guarded}` });
      return;
    }
    if (r.windowed) {
      if (r.windowed.changed) this.rows.push({ path: r.path, bytesIn: r.bytesIn, bytesRemoved: r.windowed.bytesRemoved, rules: "", note: `cleaned in ${r.windowed.windows} windows; no diff (file larger than --window-size)` });
      return;
    }
    if (!r.diff) return;
    const counts = new Map<string, number>();
    for (const x of r.removals) counts.set(x.ruleId, (counts.get(x.ruleId) ?? 0) + 1);
    this.rows.push({ path: r.path, bytesIn: r.bytesIn, bytesRemoved: r.diff.bytesRemoved, rules: formatRuleCounts(counts) });
    const lines = formatUnified(r.path, r.diff).split("\n");
    if (lines[lines.length - 1] === "") lines.pop();
    const shown = lines.slice(0, MD_MAX_DIFF_LINES);
    if (lines.length > shown.length) shown.push(`… ${lines.length - shown.length} more lines: boilerstrip diff ${r.path}`);
    const body = shown.join("\n");
    const f = fence(body);
    await this.spool.write(`### ${r.path.replace(/([\\`*_[\]#<>])/g, "\\$1")}\n\n${r.removals.length} removal${r.removals.length === 1 ? "" : "s"}, ${r.diff.bytesRemoved} bytes (${pct(r.diff.bytesRemoved, r.bytesIn)}).\n\n${f}diff\n${body}\n${f}\n\n`);
  }

  protected async complete(): Promise<void> {
    const t = this.totals.totals;
    const out = this.out;
    const tally = ([k, v]: [string, Tally]) => `| ${cell(k)} | ${v.removals} | ${v.bytes} | ${v.files} |`;
    const byRule = new Map(this.rules.map((r) => [r.meta.id, r]));
    const parts = [
      "# boilerstrip report\n",
      "| | |\n|---|---:|",
      `| Files read | ${t.files - t.filesFailed} |`,
      `| Files changed | ${t.filesChanged} |`,
      `| Files failed | ${t.filesFailed} |`,
      `| Files left unchanged by the content guard | ${t.filesGuarded} |`,
      `| Removals | ${t.removals} |`,
      `| Bytes removed | ${t.bytesRemoved} of ${t.bytesIn} (${pct(t.bytesRemoved, t.bytesIn)}) |`,
      `| Lines removed | ${t.linesDeleted} (and ${t.linesEdited} edited) |`,
      "",
      "## Removals by rule\n",
      "| Rule | Removals | Bytes | Files | Category | Defined in |\n|---|---:|---:|---:|---|---|",
      ...sortedTallies(t.byRule).map(([k, v]) => {
        const rule = byRule.get(k);
        return `| ${cell(k)} | ${v.removals} | ${v.bytes} | ${v.files} | ${rule?.meta.category ?? "tidy"} | ${rule ? cell(ruleSource(rule.meta)) : "(engine)"} |`;
      }),
      "",
      "## Removals by category\n",
      "| Category | Removals | Bytes | Files |\n|---|---:|---:|---:|",
      ...sortedTallies(t.byCategory).map(tally),
      "",
      "## Files by bytes removed\n",
      "| File | Bytes removed | Share | Rules |\n|---|---:|---:|---|",
      ...this.rows
        .sort((a, b) => b.bytesRemoved - a.bytesRemoved || (a.path < b.path ? -1 : 1))
        .map((r) => `| ${cell(r.path)} | ${r.bytesRemoved} | ${pct(r.bytesRemoved, r.bytesIn)} | ${cell(r.note ?? r.rules)} |`),
      "",
    ];
    if (this.failures.length) parts.push("## Files that failed\n", ...this.failures.map((f) => `- \`${f.path}\`: ${f.error}`), "");
    parts.push("## Diffs\n", "");
    await out.write(parts.join("\n"));
    if (this.spool.empty) await out.write("No file changed.\n");
    for await (const chunk of this.spool.chunks()) await out.write(chunk);
    await out.close();
  }
}
