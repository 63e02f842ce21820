// Helpers for the clean pipeline's tests (not a test file itself).
import { spawn, type SpawnOptions } from "node:child_process";
import { existsSync, writeFileSync, mkdirSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { PassThrough, Readable } from "node:stream";
import { main } from "../src/cli/main.js";

export const ROOT = join(import.meta.dirname, "..");
export const BIN = join(ROOT, "bin", "boilerstrip.js");

/** A RAM-backed temporary directory when there is one (tests with many files), else the usual one. */
export const FAST_TMP = existsSync("/dev/shm") ? "/dev/shm" : tmpdir();

export { tempDir } from "./scratch.js";

/**
 * A small fixed rule set, so the pipeline's tests do not depend on the
 * built-in packs (which change): whole lines that are one of a few phrases.
 */
export const TEST_BOILERPLATE = ["Skip to content", "Subscribe to our newsletter", "Share this article", "Accept all cookies"];

export function writeTestRules(dir: string): string {
  const rulesDir = join(dir, "rules");
  mkdirSync(rulesDir, { recursive: true });
  writeFileSync(
    join(rulesDir, "boiler.yaml"),
    `id: test/boiler
kind: line
category: navigation
languages: [any]
description: test phrases
match:
  phrases: [${TEST_BOILERPLATE.map((p) => JSON.stringify(p)).join(", ")}]
examples:
  remove:
    - in: "Skip to content\\nBody text here.\\n"
      out: "Body text here.\\n"
  keep:
    - "Body text here.\\n"
`,
  );
  return rulesDir;
}

export interface CliRun {
  code: number;
  stdout: Buffer;
  stderr: string;
}

/** Run the CLI in-process (argv without "node boilerstrip"). */
export async function runCli(args: string[], stdin: string | Buffer = "", opts: { tty?: boolean } = {}): Promise<CliRun> {
  const out: Buffer[] = [];
  const err: Buffer[] = [];
  const stdout = new PassThrough();
  const stderr = new PassThrough();
  stdout.on("data", (c: Buffer) => out.push(c));
  stderr.on("data", (c: Buffer) => err.push(c));
  if (opts.tty) (stdout as unknown as { isTTY: boolean }).isTTY = true;
  const code = await main(["node", "boilerstrip", ...args], { stdin: Readable.from([Buffer.from(stdin)]), stdout, stderr, exitCode: 0 });
  return { code, stdout: Buffer.concat(out), stderr: Buffer.concat(err).toString("utf8") };
}

/** Run the built CLI (dist/) as a child process. */
export function spawnCli(args: string[], options: SpawnOptions & { input?: string | Buffer } = {}): Promise<CliRun> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [BIN, ...args], { ...options, stdio: ["pipe", "pipe", "pipe"] });
    const out: Buffer[] = [];
    const err: Buffer[] = [];
    child.stdout!.on("data", (c: Buffer) => out.push(c));
    child.stderr!.on("data", (c: Buffer) => err.push(c));
    child.on("error", reject);
    child.on("close", (code, signal) => resolve({ code: code ?? 128 + (signal === "SIGKILL" ? 9 : 15), stdout: Buffer.concat(out), stderr: Buffer.concat(err).toString("utf8") }));
    child.stdin!.end(options.input ?? "");
  });
}
