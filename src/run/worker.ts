import { parentPort, workerData } from "node:worker_threads";
import { selectRules } from "../config/select.js";
import { loadCorpusStats } from "../corpus/load.js";
import { handleRequest } from "./handle.js";
import type { WorkerRequest } from "./messages.js";
import type { RunSettings } from "./process-file.js";

// A worker thread of the clean pool: compiles the rules once (they are data
// files, so only the rule options cross the thread boundary), then cleans the
// requests it is sent. The pool keeps a few in flight per worker, so one
// file's reading and writing overlaps another's cleaning.
const settings = workerData as RunSettings;
const rules = selectRules(settings.ruleOptions, { cwd: settings.cwd });
const counts = settings.statsFile ? loadCorpusStats([settings.statsFile]) : undefined;
parentPort!.on("message", (req: WorkerRequest) => {
  void handleRequest(req, rules, settings, counts).then((reply) => parentPort!.postMessage(reply));
});
