import { getHeapStatistics } from "node:v8";
import { describe, expect, it } from "vitest";
import { guardHeap, heapGuard, leaveHeapToV8 } from "../src/run/heap-guard.js";

const MB = 1024 * 1024;
const used = () => getHeapStatistics().used_heap_size;

/** About `mb` MB kept alive until the old generation holds it, then let go: garbage only a full collection frees. */
function oldGarbage(mb: number): void {
  let kept: number[][] | undefined = [];
  for (let i = 0; i < mb * 16; i++) kept.push(new Array(8192).fill(i + 0.5));
  expect(kept.length).toBe(Math.ceil(mb * 16));
  kept = undefined;
}

describe("heap guard (bounds a heap with V8's default limit)", () => {
  it("collects the garbage once the used heap passes its limit", () => {
    const guard = heapGuard(0);
    guard();
    const floor = used();
    // past 1.5 times what the first collection left, whatever this process holds
    oldGarbage(Math.max(40, (1.5 * floor) / MB));
    expect(used()).toBeGreaterThan(1.5 * floor);
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

  it("after a collection, waits until the heap is 1.5 times what it left", () => {
    const guard = heapGuard(0);
    guard();
    const live = used();
    oldGarbage((0.25 * live) / MB);
    const before = used();
    expect(before).toBeLessThan(1.5 * live);
    guard();
    expect(used()).toBeGreaterThan(before - MB);
    oldGarbage(Math.max(40, (1.5 * live) / MB));
    guard();
    expect(used()).toBeLessThan(live + 4 * MB);
  });

  it("the thread's guard collects past 64 MB until the thread leaves its heap to V8 (a file-cleaning worker)", () => {
    guardHeap();
    const floor = used();
    oldGarbage(Math.max(80, (2 * floor) / MB));
    guardHeap();
    expect(used()).toBeLessThan(floor + 4 * MB);
    leaveHeapToV8();
    oldGarbage(80);
    const before = used();
    expect(before).toBeGreaterThan(floor + 60 * MB);
    guardHeap();
    expect(used()).toBeGreaterThan(before - MB);
  });
});
