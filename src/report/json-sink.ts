import { ruleSource } from "./rule-source.js";
import type { CompiledRule } from "../rules/types.js";
import { fileRecord } from "./file-record.js";
import { QueuedSink } from "./queued-sink.js";
import type { ReportEntry } from "./sink.js";
import { TotalsBuilder } from "./totals.js";
import { TextFile } from "./write-stream.js";

export const JSON_REPORT_FORMAT = 1;

/**
 * `--report run.json`: one object `{tool, format, rules, files: [...], totals}`.
 * A file is `{path, changed, bytesIn, bytesRemoved, linesDeleted, linesEdited,
 * removals: [{ruleId, ruleIds, category, bytes: [start, end], lines: [first, last], column, text}]}`
 * (byte offsets into the file as stored; lines 1-based) or `{path, error}`. A file the content
 * guard left unchanged has `guarded` (why) and `wouldRemove` (what the rules proposed).
 * Files are streamed out as they come; the totals close the object.
 */
export class JsonReportSink extends QueuedSink {
  private readonly out: TextFile;
  private readonly totals = new TotalsBuilder();
  private first = true;
  private readonly header: string;

  constructor(file: string, rules: readonly CompiledRule[]) {
    super();
    this.out = new TextFile(file);
    const ruleInfo = rules.map((r) => ({ id: r.meta.id, category: r.meta.category, description: r.meta.description, source: ruleSource(r.meta) }));
    this.header = `{"tool":"boilerstrip","format":${JSON_REPORT_FORMAT},"rules":${JSON.stringify(ruleInfo)},\n"files":[\n`;
  }

  protected async handle(entry: ReportEntry): Promise<void> {
    const r = fileRecord(entry, this.totals);
    const obj = r.error !== undefined
      ? { path: r.path, error: r.error }
      : r.windowed
      ? { path: r.path, changed: r.windowed.changed, bytesIn: r.bytesIn, bytesRemoved: r.windowed.bytesRemoved, linesDeleted: r.windowed.linesDeleted, windows: r.windowed.windows, removals: [] }
      : {
          path: r.path,
          changed: r.removals.length > 0,
          bytesIn: r.bytesIn,
          bytesRemoved: r.diff?.bytesRemoved ?? 0,
          linesDeleted: r.diff?.linesDeleted ?? 0,
          linesEdited: r.diff?.linesEdited ?? 0,
          removals: r.removals,
          ...(r.guarded !== undefined ? { guarded: r.guarded, wouldRemove: r.wouldRemove } : {}),
        };
    const sep = this.first ? this.header : ",\n";
    this.first = false;
    await this.out.write(sep + JSON.stringify(obj));
  }

  protected async complete(): Promise<void> {
    await this.out.write(`${this.first ? this.header : ""}\n],\n"totals":${JSON.stringify(this.totals.totals)}}\n`);
    await this.out.close();
  }
}
