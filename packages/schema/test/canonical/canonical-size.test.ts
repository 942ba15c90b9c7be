import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { canonicalBytes } from "../../src/canonical/canonical-json.ts";
import {
  jcsByteLength,
  jcsByteLengthBound,
  jcsStringByteLength,
  MEASURE_MAX_DEPTH,
} from "../../src/canonical/canonical-size.ts";
import { finiteDouble, jsonValue, unicodeString } from "./arbitraries.ts";

const writtenLength = (value: unknown): number | undefined => {
  const bytes = canonicalBytes(value);
  return bytes.ok ? bytes.value.length : undefined;
};

function nested(depth: number): unknown {
  let value: unknown = 0;
  for (let i = 0; i < depth; i++) value = [value];
  return value;
}

describe("jcsByteLength and its bound", () => {
  it("equal, and bound, the length of the written RFC 8785 bytes on JSON values", () => {
    fc.assert(
      fc.property(jsonValue(finiteDouble), (value) => {
        const exact = jcsByteLength(value);
        expect(exact).toBe(writtenLength(value));
        expect(jcsByteLengthBound(value)).toBeGreaterThanOrEqual(exact as number);
      }),
      { numRuns: 500 },
    );
  });

  it("count escapes and UTF-8 per character", () => {
    fc.assert(
      fc.property(unicodeString(20), (s) => {
        expect(jcsStringByteLength(s)).toBe(writtenLength(s));
      }),
      { numRuns: 500 },
    );
    expect(jcsStringByteLength('a"\\\n\u0001é€😀')).toBe(2 + 1 + 2 + 2 + 2 + 6 + 2 + 3 + 4);
  });

  it("bound the longest number text ECMAScript writes", () => {
    for (const n of [-1.2345678901234567e-6, -2.2250738585072014e-308, -1.7976931348623157e308, 0, -0])
      expect(jcsByteLengthBound(n)).toBeGreaterThanOrEqual(String(n).length);
  });

  it("give no answer where the writer would refuse, without calling getters", () => {
    let called = false;
    const withGetter = Object.defineProperty({}, "x", {
      enumerable: true,
      get: () => {
        called = true;
        return 1;
      },
    });
    const cycle: unknown[] = [];
    cycle.push(cycle);
    for (const value of [
      "\ud800",
      { "\udc00": 1 },
      Number.NaN,
      [1, undefined],
      { f: () => 1 },
      new Date(0),
      withGetter,
      cycle,
      nested(MEASURE_MAX_DEPTH + 1),
      // biome-ignore lint/suspicious/noSparseArray: a hole is what is tested.
      [1, , 2],
    ]) {
      expect(jcsByteLength(value)).toBeUndefined();
      expect(jcsByteLengthBound(value)).toBeUndefined();
    }
    expect(called).toBe(false);
    // Deep but legal nesting is the writer's to measure.
    expect(writtenLength(nested(MEASURE_MAX_DEPTH + 1))).toBe(2 * (MEASURE_MAX_DEPTH + 1) + 1);
  });
});
