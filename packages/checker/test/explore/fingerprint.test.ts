import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { FingerprintSet, fingerprint } from "../../src/explore/fingerprint.ts";

describe("fingerprints", () => {
  it("are deterministic and tell apart near-identical texts", () => {
    expect(fingerprint("abc")).toEqual(fingerprint("abc"));
    const seen = new Set<string>();
    for (let i = 0; i < 5000; i++) seen.add(fingerprint(`state ${i}|M{}`).join(":"));
    seen.add(fingerprint("").join(":"));
    expect(seen.size).toBe(5001);
    expect(fingerprint("ab")).not.toEqual(fingerprint("ba"));
  });

  it("a fingerprint set behaves like a set of pairs, through growth and the (0, 0) pair (property)", () => {
    const pair = fc.tuple(
      fc.oneof(fc.constant(0), fc.nat({ max: 7 }), fc.nat()),
      fc.oneof(fc.constant(0), fc.nat({ max: 7 }), fc.nat()),
    );
    fc.assert(
      fc.property(fc.array(pair, { maxLength: 300 }), (pairs) => {
        const set = new FingerprintSet(4);
        const model = new Set<string>();
        for (const [a, b] of pairs) {
          const key = a === 0 && b === 0 ? "0:1" : `${a}:${b}`;
          expect(set.add(a >>> 0, b >>> 0)).toBe(!model.has(key));
          model.add(key);
          expect(set.has(a >>> 0, b >>> 0)).toBe(true);
        }
        expect(set.size).toBe(model.size);
      }),
    );
  });
});
