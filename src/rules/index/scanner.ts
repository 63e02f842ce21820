import { foldCode } from "./fold.js";

/** Literals of at least this many code units are found by a 4-gram anchor; shorter ones by all of their code units. */
const ANCHOR = 4;
/** Polynomial hash base (mod 2^32): the hash of a gram is ((c0·B + c1)·B + c2)·B + c3. */
const B = 0x01000193;
/** Fibonacci hashing: a hash times this spreads its bits into the product's high (bit tables) and low (literal tables) bits. */
const SPREAD = 0x9e3779b1;

/**
 * Finds which of a set of literals occur in a text, in one pass over the text
 * whatever the number of literals. Literals are folded (`foldText`) and
 * non-empty; the text is lower-cased (LineInfo.lower) and folded per code unit
 * while scanning.
 *
 * A literal of 4 or more code units is filed under the hash of an anchor: four
 * of its code units, chosen to be rare — letters only if possible, and shared
 * with as few other literals as possible ("mit unserem newsletter" is filed
 * under "slet", not under "mit ", which starts many lines of German text). A
 * shorter literal is filed under its whole hash. The scan keeps the hashes of
 * the 1 to 4 code units ending at each position and tests one bit per length in
 * small tables (a few kilobytes, so they stay in the CPU cache); only on a set
 * bit are the literals filed under that hash compared. This measured several
 * times faster in V8 than an Aho-Corasick automaton, whose transition tables do
 * not fit the cache.
 */
export class LiteralScanner {
  /** Per gram length 1..4: bit table over the hashes (all zero when no literal has that length) and its shift. */
  private readonly bits: Uint32Array[] = [];
  private readonly shifts: number[] = [];
  /**
   * Per gram length 1..4: the literals filed under each hash, as an open-addressing table
   * (`keys`/`starts` by slot, `starts[slot]` = -1 when empty) whose entry points at a run of
   * literal ids in `ids`, ended by -1. Typed arrays, not a Map: a lookup runs on every set bit.
   */
  private readonly tables: FiledTable[] = [];
  /** Per literal: where its anchor starts. */
  private readonly offset: Int32Array;
  /** `seen[id] === round`: literal id was already reported in this scan. */
  private readonly seen: Int32Array;
  private round = 0;
  /** The literal ids found by the last `scan`, the first `count` of them. */
  readonly found: Int32Array;

  constructor(readonly literals: readonly string[]) {
    this.offset = new Int32Array(literals.length);
    // how many literals hold each 4-gram: a proxy for how common it is in text
    const shared = new Map<string, number>();
    for (const lit of literals) for (const g of new Set(grams(lit))) shared.set(g, (shared.get(g) ?? 0) + 1);
    const costs = new Map<string, number>();
    for (const [g, n] of shared) costs.set(g, (/^\p{L}+$/u.test(g) ? 0 : 100_000) + n);
    const cost = (g: string) => costs.get(g)!;
    const filed: [number, number, number][] = []; // gram length, hash, literal id
    literals.forEach((lit, id) => {
      if (lit.length === 0) throw new Error("empty literal");
      let at = 0;
      grams(lit).forEach((g, o) => {
        if (cost(g) < cost(lit.slice(at, at + ANCHOR))) at = o;
      });
      this.offset[id] = at;
      const k = Math.min(ANCHOR, lit.length);
      let h = 0;
      for (let j = 0; j < k; j++) h = (Math.imul(h, B) + lit.charCodeAt(at + j)) | 0;
      filed.push([k, h, id]);
    });
    for (let k = 0; k <= ANCHOR; k++) {
      const mine = filed.filter((f) => f[0] === k);
      const byHash = new Map<number, number[]>();
      for (const [, h, id] of mine) {
        const list = byHash.get(h);
        if (list) list.push(id);
        else byHash.set(h, [id]);
      }
      this.tables.push(filedTable(byHash));
      let width = mine.length === 0 ? 5 : 14;
      while (1 << width < mine.length * 32 && width < 20) width++;
      const bits = new Uint32Array((1 << width) >>> 5);
      this.bits.push(bits);
      this.shifts.push(32 - width);
      for (const [, h] of mine) {
        const slot = Math.imul(h, SPREAD) >>> (32 - width);
        bits[slot >>> 5]! |= 1 << (slot & 31);
      }
    }
    this.seen = new Int32Array(literals.length);
    this.found = new Int32Array(literals.length);
  }

  /** Find the distinct literals in `lower`; returns how many (their ids are `found[0..count)`). */
  scan(lower: string): number {
    return this.run(lower, false);
  }

  /** Whether any literal occurs in `lower`. */
  any(lower: string): boolean {
    return this.run(lower, true) > 0;
  }

  private run(text: string, first: boolean): number {
    const n = text.length;
    if (n === 0) return 0;
    let round = ++this.round;
    if (round === 0x7fffffff) {
      this.seen.fill(0);
      round = this.round = 1;
    }
    const { bits, shifts } = this;
    const b1 = bits[1]!, b2 = bits[2]!, b3 = bits[3]!, b4 = bits[4]!;
    const s1 = shifts[1]!, s2 = shifts[2]!, s3 = shifts[3]!, s4 = shifts[4]!;
    let count = 0;
    // hashes of the 1, 2 and 3 code units ending at the previous position
    let p1 = 0;
    let p2 = 0;
    let p3 = 0;
    for (let i = 0; i < n; i++) {
      let c = text.charCodeAt(i);
      if (c >= 128) c = foldCode(c);
      const g4 = (Math.imul(p3, B) + c) | 0;
      const g3 = (Math.imul(p2, B) + c) | 0;
      const g2 = (Math.imul(p1, B) + c) | 0;
      if (hit(b4, g4, s4)) count = this.compare(text, 4, g4, i, count, round);
      if (hit(b3, g3, s3)) count = this.compare(text, 3, g3, i, count, round);
      if (hit(b2, g2, s2)) count = this.compare(text, 2, g2, i, count, round);
      if (hit(b1, c, s1)) count = this.compare(text, 1, c, i, count, round);
      if (first && count > 0) return count;
      p1 = c;
      p2 = g2;
      p3 = g3;
    }
    return count;
  }

  /** Compare the literals filed under a gram of length k with hash h that ends at position i; returns the new count. */
  private compare(text: string, k: number, h: number, i: number, count: number, round: number): number {
    const table = this.tables[k]!;
    const { keys, starts, mask } = table;
    let slot = Math.imul(h, SPREAD) & mask;
    while (starts[slot] !== -1 && keys[slot] !== h) slot = (slot + 1) & mask;
    const from = starts[slot]!;
    if (from === -1) return count;
    const n = text.length;
    const { literals, seen, found, offset } = this;
    const ids = table.ids;
    const p = i - (k - 1);
    for (let e = from, id = ids[e]!; id !== -1; id = ids[++e]!) {
      if (seen[id] === round) continue;
      const lit = literals[id]!;
      const len = lit.length;
      const start = p - offset[id]!;
      if (start < 0 || start + len > n) continue;
      let j = 0;
      for (; j < len; j++) {
        let c = text.charCodeAt(start + j);
        if (c >= 128) c = foldCode(c);
        if (c !== lit.charCodeAt(j)) break;
      }
      if (j === len) {
        seen[id] = round;
        found[count++] = id;
      }
    }
    return count;
  }
}

const hit = (bits: Uint32Array, h: number, shift: number) => {
  const slot = Math.imul(h, SPREAD) >>> shift;
  return (bits[slot >>> 5]! & (1 << (slot & 31))) !== 0;
};

/** Literal ids by gram hash: an open-addressing table (linear probing) over runs of ids in `ids`, each ended by -1. */
interface FiledTable {
  keys: Int32Array;
  starts: Int32Array;
  mask: number;
  ids: Int32Array;
}

function filedTable(byHash: Map<number, number[]>): FiledTable {
  let size = 16;
  while (size < byHash.size * 2) size *= 2;
  const keys = new Int32Array(size);
  const starts = new Int32Array(size).fill(-1);
  const ids: number[] = [];
  for (const [h, list] of byHash) {
    let slot = Math.imul(h, SPREAD) & (size - 1);
    while (starts[slot] !== -1) slot = (slot + 1) & (size - 1);
    keys[slot] = h;
    starts[slot] = ids.length;
    ids.push(...list, -1);
  }
  return { keys, starts, mask: size - 1, ids: Int32Array.from(ids) };
}

/** The 4-grams of a literal, by offset (none when it is shorter). */
function grams(lit: string): string[] {
  const out: string[] = [];
  for (let o = 0; o + ANCHOR <= lit.length; o++) out.push(lit.slice(o, o + ANCHOR));
  return out;
}
