import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { DenseTable, LeastSequence } from "../../src/compact/least-sequence.ts";

/** Lexicographic order of integer sequences (a proper prefix is less). */
function compare(a: ReadonlyArray<number>, b: ReadonlyArray<number>): number {
  for (let i = 0; i < Math.min(a.length, b.length); i++)
    if (a[i] !== b[i]) return (a[i] as number) - (b[i] as number);
  return a.length - b.length;
}

/** Writes each candidate as the key writer does: stops at the first push that says stop. */
function leastOf(least: LeastSequence, candidates: ReadonlyArray<ReadonlyArray<number>>): void {
  least.reset();
  for (const candidate of candidates) {
    least.begin();
    let complete = true;
    for (const value of candidate)
      if (!least.push(value)) {
        complete = false;
        break;
      }
    if (complete) least.end();
  }
}

/** A prefix-free code: every candidate starts with its length. */
const counted = fc
  .array(fc.integer({ min: 0, max: 2 ** 31 - 1 }), { maxLength: 40 })
  .map((values) => [values.length, ...values]);

describe("LeastSequence", () => {
  it("keeps the least candidate of a prefix-free code, whatever the order of writing", () => {
    fc.assert(
      fc.property(fc.array(counted, { minLength: 1, maxLength: 8 }), (candidates) => {
        const least = new LeastSequence();
        leastOf(least, candidates);
        const expected = [...candidates].sort(compare)[0] as number[];
        expect(least.text()).toBe(expected.join(","));
        leastOf(least, [...candidates].reverse());
        expect(least.text()).toBe(expected.join(","));
      }),
    );
  });

  it("stops a candidate at its first value above the least", () => {
    const least = new LeastSequence();
    least.begin();
    for (const v of [3, 1, 2, 3]) expect(least.push(v)).toBe(true);
    least.end();
    least.begin();
    expect(least.push(3)).toBe(true);
    expect(least.push(1)).toBe(true);
    expect(least.push(5)).toBe(false);
    least.begin();
    expect(least.push(3)).toBe(true);
    expect(least.push(0)).toBe(true);
    // Already less: every further value is taken.
    expect(least.push(9)).toBe(true);
    expect(least.push(9)).toBe(true);
    least.end();
    expect(least.text()).toBe("3,0,9,9");
  });

  it("grows past its initial capacity", () => {
    const least = new LeastSequence();
    const long = Array.from({ length: 1000 }, (_, i) => i);
    leastOf(least, [
      [1000, ...long.map((v) => v + 1)],
      [1000, ...long],
    ]);
    expect(least.text()).toBe([1000, ...long].join(","));
  });

  it("fingerprints equal sequences equally and tells apart near ones", () => {
    const a = new LeastSequence();
    const b = new LeastSequence();
    leastOf(a, [[2, 7, 8]]);
    leastOf(b, [
      [2, 9, 9],
      [2, 7, 8],
    ]);
    expect(a.fingerprint()).toEqual(b.fingerprint());
    const prints = new Set<string>();
    for (let x = 0; x < 50; x++)
      for (let y = 0; y < 50; y++) {
        leastOf(a, [[2, x, y]]);
        prints.add(a.fingerprint().join(","));
      }
    expect(prints.size).toBe(2500);
  });
});

describe("DenseTable", () => {
  it("reads 0 for IDs never set and keeps values set far beyond its initial size", () => {
    const table = new DenseTable();
    expect(table.get(5)).toBe(0);
    expect(table.get(1_000_000)).toBe(0);
    table.set(5, 42);
    table.set(100_000, 7);
    expect(table.get(5)).toBe(42);
    expect(table.get(100_000)).toBe(7);
    expect(table.get(99_999)).toBe(0);
  });
});
