import { parentPort, workerData } from "node:worker_threads";
import { loadCorpusStats } from "../corpus/load.js";
import { compileRule } from "../rules/compile.js";
import { regexEngineForFile } from "../rules/load.js";
import { seedLiteralAnalyses, withRegexEngine } from "../rules/matcher.js";
import { handleRequest } from "./handle.js";
import { leaveHeapToV8 } from "./heap-guard.js";
import type { WorkerRequest } from "./messages.js";
import type { WorkerSetup } from "./pool.js";

// A worker thread of the clean pool: compiles the rules once from the specs
// the main thread selected and validated, with the main thread's literal analyses
// of their regexes (no rule file or rule snapshot is read again), then
// cleans the requests it is sent. The pool keeps a few in flight per worker,
// so one file's reading and writing overlaps another's cleaning.
const { settings, rules: data, literals } = workerData as WorkerSetup;
seedLiteralAnalyses(literals);
const rules = data.map(({ spec, source }) => withRegexEngine(regexEngineForFile(source.file), () => compileRule(spec, source)));
const counts = settings.statsFile ? loadCorpusStats([settings.statsFile]) : undefined;
// the pool gives a worker cleaning files an old-generation limit (workerHeapMb); one cleaning records has V8's default
if (settings.workerHeapMb !== undefined) leaveHeapToV8();
parentPort!.on("message", (req: WorkerRequest) => {
  void handleRequest(req, rules, settings, counts).then((reply) => parentPort!.postMessage(reply));
});
