import type { CorpusCounts } from "../corpus/counts.js";
import type { CompiledRule } from "../rules/types.js";
import { cleanDocument } from "./document.js";
import { guardHeap } from "./heap-guard.js";
import type { WorkerReply, WorkerRequest } from "./messages.js";
import { processFile, type RunSettings } from "./process-file.js";

/** Do one request: the same code runs in-process (--jobs 1) and in worker threads. */
export async function handleRequest(req: WorkerRequest, rules: readonly CompiledRule[], settings: RunSettings, counts?: CorpusCounts): Promise<WorkerReply> {
  try {
    return handle(req, rules, settings, counts);
  } finally {
    guardHeap();
  }
}

function handle(req: WorkerRequest, rules: readonly CompiledRule[], settings: RunSettings, counts?: CorpusCounts): WorkerReply {
  if (req.kind === "file") return { kind: "file", outcome: processFile(req.task, rules, settings, counts) };
  try {
    const doc = cleanDocument(req.text, rules, settings.guard, counts?.overall());
    return { kind: "text", outcome: { id: req.id, result: doc.result, ...(doc.guarded ? { guarded: doc.guarded, proposed: doc.proposed } : {}) } };
  } catch (e) {
    return { kind: "text", outcome: { id: req.id, result: { text: req.text, spans: [], changed: false }, error: (e as Error).message } };
  }
}
