// Temporary directories for tests that write files (not a test file itself).
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll } from "vitest";

/** A fresh temporary directory, removed by the returned cleanup. */
export function tempDir(prefix = "bs-run-", base = tmpdir()): { dir: string; cleanup: () => void } {
  const dir = mkdtempSync(join(base, prefix));
  return { dir, cleanup: () => rmSync(dir, { recursive: true, force: true }) };
}

const cleanups: (() => void)[] = [];

/** A fresh temporary directory, removed when the test file that made it has finished. */
export function scratchDir(prefix: string): string {
  const { dir, cleanup } = tempDir(prefix);
  cleanups.push(cleanup);
  return dir;
}

afterAll(() => {
  for (const cleanup of cleanups.splice(0)) cleanup();
});
