import type { ReportEntry, ReportSink } from "./sink.js";

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
