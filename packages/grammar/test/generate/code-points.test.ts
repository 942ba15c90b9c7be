import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  highestUsable,
  isUsableCodePoint,
  lowestUsable,
  nthUsable,
  quoteCodePoint,
  usableAbove,
  usableBelow,
  usableCount,
} from "../../src/generate/code-points.ts";

describe("usable code points", () => {
  it("skip the surrogate block inside a range and count what is left", () => {
    expect(usableCount(0xd7fe, 0xe001)).toBe(4);
    expect([0, 1, 2, 3].map((i) => nthUsable(0xd7fe, i))).toEqual([0xd7fe, 0xd7ff, 0xe000, 0xe001]);
    expect(usableCount(0xd900, 0xe001)).toBe(2);
    expect(nthUsable(0xd900, 0)).toBe(0xe000);
    expect(lowestUsable(0xd900, 0xe001)).toBe(0xe000);
    expect(highestUsable(0xd000, 0xdaaa)).toBe(0xd7ff);
  });

  it("find nothing in an empty range, a surrogate-only range or past U+10FFFF", () => {
    expect(usableCount(0x62, 0x61)).toBe(0);
    expect(usableCount(0xd800, 0xdfff)).toBe(0);
    expect(lowestUsable(0xdc00, 0xdcff)).toBeUndefined();
    expect(usableCount(0x110000, 0x110005)).toBe(0);
    expect(usableCount(0x10fffe, 0x110005)).toBe(2);
  });

  it("step over the block and stop at the ends of Unicode", () => {
    expect(usableBelow(0xe000)).toBe(0xd7ff);
    expect(usableAbove(0xd7ff)).toBe(0xe000);
    expect(usableBelow(0)).toBeUndefined();
    expect(usableAbove(0x10ffff)).toBeUndefined();
    expect(usableBelow(0x61)).toBe(0x60);
  });

  it("enumerate every usable code point of a range in order, and nothing else", () => {
    fc.assert(
      fc.property(
        fc.oneof(fc.integer({ min: 0xd600, max: 0xe100 }), fc.integer({ min: 0, max: 0x10ffff })),
        fc.nat(0x400),
        (low, width) => {
          const high = Math.min(low + width, 0x10ffff);
          const count = usableCount(low, high);
          let expected = 0;
          for (let cp = low; cp <= high; cp++) if (isUsableCodePoint(cp)) expected++;
          expect(count).toBe(expected);
          let previous = -1;
          for (let i = 0; i < count; i++) {
            const cp = nthUsable(low, i);
            expect(isUsableCodePoint(cp) && cp >= low && cp <= high && cp > previous).toBe(true);
            previous = cp;
          }
        },
      ),
    );
  });

  it("quote visible ASCII and name the rest", () => {
    expect(quoteCodePoint(0x61)).toBe("'a'");
    expect(quoteCodePoint(0x20)).toBe("U+0020");
    expect(quoteCodePoint(0x1f600)).toBe("U+1F600");
  });
});
