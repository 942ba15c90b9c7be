import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { MappedTextBuilder } from "../../src/text/mapped-text.ts";

type Op =
  | { kind: "copy"; length: number; skip: number }
  | { kind: "replace"; text: string; length: number; skip: number };

const op: fc.Arbitrary<Op> = fc.oneof(
  fc.record({ kind: fc.constant("copy" as const), length: fc.nat(8), skip: fc.nat(3) }),
  fc.record({
    kind: fc.constant("replace" as const),
    text: fc.string({ maxLength: 3 }),
    length: fc.nat(5),
    skip: fc.nat(3),
  }),
);

describe("MappedTextBuilder and OffsetMap", () => {
  it("maps every copied character back to the same character of the original", () => {
    fc.assert(
      fc.property(
        fc.string({ minLength: 0, maxLength: 80 }),
        fc.array(op, { maxLength: 20 }),
        (original, ops) => {
          const b = new MappedTextBuilder(original);
          const copied: Array<{ view: number; orig: number }> = [];
          const replaced: Array<{ view: number; orig: number; end: number }> = [];
          let pos = 0;
          for (const o of ops) {
            const start = Math.min(original.length, pos + o.skip);
            const end = Math.min(original.length, start + o.length);
            if (o.kind === "copy") {
              for (let k = start; k < end; k++) copied.push({ view: b.size + (k - start), orig: k });
              b.copy(start, end);
            } else {
              for (let k = 0; k < o.text.length; k++) replaced.push({ view: b.size + k, orig: start, end });
              b.replace(o.text, start, end);
            }
            pos = end;
          }
          const { text, map } = b.build();
          expect(map.length).toBe(text.length);
          for (const c of copied) {
            expect(map.toOriginal(c.view)).toBe(c.orig);
            expect(text[c.view]).toBe(original[c.orig]);
            expect(map.toOriginalEnd(c.view + 1)).toBe(c.orig + 1);
          }
          for (const r of replaced) {
            expect(map.toOriginal(r.view)).toBe(r.orig);
            expect(map.toOriginalEnd(r.view + 1)).toBe(r.end);
          }
        },
      ),
      { numRuns: 500 },
    );
  });

  it("merges adjacent copies into one segment (a block of lines costs one entry)", () => {
    const original = "line one\nline two\nline three\n";
    const b = new MappedTextBuilder(original);
    b.copy(0, 9).copy(9, 18).copy(18, original.length);
    const { text, map } = b.build();
    expect(text).toBe(original);
    expect(map.segmentCount).toBe(1);
  });

  it("maps a span that ends at a segment boundary to the end of the segment before", () => {
    const original = "ab&lt;cd";
    const b = new MappedTextBuilder(original).copy(0, 2).replace("<", 2, 6).copy(6, 8);
    const { text, map } = b.build();
    expect(text).toBe("ab<cd");
    expect(map.toOriginalEnd(2)).toBe(2); // end of "ab"
    expect(map.toOriginalEnd(3)).toBe(6); // end of "&lt;"
    expect(map.toOriginal(3)).toBe(6); // "c"
    expect(map.toOriginal(5)).toBe(8); // past the end
  });
});
