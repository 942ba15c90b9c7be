/**
 * 64-bit fingerprints of canonical forms and a compact set of them. Exploration keeps one
 * fingerprint per distinct state instead of the (kilobyte-long) canonical string, as explicit
 * model checkers do with hash compaction: two different states collide with probability about
 * n² / 2⁶⁵ (under 10⁻⁷ for a million states). `exactStates` in the options keeps the strings
 * instead when that risk matters more than memory.
 *
 * @module
 */

/** Two independent 32-bit hashes of `text` (multiply-xorshift mixing of each UTF-16 unit). */
export function fingerprint(text: string): readonly [number, number] {
  return fingerprintOf(text.length, (i) => text.charCodeAt(i));
}

/** Two independent 32-bit hashes of a sequence of `length` 32-bit values (`at(i)` is the `i`-th). */
export function fingerprintOf(length: number, at: (index: number) => number): readonly [number, number] {
  let h1 = 0x9e3779b9 ^ length;
  let h2 = 0x85ebca6b ^ Math.imul(length, 0x27d4eb2f);
  for (let i = 0; i < length; i++) {
    const c = at(i);
    h1 = Math.imul(h1 ^ c, 0x9e3779b1);
    h1 ^= h1 >>> 15;
    h2 = Math.imul(h2 ^ c, 0x85ebca77);
    h2 ^= h2 >>> 13;
  }
  h1 = Math.imul(h1 ^ (h1 >>> 16), 0x85ebca6b);
  h1 = Math.imul(h1 ^ (h1 >>> 13), 0xc2b2ae35);
  h1 ^= h1 >>> 16;
  h2 = Math.imul(h2 ^ (h2 >>> 16), 0x7feb352d);
  h2 = Math.imul(h2 ^ (h2 >>> 15), 0x846ca68b);
  h2 ^= h2 >>> 16;
  return [h1 >>> 0, h2 >>> 0];
}

/** A set of 64-bit fingerprints: open addressing with linear probing over one typed array. */
export class FingerprintSet {
  private table: Uint32Array;
  private mask: number;
  private count = 0;

  constructor(initialCapacity = 1 << 16) {
    let capacity = 16;
    while (capacity < initialCapacity) capacity *= 2;
    this.table = new Uint32Array(capacity * 2);
    this.mask = capacity - 1;
  }

  /** How many fingerprints the set holds. */
  get size(): number {
    return this.count;
  }

  /** Adds a fingerprint; returns false when it was already present. */
  add(h1: number, h2: number): boolean {
    // (0, 0) marks an empty slot, so that one value is stored as (0, 1).
    if (h1 === 0 && h2 === 0) h2 = 1;
    if ((this.count + 1) * 2 > this.mask + 1) this.grow();
    return this.insert(h1, h2);
  }

  /** Whether the set holds the fingerprint. */
  has(h1: number, h2: number): boolean {
    if (h1 === 0 && h2 === 0) h2 = 1;
    const table = this.table;
    for (let slot = (h1 ^ Math.imul(h2, 0x9e3779b1)) & this.mask; ; slot = (slot + 1) & this.mask) {
      const a = table[slot * 2] as number;
      const b = table[slot * 2 + 1] as number;
      if (a === 0 && b === 0) return false;
      if (a === h1 && b === h2) return true;
    }
  }

  private insert(h1: number, h2: number): boolean {
    const table = this.table;
    for (let slot = (h1 ^ Math.imul(h2, 0x9e3779b1)) & this.mask; ; slot = (slot + 1) & this.mask) {
      const a = table[slot * 2] as number;
      const b = table[slot * 2 + 1] as number;
      if (a === 0 && b === 0) {
        table[slot * 2] = h1;
        table[slot * 2 + 1] = h2;
        this.count++;
        return true;
      }
      if (a === h1 && b === h2) return false;
    }
  }

  private grow(): void {
    const old = this.table;
    this.table = new Uint32Array(old.length * 2);
    this.mask = old.length - 1;
    this.count = 0;
    for (let i = 0; i < old.length; i += 2) {
      const a = old[i] as number;
      const b = old[i + 1] as number;
      if (a !== 0 || b !== 0) this.insert(a, b);
    }
  }
}
