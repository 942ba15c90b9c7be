import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { CodePointSet } from "../../src/analysis/code-point-set.ts";

const MAX = 80;
const sets = fc
  .array(fc.tuple(fc.integer({ min: 0, max: MAX }), fc.integer({ min: 0, max: MAX })), { maxLength: 6 })
  .map((ranges) => CodePointSet.fromRanges(ranges));
const members = (s: CodePointSet) => Array.from({ length: MAX + 2 }, (_, c) => c).filter((c) => s.has(c));

describe("CodePointSet", () => {
  it("keeps ranges sorted, disjoint and non-adjacent", () => {
    const s = CodePointSet.fromRanges([
      [10, 12],
      [1, 3],
      [4, 5],
      [11, 20],
      [30, 29],
    ]);
    expect(s.ranges).toEqual([
      [1, 5],
      [10, 20],
    ]);
    expect(s.size).toBe(16);
    expect(s.toString()).toBe("%x01-05 / %x0A-14");
  });

  it("agrees with plain membership for union, intersection, difference, covers and overlaps", () => {
    fc.assert(
      fc.property(sets, sets, (a, b) => {
        const inA = new Set(members(a));
        const inB = new Set(members(b));
        expect(members(a.union(b))).toEqual([...new Set([...inA, ...inB])].sort((x, y) => x - y));
        expect(members(a.intersect(b))).toEqual([...inA].filter((c) => inB.has(c)));
        expect(members(a.minus(b))).toEqual([...inA].filter((c) => !inB.has(c)));
        expect(a.covers(b)).toBe([...inB].every((c) => inA.has(c)));
        expect(a.overlaps(b)).toBe([...inA].some((c) => inB.has(c)));
        expect(a.equals(b)).toBe(a.key === b.key);
      }),
      { numRuns: 500 },
    );
  });

  it("folds only ASCII letters for case-insensitive characters", () => {
    expect(CodePointSet.caseless(0x61).ranges).toEqual([
      [0x41, 0x41],
      [0x61, 0x61],
    ]);
    expect(CodePointSet.caseless(0x5a).ranges).toEqual([
      [0x5a, 0x5a],
      [0x7a, 0x7a],
    ]);
    expect(CodePointSet.caseless(0xe9).ranges).toEqual([[0xe9, 0xe9]]); // é stays é
    expect(CodePointSet.caseless(0x31).ranges).toEqual([[0x31, 0x31]]);
  });

  it("samples a readable member", () => {
    expect(CodePointSet.fromRanges([[0x00, 0x10ffff]]).sample()).toBe(0x30);
    expect(CodePointSet.of(0x09, 0x20).sample()).toBe(0x20);
    expect(CodePointSet.of(0x2d, 0x61).sample()).toBe(0x61);
    expect(CodePointSet.caseless(0x41).sample()).toBe(0x61); // "A" in a case-insensitive string reads as "a"
    expect(CodePointSet.of(0x0d).sample()).toBe(0x0d);
    expect(CodePointSet.empty.sample()).toBeUndefined();
  });
});
