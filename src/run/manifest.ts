import { createReadStream, createWriteStream, type WriteStream } from "node:fs";
import { mkdir, stat } from "node:fs/promises";
import { join } from "node:path";
import { createInterface } from "node:readline";
import { writeAtomic } from "../io/write-output.js";

/** The file in an --out directory listing what boilerstrip wrote there: one {"path","sha256"} per line, last entry wins. */
export const MANIFEST_NAME = ".boilerstrip-manifest.jsonl";

/**
 * How boilerstrip knows an existing output is its own: every file it writes
 * under --out is recorded with the sha256 of its bytes. An existing output may
 * be replaced when the manifest lists it with the hash of its current bytes
 * (nobody changed it since); any other existing file needs --force.
 *
 * Entries are appended as files are written (nothing held in memory), except
 * when an earlier manifest exists: it is loaded, updated, and rewritten
 * compacted (atomically) at the end of the run.
 */
export class Manifest {
  private stream?: WriteStream;
  private constructor(private readonly file: string, private readonly known?: Map<string, string>) {}

  static async open(outDir: string): Promise<Manifest> {
    const file = join(outDir, MANIFEST_NAME);
    const present = await stat(file).then((s) => s.isFile(), () => false);
    if (!present) return new Manifest(file);
    const known = new Map<string, string>();
    const lines = createInterface({ input: createReadStream(file, "utf8"), crlfDelay: Infinity });
    for await (const line of lines) {
      try {
        const e = JSON.parse(line) as { path?: unknown; sha256?: unknown };
        if (typeof e.path === "string" && typeof e.sha256 === "string") known.set(e.path, e.sha256);
      } catch {
        /* a line cut by a crash: ignore it */
      }
    }
    return new Manifest(file, known);
  }

  /** The hash boilerstrip recorded for an output (relative to the out dir). */
  hashOf(rel: string): string | undefined {
    return this.known?.get(rel);
  }

  async record(rel: string, sha256: string): Promise<void> {
    if (this.known) {
      this.known.set(rel, sha256);
      return;
    }
    if (!this.stream) {
      await mkdir(join(this.file, ".."), { recursive: true });
      this.stream = createWriteStream(this.file, { flags: "a" });
    }
    this.stream.write(JSON.stringify({ path: rel, sha256 }) + "\n");
  }

  async close(): Promise<void> {
    if (this.stream) {
      const s = this.stream;
      await new Promise<void>((resolve, reject) => s.end((err?: Error | null) => (err ? reject(err) : resolve())));
    }
    if (this.known) {
      const body = [...this.known].map(([path, sha256]) => JSON.stringify({ path, sha256 })).join("\n");
      await writeAtomic(this.file, Buffer.from(body ? body + "\n" : ""));
    }
  }
}
