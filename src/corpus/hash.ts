/**
 * A 53-bit hash of a string (cyrb53, public domain, by bryc): two 32-bit
 * multiply-xorshift lanes over the UTF-16 code units, mixed at the end. The
 * result is a safe JavaScript integer, so it is a cheap Map key. With n
 * distinct lines the chance of any collision is about n² / 2^54 (a collision
 * only adds one line's count to another's).
 */
export function hash53(s: string): number {
  let h1 = 0xdeadbeef;
  let h2 = 0x41c6ce57;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    h1 = Math.imul(h1 ^ c, 2654435761);
    h2 = Math.imul(h2 ^ c, 1597334677);
  }
  h1 = Math.imul(h1 ^ (h1 >>> 16), 2246822507);
  h1 ^= Math.imul(h2 ^ (h2 >>> 13), 3266489909);
  h2 = Math.imul(h2 ^ (h2 >>> 16), 2246822507);
  h2 ^= Math.imul(h1 ^ (h1 >>> 13), 3266489909);
  return 4294967296 * (2097151 & h2) + (h1 >>> 0);
}

export const HASH_NAME = "cyrb53";
