import { foldCode } from "./fold.js";

/**
 * The folded text being scanned, shared by all scanners (a scan runs to its end before
 * another starts); a longer line gets a buffer of its own that is not kept.
 */
const BUFFER = new Uint16Array(8192);
let current = BUFFER;

/** Literals of at least this many code units are found by a 4-gram anchor; shorter ones by all of their code units. */
const ANCHOR = 4;
/** Polynomial hash base (mod 2^32): the hash of a gram is ((c0·B + c1)·B + c2)·B + c3. */
const B = 0x01000193;

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
  /** Per gram length 1..4: bit table over the hashes (undefined when no literal has that length), shift, literals by hash. */
  private readonly bits: (Uint32Array | undefined)[] = [undefined, undefined, undefined, undefined, undefined];
  private readonly shifts: number[] = [0, 0, 0, 0, 0];
  private readonly byHash: Map<number, number[]>[] = [];
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
    const cost = (g: string) => (/^\p{L}+$/u.test(g) ? 0 : 100_000) + shared.get(g)!;
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
    for (let k = 0; k <= ANCHOR; k++) this.byHash.push(new Map());
    for (let k = 1; k <= ANCHOR; k++) {
      const mine = filed.filter((f) => f[0] === k);
      if (mine.length === 0) continue;
      let width = 14;
      while (1 << width < mine.length * 32 && width < 20) width++;
      const bits = (this.bits[k] = new Uint32Array((1 << width) >>> 5));
      this.shifts[k] = 32 - width;
      for (const [, h, id] of mine) {
        const slot = Math.imul(h, 0x9e3779b1) >>> this.shifts[k]!;
        bits[slot >>> 5]! |= 1 << (slot & 31);
        const list = this.byHash[k]!.get(h);
        if (list) list.push(id);
        else this.byHash[k]!.set(h, [id]);
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
    const buf = (current = n <= BUFFER.length ? BUFFER : new Uint16Array(n));
    for (let i = 0; i < n; i++) {
      const c = text.charCodeAt(i);
      buf[i] = c < 128 ? c : foldCode(c);
    }
    const [, b1, b2, b3, b4] = this.bits;
    const [, s1, s2, s3, s4] = this.shifts as [number, number, number, number, number];
    let count = 0;
    // hashes of the 1, 2 and 3 code units ending at the previous position
    let p1 = 0;
    let p2 = 0;
    let p3 = 0;
    for (let i = 0; i < n; i++) {
      const c = buf[i]!;
      const g4 = (Math.imul(p3, B) + c) | 0;
      const g3 = (Math.imul(p2, B) + c) | 0;
      const g2 = (Math.imul(p1, B) + c) | 0;
      if (b4 !== undefined && hit(b4, g4, s4)) count = this.compare(4, g4, i, n, count, round);
      if (b3 !== undefined && hit(b3, g3, s3)) count = this.compare(3, g3, i, n, count, round);
      if (b2 !== undefined && hit(b2, g2, s2)) count = this.compare(2, g2, i, n, count, round);
      if (b1 !== undefined && hit(b1, c, s1)) count = this.compare(1, c, i, n, count, round);
      if (first && count > 0) return count;
      p1 = c;
      p2 = g2;
      p3 = g3;
    }
    return count;
  }

  /** Compare the literals filed under a gram of length k with hash h that ends at position i; returns the new count. */
  private compare(k: number, h: number, i: number, n: number, count: number, round: number): number {
    const ids = this.byHash[k]!.get(h);
    if (ids === undefined) return count;
    const buf = current;
    const { literals, seen, found, offset } = this;
    const p = i - (k - 1);
    for (const id of ids) {
      if (seen[id] === round) continue;
      const lit = literals[id]!;
      const len = lit.length;
      const start = p - offset[id]!;
      if (start < 0 || start + len > n) continue;
      let j = 0;
      while (j < len && buf[start + j] === lit.charCodeAt(j)) j++;
      if (j === len) {
        seen[id] = round;
        found[count++] = id;
      }
    }
    return count;
  }
}

const hit = (bits: Uint32Array, h: number, shift: number) => {
  const slot = Math.imul(h, 0x9e3779b1) >>> shift;
  return (bits[slot >>> 5]! & (1 << (slot & 31))) !== 0;
};

/** The 4-grams of a literal, by offset (none when it is shorter). */
function grams(lit: string): string[] {
  const out: string[] = [];
  for (let o = 0; o + ANCHOR <= lit.length; o++) out.push(lit.slice(o, o + ANCHOR));
  return out;
}
