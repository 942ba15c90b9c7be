/**
 * Sets of Unicode code points as sorted, disjoint, non-adjacent inclusive ranges: the alphabet of
 * FIRST sets and of the short strings the PEG checks compare. A set of all of `%x00-10FFFF` is two
 * numbers, not a million members.
 *
 * @module
 */

/** An inclusive range of code points `[low, high]`. */
export type CodePointRange = readonly [low: number, high: number];

/**
 * Where {@link CodePointSet.sample} looks first: digits, lower-case letters (as strings are usually
 * written), upper-case letters, other printable ASCII, then a space.
 */
const PREFERRED_SAMPLES: ReadonlyArray<CodePointRange> = [
  [0x30, 0x39],
  [0x61, 0x7a],
  [0x41, 0x5a],
  [0x21, 0x7e],
  [0x20, 0x20],
];

/** An immutable set of code points. */
export class CodePointSet {
  /** The empty set. */
  static readonly empty = new CodePointSet([]);

  private cachedKey: string | undefined;

  private constructor(
    /** Sorted, disjoint and non-adjacent ranges. */
    readonly ranges: ReadonlyArray<CodePointRange>,
  ) {}

  /** A compact string that is equal for equal sets (for use as a map key). */
  get key(): string {
    this.cachedKey ??= this.ranges
      .map(([lo, hi]) => (lo === hi ? lo.toString(36) : `${lo.toString(36)}-${hi.toString(36)}`))
      .join(",");
    return this.cachedKey;
  }

  /** The set of `[low, high]`; empty when `low > high`. */
  static range(low: number, high: number): CodePointSet {
    return low > high ? CodePointSet.empty : new CodePointSet([[low, high]]);
  }

  /** The set of the given code points. */
  static of(...codePoints: ReadonlyArray<number>): CodePointSet {
    return CodePointSet.fromRanges(codePoints.map((c) => [c, c] as const));
  }

  /**
   * The set of one character as a case-insensitive ABNF string means it: an ASCII letter stands for
   * both its cases (RFC 5234 §2.3 and RFC 7405 fold ASCII only), anything else for itself.
   */
  static caseless(codePoint: number): CodePointSet {
    if (codePoint >= 0x41 && codePoint <= 0x5a) return CodePointSet.of(codePoint, codePoint + 0x20);
    if (codePoint >= 0x61 && codePoint <= 0x7a) return CodePointSet.of(codePoint - 0x20, codePoint);
    return CodePointSet.of(codePoint);
  }

  /** The union of arbitrary (unsorted, overlapping, even reversed-and-skipped) ranges. */
  static fromRanges(ranges: ReadonlyArray<CodePointRange>): CodePointSet {
    const sorted = ranges.filter(([lo, hi]) => lo <= hi).sort((a, b) => a[0] - b[0]);
    const out: [number, number][] = [];
    for (const [lo, hi] of sorted) {
      const last = out.at(-1);
      if (last !== undefined && lo <= last[1] + 1) last[1] = Math.max(last[1], hi);
      else out.push([lo, hi]);
    }
    return out.length === 0 ? CodePointSet.empty : new CodePointSet(out);
  }

  /** Whether the set has no members. */
  get isEmpty(): boolean {
    return this.ranges.length === 0;
  }

  /** How many code points the set holds. */
  get size(): number {
    let n = 0;
    for (const [lo, hi] of this.ranges) n += hi - lo + 1;
    return n;
  }

  /** Whether `codePoint` is a member. */
  has(codePoint: number): boolean {
    let lo = 0;
    let hi = this.ranges.length - 1;
    while (lo <= hi) {
      const mid = (lo + hi) >> 1;
      const [a, b] = this.ranges[mid] as CodePointRange;
      if (codePoint < a) hi = mid - 1;
      else if (codePoint > b) lo = mid + 1;
      else return true;
    }
    return false;
  }

  /** The members of either set. */
  union(other: CodePointSet): CodePointSet {
    if (other.isEmpty) return this;
    if (this.isEmpty) return other;
    return CodePointSet.fromRanges([...this.ranges, ...other.ranges]);
  }

  /** The members of both sets. */
  intersect(other: CodePointSet): CodePointSet {
    const out: CodePointRange[] = [];
    let i = 0;
    let j = 0;
    while (i < this.ranges.length && j < other.ranges.length) {
      const [a0, a1] = this.ranges[i] as CodePointRange;
      const [b0, b1] = other.ranges[j] as CodePointRange;
      const lo = Math.max(a0, b0);
      const hi = Math.min(a1, b1);
      if (lo <= hi) out.push([lo, hi]);
      if (a1 < b1) i++;
      else j++;
    }
    return out.length === 0 ? CodePointSet.empty : new CodePointSet(out);
  }

  /** The members of this set that are not in `other`. */
  minus(other: CodePointSet): CodePointSet {
    if (other.isEmpty || this.isEmpty) return this;
    const out: CodePointRange[] = [];
    let j = 0;
    for (const [lo0, hi] of this.ranges) {
      let lo = lo0;
      while (j < other.ranges.length && (other.ranges[j] as CodePointRange)[1] < lo) j++;
      let k = j;
      while (lo <= hi) {
        const cut = other.ranges[k];
        if (cut === undefined || cut[0] > hi) {
          out.push([lo, hi]);
          break;
        }
        if (cut[0] > lo) out.push([lo, cut[0] - 1]);
        lo = Math.max(lo, cut[1] + 1);
        k++;
      }
    }
    return out.length === 0 ? CodePointSet.empty : new CodePointSet(out);
  }

  /** Whether the sets share a member (without building the intersection). */
  overlaps(other: CodePointSet): boolean {
    let i = 0;
    let j = 0;
    while (i < this.ranges.length && j < other.ranges.length) {
      const [a0, a1] = this.ranges[i] as CodePointRange;
      const [b0, b1] = other.ranges[j] as CodePointRange;
      if (Math.max(a0, b0) <= Math.min(a1, b1)) return true;
      if (a1 < b1) i++;
      else j++;
    }
    return false;
  }

  /** Whether every member of `other` is a member of this set. */
  covers(other: CodePointSet): boolean {
    let i = 0;
    for (const [lo, hi] of other.ranges) {
      while (i < this.ranges.length && (this.ranges[i] as CodePointRange)[1] < lo) i++;
      const r = this.ranges[i];
      if (r === undefined || r[0] > lo || r[1] < hi) return false;
    }
    return true;
  }

  /** Whether both sets have the same members. */
  equals(other: CodePointSet): boolean {
    if (this.ranges.length !== other.ranges.length) return false;
    return this.ranges.every(([lo, hi], k) => {
      const r = other.ranges[k] as CodePointRange;
      return r[0] === lo && r[1] === hi;
    });
  }

  /**
   * A member to show in a message, chosen to read well: a digit or letter if there is one, else
   * other printable ASCII, else a space, else the lowest member; `undefined` for the empty set.
   */
  sample(): number | undefined {
    for (const [low, high] of PREFERRED_SAMPLES) {
      for (const [lo, hi] of this.ranges) {
        const from = Math.max(lo, low);
        if (from <= Math.min(hi, high)) return from;
      }
    }
    return this.ranges[0]?.[0];
  }

  /** ABNF for the set, e.g. `%x30-39 / %x41`; `<empty>` for the empty set. */
  toString(): string {
    if (this.isEmpty) return "<empty>";
    const hex = (c: number) => c.toString(16).toUpperCase().padStart(2, "0");
    return this.ranges
      .map(([lo, hi]) => (lo === hi ? `%x${hex(lo)}` : `%x${hex(lo)}-${hex(hi)}`))
      .join(" / ");
  }
}
