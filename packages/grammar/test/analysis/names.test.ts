import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { editDistance, suggestName } from "../../src/analysis/names.ts";

describe("editDistance", () => {
  it("counts insertions, deletions, substitutions and adjacent swaps", () => {
    expect(editDistance("kitten", "sitting")).toBe(3);
    expect(editDistance("ALPA", "ALPHA")).toBe(1);
    expect(editDistance("digti", "digit")).toBe(1); // one swap, not two substitutions
    expect(editDistance("", "abc")).toBe(3);
    expect(editDistance("same", "same")).toBe(0);
  });

  it("is a symmetric distance that is zero only for equal strings", () => {
    const word = fc.string({ unit: fc.constantFrom("a", "b", "-", "_"), maxLength: 8 });
    fc.assert(
      fc.property(word, word, (a, b) => {
        expect(editDistance(a, b)).toBe(editDistance(b, a));
        expect(editDistance(a, b) === 0).toBe(a === b);
        expect(editDistance(a, b)).toBeLessThanOrEqual(Math.max(a.length, b.length));
      }),
    );
  });
});

describe("suggestName", () => {
  const names = [
    { name: "server-name", authored: true },
    { name: "server-port", authored: true },
    { name: "DIGIT", authored: false },
    { name: "ALPHA", authored: false },
  ];

  it("prefers a `-`/`_` swap over any other near name", () => {
    expect(suggestName("server_name", names)).toBe("server-name");
    expect(suggestName("SERVER_NAME", names)).toBe("server-name");
  });

  it("finds small typos, case-insensitively", () => {
    expect(suggestName("digt", names)).toBe("DIGIT");
    expect(suggestName("server-nme", names)).toBe("server-name");
  });

  it("suggests nothing when no name is close", () => {
    expect(suggestName("payload", names)).toBeUndefined();
    expect(suggestName("xy", names)).toBeUndefined();
  });

  it("prefers an authored name to a core rule at the same distance", () => {
    expect(
      suggestName("alph", [
        { name: "ALPHA", authored: false },
        { name: "alpho", authored: true },
      ]),
    ).toBe("alpho");
    expect(
      suggestName("alph", [
        { name: "ALPHA", authored: false },
        { name: "alpho2", authored: true },
      ]),
    ).toBe("ALPHA");
  });
});
