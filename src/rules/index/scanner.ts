import { foldCode } from "./fold.js";

/** Literals are found by their first ANCHOR code units (shorter literals: all of them). */
const ANCHOR = 4;

/**
 * Finds which of a set of literals occur in a text, in one pass over the text
 * whatever the number of literals. Literals are folded (`foldText`) and
 * non-empty; the text is lower-cased (LineInfo.lower) and folded per code unit
 * while scanning.
 *
 * Each literal is filed under a hash of an anchor: four of its code units (all of
 * them when shorter), chosen to be rare: letters only if possible, and shared
 * with as few other literals as possible ("mit unserem newsletter" is filed under
 * "slet", not under "mit ", which starts many lines of German text). At each
 * position of the text the hashes of the next 1, 2, 3 and 4 code units are
 * checked in a small bit table (a few kilobytes, so it stays in the CPU cache);
 * only on a set bit are the literals filed under that hash compared. This
 * measured several times faster than an Aho-Corasick automaton in JavaScript,
 * whose transition tables do not fit the cache.
 */
export class LiteralScanner {
  /** Per anchor length (index 1..4): the bit table and the literals by hash; undefined when no literal has that anchor length. */
  private readonly bits: (Uint32Array | undefined)[] = [];
  private readonly buckets: (Map<number, number[]> | undefined)[] = [];
  private readonly shift: number;
  /** Per literal: where its anchor starts. */
  private readonly offset: Int32Array;
  /** `seen[id] === round`: literal id was already reported in this scan. */
  private readonly seen: Int32Array;
  private round = 0;
  /** The folded text being scanned. */
  private buf = new Uint16Array(256);
  /** The literal ids found by the last `scan`, the first `count` of them. */
  readonly found: Int32Array;

  constructor(readonly literals: readonly string[]) {
    let width = 12;
    while (1 << width < literals.length * 32 && width < 20) width++;
    this.shift = 32 - width;
    this.offset = new Int32Array(literals.length);
    // how many literals hold each 4-gram: a proxy for how common it is in text
    const shared = new Map<string, number>();
    for (const lit of literals) for (const g of new Set(grams(lit))) shared.set(g, (shared.get(g) ?? 0) + 1);
    const cost = (g: string) => (/^\p{L}+$/u.test(g) ? 0 : 100_000) + shared.get(g)!;
    literals.forEach((lit, id) => {
      if (lit.length === 0) throw new Error("empty literal");
      const k = Math.min(ANCHOR, lit.length);
      let at = 0;
      grams(lit).forEach((g, o) => {
        if (cost(g) < cost(lit.slice(at, at + ANCHOR))) at = o;
      });
      this.offset[id] = at;
      let h = 0;
      for (let j = 0; j < k; j++) h = mix(h, lit.charCodeAt(at + j));
      const bits = (this.bits[k] ??= new Uint32Array((1 << width) >>> 5));
      const slot = h >>> this.shift;
      bits[slot >>> 5]! |= 1 << (slot & 31);
      const map = (this.buckets[k] ??= new Map());
      const list = map.get(h);
      if (list) list.push(id);
      else map.set(h, [id]);
    });
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
    if (this.buf.length < n) this.buf = new Uint16Array(Math.max(n, this.buf.length * 2));
    const buf = this.buf;
    for (let i = 0; i < n; i++) {
      const c = text.charCodeAt(i);
      buf[i] = c < 128 ? c : foldCode(c);
    }
    const { bits, shift } = this;
    const b1 = bits[1];
    const b2 = bits[2];
    const b3 = bits[3];
    const b4 = bits[4];
    let count = 0;
    for (let i = 0; i < n; i++) {
      const h1 = mix(0, buf[i]!);
      if (b1 !== undefined && test(b1, h1 >>> shift)) count = this.check(1, h1, i, n, count, round);
      if (i + 1 >= n) break;
      const h2 = mix(h1, buf[i + 1]!);
      if (b2 !== undefined && test(b2, h2 >>> shift)) count = this.check(2, h2, i, n, count, round);
      if (i + 2 < n) {
        const h3 = mix(h2, buf[i + 2]!);
        if (b3 !== undefined && test(b3, h3 >>> shift)) count = this.check(3, h3, i, n, count, round);
        if (b4 !== undefined && i + 3 < n) {
          const h4 = mix(h3, buf[i + 3]!);
          if (test(b4, h4 >>> shift)) count = this.check(4, h4, i, n, count, round);
        }
      }
      if (first && count > 0) return count;
    }
    return count;
  }

  /** Compare the literals filed under hash h (anchor length k) with the text at i; returns the new count. */
  private check(k: number, h: number, i: number, n: number, count: number, round: number): number {
    const ids = this.buckets[k]!.get(h);
    if (ids === undefined) return count;
    const { buf, literals, seen, found, offset } = this;
    for (const id of ids) {
      if (seen[id] === round) continue;
      const lit = literals[id]!;
      const len = lit.length;
      const start = i - offset[id]!;
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

/** The 4-grams of a literal, by offset (none when it is shorter). */
function grams(lit: string): string[] {
  const out: string[] = [];
  for (let o = 0; o + ANCHOR <= lit.length; o++) out.push(lit.slice(o, o + ANCHOR));
  return out;
}

const mix = (h: number, c: number) => Math.imul(h ^ c, 0x9e3779b1) ^ (c << 7);
const test = (bits: Uint32Array, slot: number) => (bits[slot >>> 5]! & (1 << (slot & 31))) !== 0;
