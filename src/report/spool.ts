import { createReadStream } from "node:fs";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { createInterface } from "node:readline";
import { TextFile } from "./write-stream.js";

/**
 * A temporary file a report writes per-file data to during the run (so memory
 * stays flat) and reads back once when it finishes. Created on the first write;
 * removed after it is read.
 */
export class Spool {
  private file: TextFile | undefined;
  private dir: string | undefined;
  /** Lines (records) written so far. */
  count = 0;

  constructor(private readonly prefix: string) {}

  get empty(): boolean {
    return this.file === undefined;
  }

  async write(text: string): Promise<void> {
    if (!this.file) {
      this.dir = await mkdtemp(join(tmpdir(), this.prefix));
      this.file = new TextFile(join(this.dir, "spool"));
    }
    this.count++;
    await this.file.write(text);
  }

  /** The spooled text in chunks (nothing when empty), then the file is removed. */
  async *chunks(): AsyncGenerator<string> {
    yield* this.drain(async function* (path) {
      for await (const chunk of createReadStream(path, "utf8")) yield chunk as string;
    });
  }

  /** The spooled lines (nothing when empty), then the file is removed. */
  async *lines(): AsyncGenerator<string> {
    yield* this.drain(async function* (path) {
      yield* createInterface({ input: createReadStream(path, "utf8"), crlfDelay: Infinity });
    });
  }

  private async *drain(read: (path: string) => AsyncGenerator<string>): AsyncGenerator<string> {
    if (!this.file) return;
    await this.file.close();
    try {
      yield* read(this.file.path);
    } finally {
      await rm(this.dir!, { recursive: true, force: true });
    }
  }
}
