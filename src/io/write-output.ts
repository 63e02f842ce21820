import { mkdir, writeFile } from "node:fs/promises";
import { dirname } from "node:path";

/**
 * Write a cleaned file. When nothing was removed, the original bytes are
 * written back, so an untouched file is byte-identical by construction.
 */
export async function writeOutput(path: string, original: Buffer, result: { text: string; changed: boolean }): Promise<void> {
  await mkdir(dirname(path), { recursive: true });
  await writeFile(path, result.changed ? Buffer.from(result.text, "utf8") : original);
}
