import { existsSync, unlinkSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { Worker } from "node:worker_threads";
import type { CorpusCounts } from "../corpus/counts.js";
import { literalAnalyses, releaseCompiledMatchers } from "../rules/matcher.js";
import type { CompiledRule, RuleSource, RuleSpec } from "../rules/types.js";
import { handleRequest } from "./handle.js";
import type { TextOutcome, WorkerReply, WorkerRequest } from "./messages.js";
import type { FileOutcome, FileTask, RunSettings } from "./process-file.js";

/** Cleans files and texts, in-process or on worker threads. */
export interface Cleaner {
  file(task: FileTask): Promise<FileOutcome>;
  text(id: number, text: string): Promise<TextOutcome>;
  /** Temporary files of requests in progress (removed on a forced exit). */
  pendingTemps(): string[];
  close(): Promise<void>;
}

/**
 * The compiled worker entry: next to this module when running from dist/,
 * else dist/run/worker.js (running the TypeScript sources under vitest: build first).
 */
export function workerEntry(): URL {
  const here = new URL("./worker.js", import.meta.url);
  if (existsSync(fileURLToPath(here))) return here;
  const built = new URL("../../dist/run/worker.js", import.meta.url);
  if (existsSync(fileURLToPath(built))) return built;
  throw new Error("worker entry dist/run/worker.js not found: run `npm run build` first (or use --jobs 1)");
}

class InProcess implements Cleaner {
  private readonly temps = new Set<string>();
  constructor(private readonly rules: readonly CompiledRule[], private readonly settings: RunSettings, private readonly counts?: CorpusCounts) {}
  async file(task: FileTask): Promise<FileOutcome> {
    this.temps.add(task.tmp);
    try {
      return ((await handleRequest({ kind: "file", task }, this.rules, this.settings, this.counts)) as { outcome: FileOutcome }).outcome;
    } finally {
      this.temps.delete(task.tmp);
    }
  }
  async text(id: number, text: string): Promise<TextOutcome> {
    return ((await handleRequest({ kind: "text", id, text }, this.rules, this.settings, this.counts)) as { outcome: TextOutcome }).outcome;
  }
  pendingTemps(): string[] {
    return [...this.temps];
  }
  async close(): Promise<void> {}
}

interface Job {
  req: WorkerRequest;
  resolve: (reply: WorkerReply) => void;
}

interface Slot {
  worker: Worker;
  inFlight: Map<number, Job>;
}

/** What a worker thread starts with: the run settings and the selected rules as data (compiled again there). */
export interface WorkerSetup {
  settings: RunSettings;
  rules: { spec: RuleSpec; source: RuleSource }[];
  /** The main thread's literal analyses of the rules' regexes (literalAnalyses), so no worker makes them again. */
  literals: Record<string, readonly string[] | null>;
}

/**
 * A worker's young generation (MB), a quarter of V8's default. Measured on six copies of dev with
 * two workers (session 9, six interleaved runs each): 8 MB peaked at 209-229 MB of RSS, 16 MB at
 * 227-250 MB (the 250 MB target), for about 6% more CPU within this VM's noise.
 */
const WORKER_YOUNG_MB = 8;

/** Requests kept in flight per worker: enough to overlap one file's I/O with another's cleaning. */
const PER_WORKER = 3;

const reqId = (req: WorkerRequest) => (req.kind === "file" ? req.task.id : req.id);

class Pool implements Cleaner {
  private readonly slots: Slot[] = [];
  private readonly queue: Job[] = [];
  private closing = false;
  private respawns = 0;

  private readonly setup: WorkerSetup;

  private readonly heapMb: number | undefined;

  constructor(private readonly size: number, rules: readonly CompiledRule[], settings: RunSettings) {
    this.heapMb = settings.workerHeapMb;
    // the rules as already selected, validated and option-merged here: workers compile them without reading rule files
    // (without their examples and description: a worker never reads them, and ten thousand rules' examples add up)
    this.setup = {
      settings,
      rules: rules.map((r) => ({ spec: { ...r.spec, description: "", examples: { remove: [], keep: [] } }, source: r.meta.source })),
      literals: literalAnalyses(),
    };
    // one worker now, the others when work waits while every worker is busy (a run of one big file needs one)
    this.slots.push(this.spawn());
    // this thread never runs the rules: once its caller drops them, their compiled regexes can go
    releaseCompiledMatchers();
  }

  private spawn(): Slot {
    const limits = { maxYoungGenerationSizeMb: WORKER_YOUNG_MB, ...(this.heapMb ? { maxOldGenerationSizeMb: this.heapMb } : {}) };
    const worker = new Worker(workerEntry(), { workerData: this.setup, resourceLimits: limits });
    const slot: Slot = { worker, inFlight: new Map() };
    worker.on("message", (reply: WorkerReply) => {
      const id = reply.outcome.id;
      const job = slot.inFlight.get(id);
      if (!job) return;
      slot.inFlight.delete(id);
      job.resolve(reply);
      this.pump();
    });
    worker.on("error", () => undefined); // the exit handler does the work
    worker.on("exit", (code) => this.lost(slot, code));
    return slot;
  }

  /** A worker died (crash, out of memory, terminated): fail what it held, replace it. */
  private lost(slot: Slot, code: number): void {
    const i = this.slots.indexOf(slot);
    if (i < 0) return;
    for (const job of slot.inFlight.values()) {
      if (job.req.kind === "file") {
        try {
          unlinkSync(job.req.task.tmp);
        } catch {
          /* not created yet, or already renamed */
        }
        job.resolve({ kind: "file", outcome: { id: job.req.task.id, ok: false, reason: `the worker thread cleaning it stopped (exit code ${code}); the file is either untouched or fully written` } });
      } else {
        job.resolve({ kind: "text", outcome: { id: job.req.id, result: { text: job.req.text, spans: [], changed: false }, error: `worker thread stopped (exit code ${code})` } });
      }
    }
    slot.inFlight.clear();
    if (this.closing || this.respawns >= 4 * this.size) {
      this.slots.splice(i, 1);
      if (this.slots.length === 0) for (const job of this.queue.splice(0)) this.failUnrun(job);
      return;
    }
    this.respawns++;
    this.slots[i] = this.spawn();
    this.pump();
  }

  private failUnrun(job: Job): void {
    const reason = "no worker thread left to clean it";
    if (job.req.kind === "file") job.resolve({ kind: "file", outcome: { id: job.req.task.id, ok: false, reason } });
    else job.resolve({ kind: "text", outcome: { id: job.req.id, result: { text: job.req.text, spans: [], changed: false }, error: reason } });
  }

  private pump(): void {
    while (this.queue.length > 0) {
      let best: Slot | undefined;
      for (const s of this.slots) if (s.inFlight.size < PER_WORKER && (!best || s.inFlight.size < best.inFlight.size)) best = s;
      if ((!best || best.inFlight.size > 0) && !this.closing && this.slots.length < this.size) this.slots.push((best = this.spawn()));
      if (!best) return;
      const job = this.queue.shift()!;
      best.inFlight.set(reqId(job.req), job);
      best.worker.postMessage(job.req);
    }
  }

  private send(req: WorkerRequest): Promise<WorkerReply> {
    if (this.slots.length === 0) return Promise.reject(new Error("no worker thread left"));
    return new Promise((resolve) => {
      this.queue.push({ req, resolve });
      this.pump();
    });
  }

  async file(task: FileTask): Promise<FileOutcome> {
    return ((await this.send({ kind: "file", task })) as { outcome: FileOutcome }).outcome;
  }
  async text(id: number, text: string): Promise<TextOutcome> {
    return ((await this.send({ kind: "text", id, text })) as { outcome: TextOutcome }).outcome;
  }
  pendingTemps(): string[] {
    return this.slots.flatMap((s) => [...s.inFlight.values()].flatMap((j) => (j.req.kind === "file" ? [j.req.task.tmp] : [])));
  }
  async close(): Promise<void> {
    this.closing = true;
    await Promise.all(this.slots.map((s) => s.worker.terminate()));
  }
}

/**
 * A cleaner with `jobs` worker threads, or in-process for `jobs` = 1. Workers get
 * the rules' specs and compile them once each. Corpus
 * counts reach workers through `settings.statsFile`; in-process they are used directly.
 */
export function createCleaner(jobs: number, rules: readonly CompiledRule[], settings: RunSettings, counts?: CorpusCounts): Cleaner {
  return jobs <= 1 ? new InProcess(rules, settings, counts) : new Pool(jobs, rules, settings);
}
