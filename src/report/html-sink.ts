import type { CompiledRule } from "../rules/types.js";
import { APP_JS } from "./html-app.js";
import { fitBudget, htmlFile, Index } from "./html-data.js";
import { barChart, CSS, esc, rulesJson, scriptJson, summaryHtml } from "./html-page.js";
import { fileRecord } from "./file-record.js";
import { SpooledReportSink } from "./queued-sink.js";
import type { ReportEntry } from "./sink.js";

/**
 * Size bounds of the HTML report. Every changed file gets a table row
 * (~150 bytes); its diff view (removed spans in context) gets
 * `clamp(TOTAL_DIFF_BUDGET / changed files, MIN_FILE_BUDGET, MAX_FILE_BUDGET)`
 * characters of JSON, whole hunks first (lines over 400 characters are cut in
 * the middle); what does not fit is counted and left to `boilerstrip diff`.
 * So 20,000 changed files make about 3 MB of rows + 20 MB of diffs at most.
 */
export const HTML_LIMITS = {
  TOTAL_DIFF_BUDGET: 20_000_000,
  MIN_FILE_BUDGET: 1_000,
  MAX_FILE_BUDGET: 20_000,
  /** Files that lost at least this share of their bytes are flagged at the top. */
  FLAG_SHARE: 0.5,
  PAGE_SIZE: 100,
  /** Failed files listed by name (the count is always complete). */
  MAX_FAILURES_LISTED: 500,
};

/**
 * `--report run.html`: one self-contained page (no network, no external
 * assets; a Content-Security-Policy forbids any). Totals and the bar charts
 * are rendered here; the file table and the diffs are rendered in the page
 * from embedded JSON, one page of rows at a time and a diff only when opened.
 * Per-file data is spooled to a temporary file during the run.
 */
export class HtmlReportSink extends SpooledReportSink {
  private readonly ruleIndex = new Index();
  private readonly catIndex = new Index();

  constructor(file: string, rules: readonly CompiledRule[]) {
    super(file, rules, "boilerstrip-html-");
  }

  protected async handle(entry: ReportEntry): Promise<void> {
    const r = fileRecord(entry, this.totals);
    if (r.error !== undefined) {
      if (this.failures.length < HTML_LIMITS.MAX_FAILURES_LISTED) this.failures.push({ path: r.path, error: r.error });
      return;
    }
    if (!r.diff && r.guarded === undefined) return;
    const f = fitBudget(htmlFile(r, this.ruleIndex, this.catIndex), HTML_LIMITS.MAX_FILE_BUDGET);
    await this.spool.write(JSON.stringify(f) + "\n");
  }

  protected async complete(): Promise<void> {
    const t = this.totals.totals;
    const out = this.out;
    const budget = Math.max(HTML_LIMITS.MIN_FILE_BUDGET, Math.min(HTML_LIMITS.MAX_FILE_BUDGET, Math.floor(HTML_LIMITS.TOTAL_DIFF_BUDGET / Math.max(1, this.spool.count))));
    const failed = t.filesFailed
      ? `<h2>Files that failed (${t.filesFailed})</h2><ul class="failures">${this.failures.map((f) => `<li><code>${esc(f.path)}</code>: ${esc(f.error)}</li>`).join("")}</ul>` +
        (t.filesFailed > this.failures.length ? `<p class="muted">${t.filesFailed - this.failures.length} more not listed.</p>` : "")
      : "";
    await out.write(
      `<!doctype html>\n<html lang="en"><head><meta charset="utf-8">` +
        `<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'; script-src 'unsafe-inline'; img-src data:">` +
        `<meta name="viewport" content="width=device-width, initial-scale=1"><link rel="icon" href="data:,">` +
        `<title>boilerstrip report</title><style>${CSS}</style></head><body>\n` +
        `<h1>boilerstrip report</h1>${summaryHtml(t)}\n` +
        `<div id="flagged" class="flagged"></div>\n` +
        `<h2>Removals</h2><div class="charts">${barChart("Removals per rule", "rule", t.byRule)}${barChart("Removals per category", "category", t.byCategory)}</div>\n` +
        `<h2 id="files">Changed files</h2><div class="controls">` +
        `<label>Rule <select id="rule-filter"><option value="-1">all rules</option></select></label>` +
        `<label>Category <select id="cat-filter"><option value="-1">all categories</option></select></label>` +
        `<label>Path <input id="q" type="search" placeholder="filter by path"></label><span id="count" class="muted"></span></div>` +
        `<table><thead><tr><th data-sort="p">File</th><th class="num" data-sort="r">Bytes removed</th><th class="num" data-sort="s">Share</th><th class="num" data-sort="n">Removals</th><th>Rules</th></tr></thead><tbody id="rows"></tbody></table>` +
        `<div class="pager"><button id="prev" type="button">‹ previous</button><span id="page"></span><button id="next" type="button">next ›</button><span class="muted">Click a file to see its removals in context.</span></div>\n` +
        `${failed}\n<script type="application/json" id="data">{"files":[`,
    );
    let first = true;
    for await (const line of this.spool.lines()) {
      if (!line) continue;
      await out.write((first ? "" : ",\n") + scriptJson(fitBudget(JSON.parse(line), budget)));
      first = false;
    }
    // the rules table may intern a category first seen there, so categories are written after it
    const rulesTable = scriptJson(rulesJson(this.ruleIndex.names, this.rules, (c) => this.catIndex.of(c)));
    await out.write(
      `],"rules":${rulesTable},"cats":${scriptJson(this.catIndex.names)},"totals":${scriptJson(t)},` +
        `"flagShare":${HTML_LIMITS.FLAG_SHARE},"pageSize":${HTML_LIMITS.PAGE_SIZE}}</script>\n<script>${APP_JS}</script>\n</body></html>\n`,
    );
    await out.close();
  }
}
