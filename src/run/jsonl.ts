import { createReadStream } from "node:fs";
import { drained } from "../io/drained.js";
import type { Span } from "../engine/spans.js";
import type { ReportEntry, ReportSink } from "../report/sink.js";
import { RunStats, summarize } from "../report/stats.js";
import { formatMB } from "../io/read-text.js";
import type { TextOutcome } from "./messages.js";
import type { Cleaner } from "./pool.js";
import { applyEdits, objectLayout } from "./json-field.js";
import type { Progress } from "./progress.js";
import { onStopSignals, type StopState } from "./signals.js";

/** The field added by --spans: [[start, end, ruleId], ...] in Unicode code points of the input text. */
export const SPANS_FIELD = "boilerstrip_spans";

export interface JsonlOptions {
  inputs: string[];
  textField: string;
  spans: boolean;
  onError: "pass" | "skip";
  maxBytes: number;
  failFast: boolean;
  /** How many records to keep in flight; output order is kept. */
  window: number;
  stdin: NodeJS.ReadableStream;
  out: NodeJS.WritableStream;
  stderr: NodeJS.WritableStream;
  progress: Progress;
  report?: ReportSink;
}

/** Split a byte stream into lines (without the `\n`), holding one line at a time. */
export async function* byteLines(stream: AsyncIterable<unknown>): AsyncGenerator<Buffer> {
  let parts: Buffer[] = [];
  for await (const chunk of stream) {
    const buf = typeof chunk === "string" ? Buffer.from(chunk) : (chunk as Buffer);
    let pos = 0;
    let nl: number;
    while ((nl = buf.indexOf(10, pos)) >= 0) {
      parts.push(buf.subarray(pos, nl));
      yield parts.length === 1 ? parts[0]! : Buffer.concat(parts);
      parts = [];
      pos = nl + 1;
    }
    if (pos < buf.length) parts.push(buf.subarray(pos));
  }
  if (parts.length > 0) yield Buffer.concat(parts);
}

/** Convert sorted UTF-16 span offsets to code point offsets (what Python's str indexes). */
export function toCodePoints(text: string, spans: readonly Span[]): [number, number, string][] {
  const out: [number, number, string][] = [];
  let unit = 0;
  let cp = 0;
  const advance = (to: number) => {
    for (; unit < to; unit++, cp++) {
      const c = text.charCodeAt(unit);
      if (c >= 0xd800 && c <= 0xdbff && unit + 1 < to) {
        const d = text.charCodeAt(unit + 1);
        if (d >= 0xdc00 && d <= 0xdfff) unit++;
      }
    }
    return cp;
  };
  for (const s of spans) out.push([advance(s.start), advance(s.end), s.ruleId]);
  return out;
}

const utf8 = new TextDecoder("utf-8", { fatal: true });

type Parsed = { line: string; text: string } | { error: string };

/** Decode and check one record; the text to clean or why the line is malformed. */
export function parseRecord(bytes: Buffer, field: string, maxBytes: number): Parsed {
  if (bytes.length > maxBytes) return { error: `line of ${formatMB(bytes.length)} is over the --max-size limit of ${formatMB(maxBytes)}` };
  let line: string;
  try {
    line = utf8.decode(bytes);
  } catch {
    return { error: "not valid UTF-8" };
  }
  let value: unknown;
  try {
    value = JSON.parse(line);
  } catch (e) {
    return { error: line.trim() === "" ? "empty line (not a JSON object)" : `not valid JSON (${(e as Error).message})` };
  }
  if (typeof value !== "object" || value === null || Array.isArray(value)) return { error: "not a JSON object" };
  const text = (value as Record<string, unknown>)[field];
  if (text === undefined) return { error: `no "${field}" field` };
  if (typeof text !== "string") return { error: `the "${field}" field is not a string` };
  return { line, text };
}

/** The output line for a cleaned record: only the text field (and the spans field) change. */
export function rewriteRecord(line: string, field: string, outcome: TextOutcome, spansFor?: string): string {
  const layout = objectLayout(line)!;
  const edits: [number, number, string][] = [];
  if (outcome.result.changed) {
    const [s, e] = layout.values.get(field)!;
    edits.push([s, e, JSON.stringify(outcome.result.text)]);
  }
  if (spansFor !== undefined) {
    const value = JSON.stringify(toCodePoints(spansFor, outcome.result.spans));
    const existing = layout.values.get(SPANS_FIELD);
    if (existing) edits.push([existing[0], existing[1], value]);
    else edits.push([layout.close, layout.close, `${layout.empty ? "" : ","}${JSON.stringify(SPANS_FIELD)}:${value}`]);
  }
  return edits.length ? applyEdits(line, edits) : line;
}

interface Pending {
  /** The finished output line (with \n), or undefined to skip the line; and the record's report entry. */
  done: Promise<{ out?: Buffer; entry?: ReportEntry }>;
}

/**
 * Clean JSON Lines: one output line per input line (or none for a malformed
 * line with --on-error skip), in input order, nothing else on the output.
 * Records are cleaned in parallel; a bounded window keeps the order.
 */
export async function runJsonl(opts: JsonlOptions, cleaner: Cleaner): Promise<{ stats: RunStats; signal?: NodeJS.Signals }> {
  const stats = new RunStats();
  const stop: StopState = { requested: false };
  const dispose = onStopSignals(stop, opts.stderr, () => []);
  const window: Pending[] = [];
  let id = 0;
  let reportChain = Promise.resolve();
  let broken = false;
  const onOutError = (e: NodeJS.ErrnoException) => {
    // the reader went away (e.g. `| head`): stop quietly
    if (e.code === "EPIPE") broken = true;
  };
  opts.out.on("error", onOutError);

  // records are written, and reported, in input order whichever finishes first
  const write = async ({ out, entry }: { out?: Buffer; entry?: ReportEntry }) => {
    if (entry && opts.report) {
      const sink = opts.report;
      reportChain = reportChain.then(() => sink.add(entry));
    }
    if (!out || broken) return;
    if (!opts.out.write(out)) await drained(opts.out);
  };

  const malformed = (where: string, reason: string, raw: Buffer): Pending => {
    stats.fail(where, reason);
    opts.stderr.write(`boilerstrip: ${where}: ${reason}${opts.onError === "pass" ? ", passed through unchanged" : ", skipped"}\n`);
    if (opts.failFast) stop.requested = true;
    return { done: Promise.resolve(opts.onError === "pass" ? { out: Buffer.concat([raw, Buffer.from("\n")]) } : {}) };
  };

  try {
    for (const input of opts.inputs) {
      const source = input === "-" ? opts.stdin : createReadStream(input);
      const name = input === "-" ? "<stdin>" : input;
      let lineNo = 0;
      try {
        for await (const raw of byteLines(source as AsyncIterable<unknown>)) {
          if (stop.requested || broken) break;
          lineNo++;
          const where = `${name}:${lineNo}`;
          const parsed = parseRecord(raw, opts.textField, opts.maxBytes);
          let pending: Pending;
          if ("error" in parsed) pending = malformed(where, parsed.error, raw);
          else {
            const { line, text } = parsed;
            pending = {
              done: cleaner.text(id++, text).then((outcome) => {
                if (outcome.error) return malformed(where, `cleaning failed (${outcome.error})`, raw).done;
                stats.addSummary(summarize(text, outcome.result));
                if (outcome.guarded) stats.guard(where, outcome.guarded);
                opts.progress.tick(raw.length);
                const out = Buffer.from(rewriteRecord(line, opts.textField, outcome, opts.spans ? text : undefined) + "\n", "utf8");
                if (!opts.report) return { out };
                return { out, entry: { path: where, input: text, result: outcome.proposed ?? outcome.result, ...(outcome.guarded ? { guarded: outcome.guarded } : {}) } };
              }),
            };
          }
          window.push(pending);
          while (window.length >= opts.window) await write(await window.shift()!.done);
        }
      } catch (e) {
        const err = e as NodeJS.ErrnoException;
        stats.fail(name, `cannot read (${err.code ?? err.message})`);
        opts.stderr.write(`boilerstrip: ${name}: cannot read (${err.code ?? err.message})\n`);
      }
    }
    while (window.length > 0) await write(await window.shift()!.done);
    await reportChain;
  } finally {
    dispose();
    opts.out.off("error", onOutError);
    opts.progress.done();
  }
  return { stats, signal: stop.signal };
}
