import { getHeapStatistics } from "node:v8";
import { describe, expect, it } from "vitest";
import { heapGuard } from "../src/run/heap-guard.js";

const used = () => getHeapStatistics().used_heap_size;

const MB = 1024 * 1024;

/** About `mb` MB kept alive until the old generation holds it, then let go: garbage only a full collection frees. */
function oldGarbage(mb: number): void {
  let kept: number[][] | undefined = [];
  for (let i = 0; i < mb * 16; i++) kept.push(new Array(8192).fill(i + 0.5));
  expect(kept.length).toBe(mb * 16);
  kept = undefined;
}

describe("heap guard (the main thread's bound for --jobs 1)", () => {
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
});
