import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { codePointLength, textProblem } from "../../src/events/text.ts";

describe("codePointLength", () => {
  it("equals the length of the string's code point sequence", () => {
    fc.assert(
      fc.property(fc.string({ unit: "binary" }), (s) => {
        expect(codePointLength(s)).toBe([...s].length);
      }),
    );
  });

  it("counts a lone surrogate as one", () => {
    expect(codePointLength("\uD800x")).toBe(2);
  });
});

describe("textProblem", () => {
  const limits = { name: "field", min: 1, max: 3 };
  it("reports the bounds with singular and plural right", () => {
    expect(textProblem("", limits)).toBe("field is 0 characters long; at least 1 is required");
    expect(textProblem("", { ...limits, min: 2 })).toBe(
      "field is 0 characters long; at least 2 are required",
    );
    expect(textProblem("abcd", limits)).toBe("field is 4 characters long; at most 3 are allowed");
    expect(textProblem("abc", limits)).toBeUndefined();
  });
});
