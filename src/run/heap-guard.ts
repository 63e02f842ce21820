import { getHeapStatistics, setFlagsFromString } from "node:v8";
import { runInNewContext } from "node:vm";

const MB = 1024 * 1024;

/**
 * A heap with V8's default limit (some GB: the main thread, and a worker cleaning JSON Lines records,
 * whose size --max-size bounds rather than a window) may grow to several times what is live before V8
 * collects it. The guard collects garbage once the used heap passes `limitMb`, or 1.5 times what the last
 * collection left when that is more (so a large live heap is not collected after every call; with twice, one
 * 200 MB file with --jobs 1 peaked at 257 MB, with 1.5 times at 205 MB: 40 MB or so stay live between windows).
 * Measured in sessions 9 and 10 (docs/scale.md): six copies of dev with --jobs 1 peaked at 241-251 MB of
 * RSS in some runs without a guard, 148-152 MB with it at 64 or 96 MB; one 200 MB file with --jobs 1,
 * 412 MB without, 257 MB at 96 MB, 213 MB at 64; 60 MB of JSON Lines with two workers, 344-394 MB
 * without, 270-279 MB at 64 MB.
 */
export function heapGuard(limitMb = 64): () => void {
  const gc = exposedGc();
  if (!gc) return () => undefined;
  let next = limitMb * MB;
  return () => {
    if (getHeapStatistics().used_heap_size <= next) return;
    gc();
    next = Math.max(limitMb * MB, 1.5 * getHeapStatistics().used_heap_size);
  };
}

let guard: (() => void) | undefined;

/** The thread's guard (see heapGuard), called after each request (file, record) and each window of a file cleaned. */
export function guardHeap(): void {
  (guard ??= heapGuard())();
}

/**
 * No guard in this thread: a worker cleaning files starts with an old-generation limit (workerHeapMb,
 * 128 MB), and V8 collects its heap early (its old space peaked at about 45 MB); a guard there only cost
 * CPU (one 200 MB file: 19% more, for no less memory).
 */
export function leaveHeapToV8(): void {
  guard = () => undefined;
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
