import { gunzipSync, gzipSync } from "node:zlib";
import { CorpusCounts } from "./counts.js";
import { parseGroupBy } from "./group.js";
import { HASH_NAME } from "./hash.js";
import { LINE_KEY_VERSION } from "./normalize.js";

/**
 * Stats file format, version 1 (gzip of):
 *   "BSTS"  magic (4 bytes)
 *   u8      format version (1)
 *   varint  header length, then the header as UTF-8 JSON:
 *           {"hash":"cyrb53","key":"line-v1","groupBy":"dir","groups":[{"name","documents","lines"}]}
 *   then for each group in header order, `lines` entries sorted by key:
 *           varint (key − previous key), varint document frequency
 * Keys are 53-bit hashes of normalised lines (hash.ts, normalize.ts); varints are
 * little-endian base-128. Groups are sorted by name and keys ascending, so the
 * same counts always give the same bytes.
 */
export const STATS_FORMAT_VERSION = 1;
const MAGIC = "BSTS";

export class StatsFormatError extends Error {}

interface Header {
  hash: string;
  key: string;
  groupBy: string;
  groups: { name: string; documents: number; lines: number }[];
}

class Writer {
  private buf = Buffer.alloc(1 << 16);
  private pos = 0;
  private ensure(n: number) {
    if (this.pos + n <= this.buf.length) return;
    const next = Buffer.alloc(Math.max(this.buf.length * 2, this.pos + n));
    this.buf.copy(next, 0, 0, this.pos);
    this.buf = next;
  }
  bytes(b: Uint8Array) {
    this.ensure(b.length);
    this.buf.set(b, this.pos);
    this.pos += b.length;
  }
  varint(n: number) {
    this.ensure(8);
    // numbers up to 2^53: division instead of 32-bit shifts
    while (n >= 128) {
      this.buf[this.pos++] = (n % 128) | 128;
      n = Math.floor(n / 128);
    }
    this.buf[this.pos++] = n;
  }
  done(): Buffer {
    return this.buf.subarray(0, this.pos);
  }
}

class Reader {
  pos = 0;
  constructor(private readonly buf: Buffer, private readonly file: string) {}
  varint(): number {
    let n = 0;
    let mul = 1;
    for (;;) {
      if (this.pos >= this.buf.length) throw new StatsFormatError(`${this.file}: stats file is truncated`);
      const b = this.buf[this.pos++]!;
      n += (b & 127) * mul;
      if (b < 128) return n;
      mul *= 128;
      if (mul > 2 ** 56) throw new StatsFormatError(`${this.file}: stats file is corrupt (bad number)`);
    }
  }
  bytes(n: number): Buffer {
    if (this.pos + n > this.buf.length) throw new StatsFormatError(`${this.file}: stats file is truncated`);
    const b = this.buf.subarray(this.pos, this.pos + n);
    this.pos += n;
    return b;
  }
}

/** The counts as stats-file bytes (deterministic). */
export function encodeStats(counts: CorpusCounts): Buffer {
  const names = [...counts.groups.keys()].sort();
  const header: Header = {
    hash: HASH_NAME,
    key: LINE_KEY_VERSION,
    groupBy: counts.grouping.spec,
    groups: names.map((name) => ({ name, documents: counts.groups.get(name)!.documents, lines: counts.groups.get(name)!.lines.size })),
  };
  const w = new Writer();
  w.bytes(Buffer.from(MAGIC, "latin1"));
  w.bytes(Uint8Array.of(STATS_FORMAT_VERSION));
  const json = Buffer.from(JSON.stringify(header), "utf8");
  w.varint(json.length);
  w.bytes(json);
  for (const name of names) {
    const keys = [...counts.groups.get(name)!.lines.entries()].sort((a, b) => a[0] - b[0]);
    let prev = 0;
    for (const [k, n] of keys) {
      w.varint(k - prev);
      w.varint(n);
      prev = k;
    }
  }
  return gzipSync(w.done(), { level: 9 });
}

/** Read stats-file bytes; `file` names the file in errors. */
export function decodeStats(data: Uint8Array, file: string): CorpusCounts {
  let raw: Buffer;
  try {
    raw = gunzipSync(data);
  } catch {
    throw new StatsFormatError(`${file}: not a boilerstrip stats file (not gzip data; write one with "boilerstrip stats <inputs> --out ${file}")`);
  }
  const r = new Reader(raw, file);
  if (raw.length < 5 || r.bytes(4).toString("latin1") !== MAGIC) throw new StatsFormatError(`${file}: not a boilerstrip stats file (bad magic)`);
  const version = r.bytes(1)[0]!;
  if (version !== STATS_FORMAT_VERSION) throw new StatsFormatError(`${file}: stats format version ${version}, this boilerstrip reads version ${STATS_FORMAT_VERSION}; count again with "boilerstrip stats"`);
  let header: Header;
  try {
    header = JSON.parse(r.bytes(r.varint()).toString("utf8")) as Header;
  } catch {
    throw new StatsFormatError(`${file}: stats file is corrupt (bad header)`);
  }
  if (header.hash !== HASH_NAME || header.key !== LINE_KEY_VERSION) {
    throw new StatsFormatError(`${file}: counted with line keys ${header.key}/${header.hash}, this boilerstrip uses ${LINE_KEY_VERSION}/${HASH_NAME}; count again with "boilerstrip stats"`);
  }
  let counts: CorpusCounts;
  try {
    counts = new CorpusCounts(parseGroupBy(header.groupBy));
  } catch (e) {
    throw new StatsFormatError(`${file}: ${(e as Error).message}`);
  }
  for (const g of header.groups) {
    const lines = new Map<number, number>();
    let k = 0;
    for (let i = 0; i < g.lines; i++) {
      k += r.varint();
      lines.set(k, r.varint());
    }
    counts.groups.set(g.name, { documents: g.documents, lines });
  }
  if (r.pos !== raw.length) throw new StatsFormatError(`${file}: stats file is corrupt (trailing data)`);
  return counts;
}
