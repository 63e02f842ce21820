import { drained } from "./drained.js";

const asBuffer = (chunk: unknown): Buffer => (typeof chunk === "string" ? Buffer.from(chunk) : (chunk as Buffer));

/** Read a whole stream into a Buffer. */
export async function readAll(stream: NodeJS.ReadableStream): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of stream) chunks.push(asBuffer(chunk));
  return Buffer.concat(chunks);
}

/**
 * Read a stream whole when it holds at most `maxBytes`. A longer one is not held: what was read and
 * the rest of the stream are written to `out` unchanged, as they come (`over` is then true), so a
 * filter in a pipeline loses nothing and memory stays bounded. `onOver` is called before the first byte is passed on.
 */
export async function readAllOrPassThrough(stream: NodeJS.ReadableStream, maxBytes: number, out: NodeJS.WritableStream, onOver?: () => void): Promise<{ bytes: Buffer; over: false } | { over: true }> {
  const chunks: Buffer[] = [];
  let size = 0;
  const it = stream[Symbol.asyncIterator]();
  for (let next = await it.next(); !next.done; next = await it.next()) {
    const chunk = asBuffer(next.value);
    chunks.push(chunk);
    size += chunk.length;
    if (size <= maxBytes) continue;
    onOver?.();
    const write = async (b: Buffer) => {
      if (!out.write(b)) await drained(out as unknown as NodeJS.EventEmitter);
    };
    for (const c of chunks.splice(0)) await write(c);
    for (let rest = await it.next(); !rest.done; rest = await it.next()) await write(asBuffer(rest.value));
    return { over: true };
  }
  return { bytes: Buffer.concat(chunks), over: false };
}
