import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { boundedFilter, FilterExhaustedError } from "../../src/arbitrary/bounded-filter.ts";

describe("boundedFilter", () => {
  it("keeps only passing values, and shrinks among them", () => {
    const even = boundedFilter(
      fc.integer({ min: 0, max: 1000 }),
      (n) => n % 2 === 0,
      () => "evenness",
    );
    fc.assert(fc.property(even, (n) => n % 2 === 0));
    // Shrinking matches fast-check's own (unbounded) filter step for step.
    for (const seed of [1, 2, 3]) {
      const ours = fc.check(
        fc.property(even, (n) => n < 100),
        { seed },
      );
      const theirs = fc.check(
        fc.property(
          fc.integer({ min: 0, max: 1000 }).filter((n) => n % 2 === 0),
          (n) => n < 100,
        ),
        { seed },
      );
      expect(ours.counterexample).toEqual(theirs.counterexample);
    }
    const notSeven = boundedFilter(
      fc.integer({ min: 0, max: 1000 }),
      (n) => n !== 7,
      () => "not 7",
    );
    expect(
      fc.check(
        fc.property(notSeven, (n) => n < 100),
        { seed: 1 },
      ).counterexample,
    ).toEqual([100]);
  });

  it("gives up after the allowed tries, naming the check", () => {
    const never = boundedFilter(
      fc.nat(),
      () => false,
      () => "the impossible check",
      20,
    );
    expect(() => fc.sample(never, 1)).toThrow(FilterExhaustedError);
    expect(() => fc.sample(never, 1)).toThrow(/no generated value passed the impossible check in 20 tries/);
  });
});
