import type { RunStats } from "./stats.js";

const fmtBytes = (n: number) => (n >= 1e6 ? `${(n / 1e6).toFixed(1)} MB` : n >= 1e3 ? `${(n / 1e3).toFixed(1)} kB` : `${n} B`);

/** The human summary printed to stderr after a run (`failuresPrinted`: each failure was printed as it happened, as JSON Lines runs do; they are counted, not listed again). */
export function formatSummary(stats: RunStats, unit = "file", failuresPrinted = false): string {
  const pct = stats.bytesIn ? ` (${((100 * stats.bytesRemoved) / stats.bytesIn).toFixed(1)}%)` : "";
  const lines = [
    `boilerstrip: ${stats.filesRead} ${unit}${stats.filesRead === 1 ? "" : "s"} read, ${stats.filesChanged} changed, ` +
      `${fmtBytes(stats.bytesRemoved)}${pct} and ${stats.linesRemoved} line${stats.linesRemoved === 1 ? "" : "s"} removed` +
      (stats.guarded.length ? `, ${stats.guarded.length} left unchanged by the content guard` : "") +
      (stats.failures.length ? `, ${stats.failures.length} failed${failuresPrinted ? " (listed above)" : ""}` : ""),
  ];
  if (stats.byCategory.size > 0) {
    const cats = [...stats.byCategory.entries()].sort((a, b) => b[1].bytes - a[1].bytes);
    lines.push(`  removals by category: ${cats.map(([c, t]) => `${c} ${t.spans}`).join(", ")}`);
  }
  // by path: workers finish in any order, and two runs' summaries should compare equal
  const byPath = (a: { path: string }, b: { path: string }) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0);
  for (const g of [...stats.guarded].sort(byPath)) lines.push(`  guarded: ${g.path}: ${g.reason}`);
  if (!failuresPrinted) for (const f of [...stats.failures].sort(byPath)) lines.push(`  failed: ${f.path}: ${f.reason}`);
  return lines.join("\n");
}
