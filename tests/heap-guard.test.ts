import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { getHeapStatistics } from "node:v8";
import { Worker } from "node:worker_threads";
import { describe, expect, it } from "vitest";
import { heapGuard } from "../src/run/heap-guard.js";
import { tempDir } from "./run-helpers.js";

const used = () => getHeapStatistics().used_heap_size;

const MB = 1024 * 1024;

/** About `mb` MB kept alive until the old generation holds it, then let go: garbage only a full collection frees. */
function oldGarbage(mb: number): void {
  let kept: number[][] | undefined = [];
  for (let i = 0; i < mb * 16; i++) kept.push(new Array(8192).fill(i + 0.5));
  expect(kept.length).toBe(mb * 16);
  kept = undefined;
}

/**
 * In a worker thread started with `limits`: MB of garbage present before the guard ran, and MB it freed
 * (the built module, as the pool's workers run it).
 */
async function inWorker(limits: { maxOldGenerationSizeMb?: number }): Promise<{ garbage: number; freed: number }> {
  const { dir, cleanup } = tempDir("bs-guard-");
  try {
    const script = join(dir, "guard.mjs");
    const guardModule = new URL("../dist/run/heap-guard.js", import.meta.url).href;
    writeFileSync(
      script,
      `import { heapGuard } from ${JSON.stringify(guardModule)};
import { getHeapStatistics } from "node:v8";
import { parentPort } from "node:worker_threads";
const used = () => getHeapStatistics().used_heap_size / ${MB};
const guard = heapGuard(0);
guard();
const floor = used();
let kept = [];
for (let i = 0; i < 40 * 16; i++) kept.push(new Array(8192).fill(i + 0.5));
kept = undefined;
const before = used();
guard();
parentPort.postMessage({ garbage: before - floor, freed: before - used() });
`,
    );
    const worker = new Worker(script, { resourceLimits: { maxYoungGenerationSizeMb: 8, ...limits } });
    return await new Promise((resolve, reject) => {
      worker.once("message", resolve);
      worker.once("error", reject);
    });
  } finally {
    cleanup();
  }
}

describe("heap guard (bounds a heap with V8's default limit)", () => {
  it("collects the garbage once the used heap passes its limit", () => {
    const guard = heapGuard(0);
    guard();
    const floor = used();
    oldGarbage(40);
    expect(used()).toBeGreaterThan(floor + 30 * MB);
    guard();
    expect(used()).toBeLessThan(floor + 4 * MB);
  });

  it("does nothing below its limit", () => {
    heapGuard(0)();
    const guard = heapGuard(64 * 1024);
    oldGarbage(40);
    const before = used();
    expect(before).toBeGreaterThan(30 * MB);
    guard();
    expect(used()).toBeGreaterThan(before - MB);
  });

  it("guards a worker with V8's default limit (JSON Lines records), not one started with a tight limit (files)", async () => {
    const loose = await inWorker({});
    expect(loose.garbage).toBeGreaterThan(30);
    expect(loose.freed).toBeGreaterThan(30);
    const tight = await inWorker({ maxOldGenerationSizeMb: 128 });
    expect(tight.garbage).toBeGreaterThan(30);
    expect(tight.freed).toBeLessThan(4);
  });
});
