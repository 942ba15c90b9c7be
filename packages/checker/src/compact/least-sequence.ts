/**
 * The least of several integer sequences, found while they are written: each candidate is
 * compared with the least so far value by value, so a candidate stops being written (and costs
 * nothing more) at its first value above the least. Used for canonical keys, which are the least
 * of a world's keys under the renamings of its symmetry group.
 *
 * Candidates must form a prefix-free code (every field a count or of fixed width), so that two
 * different candidates differ at some position both have.
 *
 * @module
 */
import { fingerprintOf } from "../explore/fingerprint.ts";

/** Integers by small non-negative integer ID, in a typed array that grows; 0 means "none yet". */
export class DenseTable {
  private data = new Int32Array(256);

  /** The value of `id`, or 0. */
  get(id: number): number {
    return id < this.data.length ? (this.data[id] as number) : 0;
  }

  /** Sets the value of `id` (a 32-bit integer; 0 reads back as "none"). */
  set(id: number, value: number): void {
    if (id >= this.data.length) {
      let size = this.data.length * 2;
      while (size <= id) size *= 2;
      const grown = new Int32Array(size);
      grown.set(this.data);
      this.data = grown;
    }
    this.data[id] = value;
  }
}

/** The least sequence of the candidates written since {@link LeastSequence.reset}. */
export class LeastSequence {
  private least = new Int32Array(256);
  private leastLength = -1;
  private current = new Int32Array(256);
  private length = 0;
  /** -1: the candidate is already less than the least (or there is none yet); 0: equal so far. */
  private order = 0;

  /** Forgets every candidate. */
  reset(): void {
    this.leastLength = -1;
  }

  /** Starts writing a candidate. */
  begin(): void {
    this.length = 0;
    this.order = this.leastLength < 0 ? -1 : 0;
  }

  /**
   * Appends `value` (a 32-bit integer) to the candidate. False when the candidate is already
   * greater than the least: stop writing it (it cannot become the least).
   */
  push(value: number): boolean {
    const at = this.length;
    if (this.order === 0) {
      // Equal so far: with a prefix-free code the least cannot end here, but be safe.
      if (at >= this.leastLength) return false;
      const least = this.least[at] as number;
      if (value > least) return false;
      if (value < least) this.order = -1;
    }
    if (at === this.current.length) {
      const grown = new Int32Array(at * 2);
      grown.set(this.current);
      this.current = grown;
    }
    this.current[at] = value;
    this.length = at + 1;
    return true;
  }

  /** Ends the candidate: it becomes the least if it is less. */
  end(): void {
    if (this.order >= 0) return;
    const kept = this.least;
    this.least = this.current;
    this.leastLength = this.length;
    this.current = kept;
  }

  /** The least sequence as text (its values, comma-separated): equal texts for equal sequences. */
  text(): string {
    let out = "";
    for (let i = 0; i < this.leastLength; i++) out += i === 0 ? `${this.least[i]}` : `,${this.least[i]}`;
    return out;
  }

  /** Two independent 32-bit hashes of the least sequence (multiply-xorshift mixing of each value). */
  fingerprint(): readonly [number, number] {
    const least = this.least;
    return fingerprintOf(Math.max(this.leastLength, 0), (i) => least[i] as number);
  }
}
