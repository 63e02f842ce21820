import { parentPort, receiveMessageOnPort, workerData } from "node:worker_threads";
import { loadCorpusStats } from "../corpus/load.js";
import { compileRule } from "../rules/compile.js";
import { regexEngineForFile } from "../rules/load.js";
import { withRegexEngine } from "../rules/matcher.js";
import { handleRequest } from "./handle.js";
import { transferOf, type WorkerMessage, type WorkerPost } from "./messages.js";
import type { WorkerSetup } from "./pool.js";
import type { HelperResult, WindowHelpers } from "./windows.js";

// A worker thread of the clean pool: compiles the rules once from the specs
// the main thread selected and validated (no rule file is read again), then
// cleans the requests it is sent. The pool keeps a few in flight per worker,
// so one file's reading and writing overlaps another's cleaning.
const { settings, rules: data, poolSize, signal } = workerData as WorkerSetup;
const rules = data.map(({ spec, source }) => withRegexEngine(regexEngineForFile(source.file), () => compileRule(spec, source)));
const counts = settings.statsFile ? loadCorpusStats([settings.statsFile]) : undefined;
const port = parentPort!;
const post = (msg: WorkerPost) => port.postMessage(msg, transferOf(msg));

/** Windows kept with the other workers while this one writes a big file: two each. */
const WINDOWS_PER_HELPER = 2;
let nextWindow = 0;
const encoder = new TextEncoder();

// While this thread writes a big file, its messages are taken synchronously
// (it does not return to the event loop until the file is done): results of
// its windows are returned, windows and texts of others are cleaned at once
// (so two workers writing big files never wait on each other), files are
// handed back to the pool for another worker. The pool bumps `signal` after
// each message it posts here, which wakes the wait.
const helpers: WindowHelpers = {
  capacity: WINDOWS_PER_HELPER * (poolSize - 1),
  send(text, path) {
    const id = nextWindow++;
    post({ kind: "ask", id, bytes: encoder.encode(text), path });
    return id;
  },
  take(wait): HelperResult | undefined {
    for (;;) {
      const seen = Atomics.load(signal, 0);
      const got = receiveMessageOnPort(port);
      if (got) {
        const msg = got.message as WorkerMessage;
        if (msg.kind === "cleaned") return msg.result;
        if (msg.kind === "file") post({ kind: "returned", req: msg });
        else post(handleRequest(msg, rules, settings, counts));
        continue;
      }
      if (!wait) return undefined;
      Atomics.wait(signal, 0, seen, 1000);
    }
  },
};

port.on("message", (msg: WorkerMessage) => {
  // a late result of a window of a file already finished (or failed)
  if (msg.kind === "cleaned") return;
  post(handleRequest(msg, rules, settings, counts, helpers));
});
