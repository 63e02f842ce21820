import type { CorpusCounts } from "../corpus/counts.js";
import type { CompiledRule } from "../rules/types.js";
import { cleanDocument } from "./document.js";
import type { WorkerReply, WorkerRequest } from "./messages.js";
import { processFile, type RunSettings } from "./process-file.js";
import { cleanWindow, windowText, type WindowHelpers } from "./windows.js";

/**
 * Do one request: the same code runs in-process (--jobs 1) and in worker threads.
 * `helpers`: the pool's other workers, which clean windows of a big file too.
 */
export function handleRequest(req: WorkerRequest, rules: readonly CompiledRule[], settings: RunSettings, counts?: CorpusCounts, helpers?: WindowHelpers): WorkerReply {
  if (req.kind === "file") return { kind: "file", outcome: processFile(req.task, rules, settings, counts, helpers) };
  if (req.kind === "window") {
    try {
      return { kind: "window", outcome: { id: req.id, ok: true, window: cleanWindow(windowText(req.bytes), rules, settings.guard, counts?.forDocument(req.path)) } };
    } catch (e) {
      return { kind: "window", outcome: { id: req.id, ok: false, error: (e as Error).message } };
    }
  }
  try {
    const doc = cleanDocument(req.text, rules, settings.guard, counts?.overall());
    return { kind: "text", outcome: { id: req.id, result: doc.result, ...(doc.guarded ? { guarded: doc.guarded, proposed: doc.proposed } : {}) } };
  } catch (e) {
    return { kind: "text", outcome: { id: req.id, result: { text: req.text, spans: [], changed: false }, error: (e as Error).message } };
  }
}
