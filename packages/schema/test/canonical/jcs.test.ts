import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { canonicalizeJcs, compareUtf16CodeUnits } from "../../src/canonical/jcs.ts";
import type { JsonValue } from "../../src/canonical/json-value.ts";
import { parseJson } from "../../src/canonical/safe-parse.ts";
import { finiteDouble, jsonValue, readableDouble, sortedStringify } from "./arbitraries.ts";

function jcsOfText(text: string): string {
  const value = parseJson(text);
  if (!value.ok) throw new Error(JSON.stringify(value.error));
  const canonical = canonicalizeJcs(value.value);
  if (!canonical.ok) throw new Error(JSON.stringify(canonical.error));
  return canonical.value;
}

/**
 * Input/output pairs from the JCS reference test data by the RFC 8785 authors:
 * github.com/cyberphone/json-canonicalization, testdata/input/*.json and testdata/output/*.json.
 * `values` is also the example of RFC 8785 §3.2.2, `weird` extends the sorting example of §3.2.3.
 * Expected outputs are written with \u escapes so that invisible characters stay visible here.
 */
const REFERENCE_VECTORS: ReadonlyArray<{ name: string; input: string; output: string }> = [
  {
    name: "values",
    input:
      '{\n  "numbers": [1E30, 4.50, 333333333.33333329, 2e-3, 0.000000000000000000000000001],\n' +
      '  "escaping": "\\u20ac$\\u000F\\u000aA\'\\u0042\\u0022\\u005c\\\\\\"\\/",\n  "literals": [null, true, false]\n}',
    output:
      '{"escaping":"\u20ac$\\u000f\\nA\'B\\"\\\\\\\\\\"/","literals":[null,true,false],' +
      '"numbers":[1e+30,4.5,333333333.3333333,0.002,1e-27]}',
  },
  {
    name: "weird",
    input:
      '{\n  "\\u20ac": "Euro Sign",\n  "1": "One",\n  "\\u0080": "Control\\u007f",\n  "\\ud83d\\ude02": "Smiley",\n' +
      '  "\\u00f6": "Latin Small Letter O With Diaeresis",\n  "\\ufb33": "Hebrew Letter Dalet With Dagesh",\n' +
      '  "</script>": "Browser Challenge"\n}\n',
    output:
      '{"1":"One","</script>":"Browser Challenge","\u0080":"Control\u007f","\u00f6":"Latin Small Letter O With Diaeresis",' +
      '"\u20ac":"Euro Sign","\u{1F602}":"Smiley","\ufb33":"Hebrew Letter Dalet With Dagesh"}',
  },
  {
    name: "structures",
    input:
      '{\n  "1": {"f": {"f": "hi","F": 5} ,"\\n": 56.0},\n  "10": { },\n  "": "empty",\n  "a": { },\n  "111": [ { } ],\n  "A": { }\n}',
    output: '{"":"empty","1":{"\\n":56,"f":{"F":5,"f":"hi"}},"10":{},"111":[{}],"A":{},"a":{}}',
  },
  {
    name: "arrays",
    input: '[\n  56,\n  {\n    "d": true,\n    "10": null,\n    "1": [ ]\n  }\n]',
    output: '[56,{"1":[],"10":null,"d":true}]',
  },
  {
    name: "unicode",
    input: '{\n  "Unnormalized Unicode":"\\u1e0d\\u0307"\n}\n',
    output: '{"Unnormalized Unicode":"\u1e0d\u0307"}',
  },
  {
    name: "french",
    input:
      '{\n  "peach": "This sorting order",\n  "péché": "is wrong according to French",\n' +
      '  "pêche": "but canonicalization MUST",\n  "sin":   "ingnore locale"\n}\n',
    output:
      '{"peach":"This sorting order","péché":"is wrong according to French","pêche":"but canonicalization MUST","sin":"ingnore locale"}',
  },
];

/** RFC 8785 Appendix B: IEEE 754 bit patterns and their required serialization. */
const RFC8785_NUMBERS: ReadonlyArray<readonly [string, string]> = [
  ["0000000000000000", "0"],
  ["8000000000000000", "0"],
  ["0000000000000001", "5e-324"],
  ["8000000000000001", "-5e-324"],
  ["7fefffffffffffff", "1.7976931348623157e+308"],
  ["ffefffffffffffff", "-1.7976931348623157e+308"],
  ["4340000000000000", "9007199254740992"],
  ["c340000000000000", "-9007199254740992"],
  ["4430000000000000", "295147905179352830000"],
  ["44b52d02c7e14af5", "9.999999999999997e+22"],
  ["44b52d02c7e14af6", "1e+23"],
  ["44b52d02c7e14af7", "1.0000000000000001e+23"],
  ["444b1ae4d6e2ef4e", "999999999999999700000"],
  ["444b1ae4d6e2ef4f", "999999999999999900000"],
  ["444b1ae4d6e2ef50", "1e+21"],
  ["3eb0c6f7a0b5ed8c", "9.999999999999997e-7"],
  ["3eb0c6f7a0b5ed8d", "0.000001"],
  ["41b3de4355555553", "333333333.3333332"],
  ["41b3de4355555554", "333333333.33333325"],
  ["41b3de4355555555", "333333333.3333333"],
  ["41b3de4355555556", "333333333.3333334"],
  ["41b3de4355555557", "333333333.33333343"],
  ["becbf647612f3696", "-0.0000033333333333333333"],
  ["43143ff3c1cb0959", "1424953923781206.2"],
];

describe("JCS (RFC 8785)", () => {
  for (const vector of REFERENCE_VECTORS) {
    it(`reproduces the reference vector "${vector.name}"`, () => {
      expect(jcsOfText(vector.input)).toBe(vector.output);
    });
  }

  it("serializes the RFC 8785 Appendix B numbers", () => {
    for (const [bits, expected] of RFC8785_NUMBERS) {
      const n = Buffer.from(bits, "hex").readDoubleBE(0);
      expect(canonicalizeJcs([n]), bits).toEqual({ ok: true, value: `[${expected}]` });
    }
  });

  it("writes unsafe integers as RFC 8785 requires, which the safe reader then refuses", () => {
    // The writer follows RFC 8785 Appendix B; the reader is stricter on purpose (I-JSON's
    // safe-integer range), so such output does not read back.
    const text = canonicalizeJcs({ n: 2 ** 53 });
    expect(text).toEqual({ ok: true, value: '{"n":9007199254740992}' });
    expect(text.ok && parseJson(text.value)).toMatchObject({
      ok: false,
      error: { code: "unsafe-integer", path: "$.n" },
    });
  });

  it("rejects NaN and infinities (RFC 8785 Appendix B error cases)", () => {
    for (const n of [Number.NaN, Number.POSITIVE_INFINITY, Number.NEGATIVE_INFINITY]) {
      const result = canonicalizeJcs({ a: [n] });
      expect(result.ok).toBe(false);
      if (!result.ok) expect(result.error).toMatchObject({ code: "non-finite-number", path: "$.a[0]" });
    }
  });

  it("sorts by UTF-16 code units: U+1F600 before U+FB33 and U+E000", () => {
    expect(canonicalizeJcs({ "\uFB33": 1, "\uE000": 2, "\u{1F600}": 3 })).toEqual({
      ok: true,
      value: '{"\u{1F600}":3,"\uE000":2,"\uFB33":1}',
    });
  });

  it("matches JSON.stringify over objects whose keys were sorted by code unit", () => {
    fc.assert(
      fc.property(jsonValue(finiteDouble), (value) => {
        expect(canonicalizeJcs(value)).toEqual({
          ok: true,
          value: sortedStringify(value, compareUtf16CodeUnits),
        });
      }),
    );
  });

  it("writes output that parses back to an equal value", () => {
    fc.assert(
      fc.property(jsonValue(readableDouble), (value) => {
        const text = canonicalizeJcs(value);
        expect(text.ok).toBe(true);
        if (!text.ok) return;
        const back = parseJson(text.value);
        expect(back.ok).toBe(true);
        if (back.ok) expect(normalizeZero(back.value)).toEqual(normalizeZero(value));
      }),
    );
  });
});

/** -0 and 0 are the same JSON number; toEqual would tell them apart. */
function normalizeZero(value: JsonValue): JsonValue {
  return JSON.parse(JSON.stringify(value)) as JsonValue;
}
