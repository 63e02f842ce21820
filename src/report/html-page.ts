import { ruleSource } from "./rule-source.js";
import { TIDY_RULE } from "../engine/spans.js";
import type { CompiledRule } from "../rules/types.js";
import { sortedTallies, type Tally, type Totals } from "./totals.js";

export const esc = (s: string) => s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
/** JSON safe inside a <script> element. */
export const scriptJson = (v: unknown) => JSON.stringify(v).replace(/</g, "\\u003c").replace(/\u2028/g, "\\u2028").replace(/\u2029/g, "\\u2029");

/** Bars shown per chart; the rest are summed into one bar. */
const MAX_BARS = 30;

/** A horizontal bar chart (inline SVG) of removals per key; each bar carries the key for filtering. */
export function barChart(title: string, kind: "rule" | "category", table: Record<string, Tally>): string {
  let rows = sortedTallies(table).map(([k, t]) => ({ key: k, t, rest: false }));
  if (rows.length > MAX_BARS) {
    const rest = rows.slice(MAX_BARS - 1).reduce((a, r) => ({ removals: a.removals + r.t.removals, bytes: a.bytes + r.t.bytes, files: a.files + r.t.files }), { removals: 0, bytes: 0, files: 0 });
    rows = [...rows.slice(0, MAX_BARS - 1), { key: `${rows.length - MAX_BARS + 1} more`, t: rest, rest: true }];
  }
  const max = Math.max(1, ...rows.map((r) => r.t.removals));
  const rowH = 22;
  const labelW = 180;
  const barW = 200;
  const h = rows.length * rowH + 8;
  const bars = rows
    .map((r, i) => {
      const y = 4 + i * rowH;
      const w = Math.max(2, Math.round((barW * r.t.removals) / max));
      const engine = r.key === TIDY_RULE || (kind === "category" && r.key === "tidy");
      const attr = r.rest ? "" : ` data-${kind}="${esc(r.key)}" class="bar${engine ? " engine" : ""}" tabindex="0" role="button"`;
      return (
        `<g${attr}><title>${esc(r.key)}: ${r.t.removals} removals, ${r.t.bytes} bytes, ${r.t.files} files</title>` +
        `<text x="${labelW - 6}" y="${y + 15}" text-anchor="end">${esc(r.key.length > 30 ? `${r.key.slice(0, 29)}…` : r.key)}</text>` +
        `<rect x="${labelW}" y="${y + 3}" width="${w}" height="${rowH - 6}" rx="2"></rect>` +
        `<text x="${labelW + w + 6}" y="${y + 15}" class="num">${r.t.removals}</text></g>`
      );
    })
    .join("");
  return `<figure class="chart"><figcaption>${esc(title)}</figcaption><svg xmlns="http://www.w3.org/2000/svg" width="${labelW + barW + 60}" height="${h}" viewBox="0 0 ${labelW + barW + 60} ${h}" role="img" aria-label="${esc(title)}">${bars}</svg></figure>`;
}

const fmt = (n: number) => n.toLocaleString("en-US");
const pct = (a: number, b: number) => (b ? `${((100 * a) / b).toFixed(1)}%` : "–");

export function summaryHtml(t: Totals): string {
  const item = (id: string, label: string, value: number, extra = "") =>
    `<div class="stat"><div class="v" id="${id}" data-value="${value}">${fmt(value)}</div><div class="k">${esc(label)}${extra}</div></div>`;
  return (
    `<section class="totals">` +
    item("t-files", "files read", t.files - t.filesFailed) +
    item("t-changed", "files changed", t.filesChanged) +
    item("t-removals", "removals", t.removals) +
    item("t-bytes", "bytes removed", t.bytesRemoved, ` (${pct(t.bytesRemoved, t.bytesIn)})`) +
    item("t-lines", "lines removed", t.linesDeleted, t.linesEdited ? `, ${fmt(t.linesEdited)} edited` : "") +
    item("t-guarded", "left unchanged by the guard", t.filesGuarded) +
    item("t-failed", "files failed", t.filesFailed) +
    `</section>`
  );
}

/** The rules table of the page: id, category index, description, where it is defined. */
export function rulesJson(ruleNames: readonly string[], rules: readonly CompiledRule[], category: (name: string) => number) {
  const byId = new Map(rules.map((r) => [r.meta.id, r]));
  return ruleNames.map((id) => {
    const r = byId.get(id);
    return r
      ? { id, c: category(r.meta.category), d: r.meta.description, s: ruleSource(r.meta) }
      : { id, c: category(id.split("/")[0]!), d: "blank lines left by a removal (engine)", s: "" };
  });
}

export const CSS = `
:root{--fg:#1d232a;--muted:#6b7280;--line:#e5e7eb;--rm:#fde2e1;--rmfg:#9b1c1c;--accent:#2563eb;--bg:#fff}
*{box-sizing:border-box}body{font:14px/1.45 system-ui,-apple-system,"Segoe UI",sans-serif;color:var(--fg);background:var(--bg);margin:0;padding:16px 24px}
h1{font-size:20px;margin:0 0 12px}h2{font-size:16px;margin:20px 0 8px}
.totals{display:flex;flex-wrap:wrap;gap:10px}.stat{border:1px solid var(--line);border-radius:6px;padding:8px 12px;min-width:120px}
.stat .v{font-size:20px;font-weight:600}.stat .k{color:var(--muted);font-size:12px}
.charts{display:flex;flex-wrap:wrap;gap:24px}.chart{margin:0}.chart figcaption{font-weight:600;margin:4px 0}
.chart text{font-size:12px;fill:var(--fg)}.chart .num{fill:var(--muted)}.chart rect{fill:#e0736b}.chart .bar{cursor:pointer}
.chart .bar.engine rect{fill:#cbd5e1}.chart .bar.dim rect{fill:#e5e7eb}.chart .bar.on rect{fill:#b91c1c}
.flagged{border:1px solid #f59e0b;background:#fffbeb;border-radius:6px;padding:8px 12px}.flagged li{margin:2px 0}
.controls{display:flex;flex-wrap:wrap;gap:10px;align-items:center;margin:8px 0}
table{border-collapse:collapse;width:100%}th,td{border-bottom:1px solid var(--line);padding:4px 8px;text-align:left;vertical-align:top}
th.num,td.num{text-align:right;font-variant-numeric:tabular-nums}th[data-sort]{cursor:pointer;user-select:none}th[data-sort]:after{content:" ↕";color:var(--muted)}
tr.file{cursor:pointer}tr.file:hover{background:#f9fafb}.chip{display:inline-block;background:#eef2ff;border-radius:10px;padding:0 6px;margin:1px 2px;font-size:12px}
.guard{color:#b45309}.diff{font:12px/1.5 ui-monospace,SFMono-Regular,Menlo,monospace;background:#fafafa;border:1px solid var(--line);border-radius:4px;padding:6px 0;margin:4px 0 10px;overflow-x:auto}
.diff .ln{display:inline-block;width:5em;color:var(--muted);text-align:right;padding-right:10px;user-select:none}
.diff .row{white-space:pre-wrap;word-break:break-word}.diff .sep{color:var(--muted);padding-left:5.6em}
.diff mark{background:var(--rm);color:var(--rmfg);text-decoration:line-through;text-decoration-color:#f87171}
.diff mark.muted{background:none;color:var(--muted);text-decoration:none}.diff .lbl{font:11px system-ui,sans-serif;background:#b91c1c;color:#fff;border-radius:3px;padding:0 4px;margin:0 3px;text-decoration:none}
.pager{margin:8px 0;display:flex;gap:8px;align-items:center}.muted{color:var(--muted)}
`;
