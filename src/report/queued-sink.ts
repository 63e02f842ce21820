import type { CompiledRule } from "../rules/types.js";
import type { ReportEntry, ReportSink } from "./sink.js";
import { Spool } from "./spool.js";
import { TotalsBuilder } from "./totals.js";
import { TextFile } from "./write-stream.js";

/**
 * A sink whose entries are handled one after the other, in the order `add`
 * was called, whether or not the caller awaits each `add`.
 */
export abstract class QueuedSink implements ReportSink {
  private queue: Promise<void> = Promise.resolve();

  protected abstract handle(entry: ReportEntry): Promise<void>;
  protected abstract complete(): Promise<void>;

  add(entry: ReportEntry): Promise<void> {
    this.queue = this.queue.then(() => this.handle(entry));
    return this.queue;
  }

  async finish(): Promise<void> {
    this.queue = this.queue.then(() => this.complete());
    return this.queue;
  }
}

/**
 * A report written to one file at the end of the run (Markdown, HTML): the run's
 * totals, the files that failed, and a spool for per-file data while the run goes.
 */
export abstract class SpooledReportSink extends QueuedSink {
  protected readonly totals = new TotalsBuilder();
  protected readonly failures: { path: string; error: string }[] = [];
  protected readonly spool: Spool;
  protected readonly out: TextFile;

  constructor(file: string, protected readonly rules: readonly CompiledRule[], spoolPrefix: string) {
    super();
    this.out = new TextFile(file);
    this.spool = new Spool(spoolPrefix);
  }
}
