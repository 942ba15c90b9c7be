import { describe, expect, it } from "vitest";
import {
  compareEvent,
  compareGrammar,
  compareIdentifier,
  compareTrace,
  firstDifference,
  jsonDifferences,
  MAX_MISMATCHES,
} from "../../src/conformance/compare.ts";

describe("jsonDifferences", () => {
  it("ignores key order and finds differences by path", () => {
    expect(jsonDifferences({ a: 1, b: [1, 2] }, { b: [1, 2], a: 1 }, "$")).toEqual([]);
    expect(
      jsonDifferences({ a: { "x y": 1 }, b: [1, 2] }, { a: { "x y": 2 }, b: [1], c: true }, "$"),
    ).toEqual([
      { field: '$.a["x y"]', expected: 1, actual: 2 },
      { field: "$.b.length", expected: 2, actual: 1 },
      { field: "$.c", expected: "(absent)", actual: true },
    ]);
    expect(jsonDifferences({ a: 1 }, {}, "$")).toEqual([{ field: "$.a", expected: 1, actual: "(missing)" }]);
  });

  it("stops after a bounded number of differences", () => {
    const many = Object.fromEntries(Array.from({ length: 50 }, (_, i) => [`k${i}`, i]));
    expect(jsonDifferences(many, {}, "$")).toHaveLength(MAX_MISMATCHES);
  });
});

describe("compareIdentifier", () => {
  it("compares validity only, quoting the reference's reason", () => {
    expect(
      compareIdentifier({ valid: false, reason: "bad" }, { valid: false, reason: "other words" }),
    ).toEqual([]);
    expect(compareIdentifier({ valid: false, reason: "bad" }, { valid: true })).toEqual([
      { field: "valid", expected: false, actual: true, note: "the reference says: bad" },
    ]);
    expect(compareIdentifier({ valid: true }, { valid: false, reason: "too long" })).toEqual([
      { field: "valid", expected: true, actual: false, note: "the implementation says: too long" },
    ]);
  });

  it("reports a malformed answer as such", () => {
    expect(compareIdentifier({ valid: true }, { ok: true })[0]).toMatchObject({
      field: "(result)",
      actual: { ok: true },
    });
  });
});

describe("compareEvent", () => {
  const expected = {
    canonical: "{}",
    contentHash: "h",
    referenceHash: "r",
    eventId: "$r",
    redacted: { a: 1 },
  };

  it("passes identical results and names each differing field", () => {
    expect(compareEvent(expected, { ...expected, redacted: { a: 1 } })).toEqual([]);
    expect(compareEvent(expected, { ...expected, contentHash: "x", redacted: { a: 2 } })).toEqual([
      { field: "contentHash", expected: "h", actual: "x" },
      { field: "redacted.a", expected: 1, actual: 2 },
    ]);
    expect(compareEvent(expected, { canonical: "{}", contentHash: "h", redacted: { a: 1 } })).toEqual([
      { field: "referenceHash", expected: "r", actual: "(missing)" },
      { field: "eventId", expected: "$r", actual: "(missing)" },
    ]);
  });

  it("wants no event ID for an LPDU", () => {
    const lpdu = { canonical: "{}", contentHash: "h", redacted: {} };
    expect(compareEvent(lpdu, { ...lpdu, eventId: "$x" })[0]).toMatchObject({
      field: "eventId",
      actual: "$x",
    });
  });

  it("accepts any rejection where one is expected, and nothing else", () => {
    const rejected = { rejected: { code: "float-not-allowed", message: "no floats" } };
    expect(compareEvent(rejected, { rejected: "floats are not allowed" })).toEqual([]);
    expect(compareEvent(rejected, expected)[0]).toMatchObject({ field: "rejected", actual: "results" });
    expect(compareEvent(expected, { rejected: "nope" })[0]).toMatchObject({ actual: "a rejection: nope" });
  });
});

describe("compareTrace", () => {
  const final = { rooms: [], findings: [] };
  const steps = [
    { expected: { verdict: "accepted" as const } },
    { expected: { verdict: "rejected" as const, guard: "g.one", requirements: [], reason: "because" } },
  ];

  it("compares verdicts and guards, not reasons", () => {
    expect(
      compareTrace(
        { steps, final },
        { steps: [{ verdict: "accepted" }, { verdict: "rejected", guard: "g.one", reason: "x" }], final },
      ),
    ).toEqual([]);
    expect(
      compareTrace(
        { steps, final },
        { steps: [{ verdict: "accepted" }, { verdict: "rejected", guard: "g.two" }], final },
      ),
    ).toEqual([
      {
        field: "steps[1]",
        expected: "rejected by g.one",
        actual: "rejected by g.two",
        note: "the reference says: because",
      },
    ]);
  });

  it("reports missing steps and final-state differences", () => {
    const out = compareTrace(
      { steps, final },
      { steps: [{ verdict: "accepted" }], final: { rooms: [{}], findings: [] } },
    );
    expect(out.map((m) => m.field)).toEqual(["steps.length", "steps[1]", "final.rooms.length"]);
  });
});

describe("compareGrammar", () => {
  it("compares the verdict", () => {
    expect(compareGrammar({ matches: true }, { matches: true })).toEqual([]);
    expect(compareGrammar({ matches: true }, { matches: false })).toEqual([
      { field: "matches", expected: true, actual: false },
    ]);
    expect(compareGrammar({ matches: true }, "yes")[0]?.field).toBe("(result)");
  });
});

describe("firstDifference", () => {
  it("points at the first differing character with context", () => {
    expect(firstDifference('{"a":1,"b":2}', '{"b":2,"a":1}')).toBe(
      'first difference at character 3: expected "{\\"a\\":1,\\"b\\":2}", got "{\\"b\\":2,\\"a\\":1}"',
    );
    const long = "x".repeat(100);
    expect(firstDifference(`${long}A${long}`, `${long}B${long}`)).toMatch(
      /^first difference at character 101: expected "…x+Ax+…"/,
    );
  });
});
