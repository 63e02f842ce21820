import { getHeapStatistics, setFlagsFromString } from "node:v8";
import { runInNewContext } from "node:vm";
import { isMainThread } from "node:worker_threads";

/**
 * The main thread's heap has V8's default limits (a worker's are set when it starts, see pool.ts).
 * Cleaning files on it (`--jobs 1`), V8 now and then lets the heap grow to three or four times what
 * is live before a full collection: six copies of dev peaked at 241-251 MB of RSS in some runs and
 * 141-145 MB in others. The guard collects garbage once the used heap passes `limitMb`; with 96 MB
 * the high runs peaked at 180-185 MB, with two or three collections per run (session 9, docs/scale.md).
 * The run's guard uses 64 MB: a file cleaned in windows (one 200 MB file) peaked at 412 MB without a
 * guard, 257 MB at 96 MB and 213-214 MB at 64 MB (session 10); six copies of dev, 167-183 MB with either.
 */
export function heapGuard(limitMb = 64): () => void {
  const gc = exposedGc();
  if (!gc) return () => undefined;
  const limit = limitMb * 1024 * 1024;
  return () => {
    if (getHeapStatistics().used_heap_size > limit) gc();
  };
}

let shared: (() => void) | undefined;

/**
 * The run's guard, called after each file, record and window cleaned: on the main thread only (a
 * worker's heap has its limits from the start). A file cleaned in windows holds one window at a
 * time, but without a guard after each window the main thread's heap grew to 412 MB of RSS on a 200 MB file.
 */
export function guardHeap(): void {
  if (isMainThread) (shared ??= heapGuard())();
}

/** V8's `gc()`, made available at run time (the `--expose-gc` flag only adds it to contexts made after it is set). */
function exposedGc(): (() => void) | undefined {
  if (typeof (globalThis as { gc?: unknown }).gc === "function") return (globalThis as unknown as { gc: () => void }).gc;
  try {
    setFlagsFromString("--expose-gc");
    const gc: unknown = runInNewContext("gc");
    return typeof gc === "function" ? (gc as () => void) : undefined;
  } catch {
    return undefined;
  }
}
