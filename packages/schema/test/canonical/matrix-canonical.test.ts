import { Buffer } from "node:buffer";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import type { JsonValue } from "../../src/canonical/json-value.ts";
import { canonicalizeMatrix, compareCodePoints } from "../../src/canonical/matrix-canonical.ts";
import { parseJson } from "../../src/canonical/safe-parse.ts";
import { jsonValue, safeInteger, sortedStringify, unicodeString } from "./arbitraries.ts";

/**
 * The "Canonical JSON" examples of the Matrix specification, matrix-org/matrix-spec,
 * content/appendices.md (§ Signing JSON › Canonical JSON › Examples), inputs as printed there.
 */
const MATRIX_SPEC_EXAMPLES: ReadonlyArray<readonly [string, string]> = [
  ["{}", "{}"],
  ['{\n    "one": 1,\n    "two": "Two"\n}', '{"one":1,"two":"Two"}'],
  ['{\n    "b": "2",\n    "a": "1"\n}', '{"a":"1","b":"2"}'],
  ['{"b":"2","a":"1"}', '{"a":"1","b":"2"}'],
  [
    `{
    "auth": {
        "success": true,
        "mxid": "@john.doe:example.com",
        "profile": {
            "display_name": "John Doe",
            "three_pids": [
                {
                    "medium": "email",
                    "address": "john.doe@example.org"
                },
                {
                    "medium": "msisdn",
                    "address": "123456789"
                }
            ]
        }
    }
}`,
    '{"auth":{"mxid":"@john.doe:example.com","profile":{"display_name":"John Doe","three_pids":[{"address":"john.doe@example.org","medium":"email"},{"address":"123456789","medium":"msisdn"}]},"success":true}}',
  ],
  ['{\n    "a": "日本語"\n}', '{"a":"日本語"}'],
  ['{\n    "本": 2,\n    "日": 1\n}', '{"日":1,"本":2}'],
  ['{\n    "a": "\\u65E5"\n}', '{"a":"日"}'],
  ['{\n    "a": null\n}', '{"a":null}'],
  ['{\n    "a": -0,\n    "b": 1e10\n}', '{"a":0,"b":10000000000}'],
];

function matrixOfText(text: string): string {
  const value = parseJson(text);
  if (!value.ok) throw new Error(JSON.stringify(value.error));
  const canonical = canonicalizeMatrix(value.value);
  if (!canonical.ok) throw new Error(JSON.stringify(canonical.error));
  return canonical.value;
}

describe("Matrix canonical JSON", () => {
  it.each(MATRIX_SPEC_EXAMPLES)("reproduces the matrix-spec example %#", (input, output) => {
    expect(matrixOfText(input)).toBe(output);
  });

  it("sorts by code point: U+FB33 and U+E000 before U+1F600", () => {
    expect(canonicalizeMatrix({ "\u{1F600}": 3, "\uFB33": 1, "\uE000": 2 })).toEqual({
      ok: true,
      value: '{"\uE000":2,"\uFB33":1,"\u{1F600}":3}',
    });
  });

  it("orders keys exactly as their UTF-8 bytes order", () => {
    fc.assert(
      fc.property(unicodeString(6), unicodeString(6), (a, b) => {
        expect(Math.sign(compareCodePoints(a, b))).toBe(
          Math.sign(Buffer.compare(Buffer.from(a), Buffer.from(b))),
        );
      }),
      { numRuns: 3000 },
    );
  });

  it("rejects floats and integers outside the safe range, with the path", () => {
    expect(canonicalizeMatrix({ a: { b: [1, 1.5] } })).toMatchObject({
      ok: false,
      error: { code: "float-not-allowed", path: "$.a.b[1]" },
    });
    expect(canonicalizeMatrix({ ts: 2 ** 53 })).toMatchObject({
      ok: false,
      error: { code: "integer-out-of-range" },
    });
    expect(canonicalizeMatrix({ ts: -(2 ** 53) })).toMatchObject({
      ok: false,
      error: { code: "integer-out-of-range" },
    });
    expect(canonicalizeMatrix({ ts: 1e30 })).toMatchObject({
      ok: false,
      error: { code: "integer-out-of-range" },
    });
    expect(canonicalizeMatrix([Number.NaN])).toMatchObject({
      ok: false,
      error: { code: "non-finite-number" },
    });
  });

  it("writes the safe-integer bounds without exponent and -0 as 0", () => {
    expect(canonicalizeMatrix([Number.MAX_SAFE_INTEGER, Number.MIN_SAFE_INTEGER, -0])).toEqual({
      ok: true,
      value: "[9007199254740991,-9007199254740991,0]",
    });
  });

  it("uses the appendix grammar's escapes: short forms, lowercase \\u00XX, nothing else escaped", () => {
    const all = Array.from({ length: 0x20 }, (_, i) => String.fromCharCode(i)).join("");
    const expected =
      '"\\u0000\\u0001\\u0002\\u0003\\u0004\\u0005\\u0006\\u0007\\b\\t\\n\\u000b\\f\\r\\u000e\\u000f' +
      "\\u0010\\u0011\\u0012\\u0013\\u0014\\u0015\\u0016\\u0017\\u0018\\u0019\\u001a\\u001b\\u001c\\u001d\\u001e\\u001f" +
      ' \\"/\\\\\u007f\u2028\u{1F600}"';
    expect(canonicalizeMatrix(`${all} "/\\\u007f\u2028\u{1F600}`)).toEqual({ ok: true, value: expected });
  });

  it("matches a sort-then-JSON.stringify oracle on integer-only values", () => {
    fc.assert(
      fc.property(jsonValue(safeInteger), (value: JsonValue) => {
        expect(canonicalizeMatrix(value)).toEqual({
          ok: true,
          value: sortedStringify(value, compareCodePoints),
        });
      }),
    );
  });
});
