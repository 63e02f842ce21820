import { createWriteStream, mkdirSync, openSync, type WriteStream } from "node:fs";
import { once } from "node:events";
import { drained } from "../io/drained.js";
import { dirname } from "node:path";
import { ReportError } from "./report-error.js";


/**
 * A file written piece by piece, waiting for the disk when its buffer is full
 * (reports of 20,000 files stay small in memory). It is created (with its
 * directory) when constructed, so a path that cannot be written fails at
 * once, before the run, with a one-line message.
 */
export class TextFile {
  private readonly stream: WriteStream;
  private failed: Error | undefined;

  constructor(readonly path: string) {
    let fd: number;
    try {
      mkdirSync(dirname(path), { recursive: true });
      fd = openSync(path, "w");
    } catch (e) {
      const err = e as NodeJS.ErrnoException;
      throw new ReportError(`cannot write report ${path}: ${err.code === "EACCES" ? "permission denied" : err.code === "EISDIR" ? "is a directory" : (err.code ?? err.message)}`);
    }
    this.stream = createWriteStream(path, { fd, encoding: "utf8" });
    this.stream.on("error", (e) => (this.failed = e));
  }

  async write(text: string): Promise<void> {
    if (this.failed) throw this.failed;
    if (!this.stream.write(text)) await drained(this.stream);
    if (this.failed) throw this.failed;
  }

  async close(): Promise<void> {
    if (this.failed) throw this.failed;
    this.stream.end();
    await once(this.stream, "close");
    if (this.failed) throw this.failed;
  }
}
