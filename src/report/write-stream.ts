import { createWriteStream, type WriteStream } from "node:fs";
import { once } from "node:events";

/** A file written piece by piece, waiting for the disk when its buffer is full (reports of 20,000 files stay small in memory). */
export class TextFile {
  private readonly stream: WriteStream;
  private failed: Error | undefined;

  constructor(readonly path: string) {
    this.stream = createWriteStream(path, { encoding: "utf8" });
    this.stream.on("error", (e) => (this.failed = e));
  }

  async write(text: string): Promise<void> {
    if (this.failed) throw this.failed;
    if (!this.stream.write(text)) await Promise.race([once(this.stream, "drain"), once(this.stream, "error")]);
    if (this.failed) throw this.failed;
  }

  async close(): Promise<void> {
    if (this.failed) throw this.failed;
    this.stream.end();
    await once(this.stream, "finish");
  }
}
