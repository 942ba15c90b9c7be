/**
 * fast-check generators for JSON values used by the canonical-layer property tests.
 * Strings and keys range over all Unicode code points (so non-BMP keys, where JCS and Matrix
 * order differ, are common); objects are built with null prototypes like the reader's.
 */
import fc from "fast-check";
import { emptyJsonObject, type JsonObject, type JsonValue } from "../../src/canonical/json-value.ts";

/** Well-formed strings over the full code-point range, biased towards tricky characters. */
export const unicodeString = (maxLength = 8): fc.Arbitrary<string> =>
  fc.oneof(
    fc.string({ unit: "binary", maxLength }),
    fc.string({
      unit: fc.constantFrom(
        "a",
        "Z",
        "\u0000",
        "\u001f",
        '"',
        "\\",
        "/",
        "\u007f",
        "\u2028",
        "\uFB33",
        "\u{1F600}",
        "\u{10FFFF}",
        "é",
      ),
      maxLength,
    }),
  );

/** Keys: short full-range strings plus the names that trip naive object handling. */
export const jsonKey: fc.Arbitrary<string> = fc.oneof(
  unicodeString(6),
  fc.constantFrom("__proto__", "constructor", "toString", "hasOwnProperty", ""),
);

function objectOf(entries: ReadonlyArray<readonly [string, JsonValue]>): JsonObject {
  const out = emptyJsonObject();
  for (const [k, v] of entries) out[k] = v;
  return out;
}

/** JSON values whose numbers are given by `number`. */
export function jsonValue(number: fc.Arbitrary<number>, maxDepth = 4): fc.Arbitrary<JsonValue> {
  const { value } = fc.letrec<{ value: JsonValue }>((tie) => ({
    value: fc.oneof(
      { depthSize: "small", maxDepth },
      fc.constant(null),
      fc.boolean(),
      number,
      unicodeString(),
      fc.array(tie("value"), { maxLength: 4 }),
      fc.uniqueArray(fc.tuple(jsonKey, tie("value")), { maxLength: 5, selector: ([k]) => k }).map(objectOf),
    ),
  }));
  return value;
}

/** Numbers Matrix canonical JSON accepts: safe integers (including -0, which it writes as 0). */
export const safeInteger: fc.Arbitrary<number> = fc.oneof(
  fc.integer({ min: -1000, max: 1000 }),
  fc.maxSafeInteger(),
  fc.constantFrom(Number.MAX_SAFE_INTEGER, Number.MIN_SAFE_INTEGER, -0),
);

/** Any finite double (JCS accepts all of them). */
export const finiteDouble: fc.Arbitrary<number> = fc.oneof(
  fc.double({ noNaN: true, noDefaultInfinity: true }),
  safeInteger,
);

/**
 * True unless `n` is an integer outside the safe range that JSON/JCS print without exponent
 * (2^53 <= |n| < 1e21). RFC 8785 writes those as plain integer literals (its Appendix B has
 * 9007199254740992), and the safe reader rejects such literals as `unsafe-integer` on purpose,
 * so round-trip properties are stated over the other numbers.
 */
export const printsAsSafeNumber = (n: number): boolean =>
  !Number.isInteger(n) || Number.isSafeInteger(n) || Math.abs(n) >= 1e21;

/** Finite doubles that survive a write-then-read round trip through the safe reader. */
export const readableDouble: fc.Arbitrary<number> = finiteDouble.filter(printsAsSafeNumber);

/** The same value with every object's keys inserted in a shuffled order. */
export function reorderKeys(value: JsonValue, order: (keys: string[]) => string[]): JsonValue {
  if (Array.isArray(value)) return value.map((v) => reorderKeys(v, order));
  if (value === null || typeof value !== "object") return value;
  const object = value as JsonObject;
  const out = emptyJsonObject();
  for (const key of order(Object.keys(object))) out[key] = reorderKeys(object[key] as JsonValue, order);
  return out;
}

/** Canonical-by-construction oracle: JSON.stringify with keys pre-sorted by `compare`. */
export function sortedStringify(value: JsonValue, compare: (a: string, b: string) => number): string {
  if (Array.isArray(value)) return `[${value.map((v) => sortedStringify(v, compare)).join(",")}]`;
  if (value === null || typeof value !== "object") return JSON.stringify(value);
  const object = value as JsonObject;
  const keys = Object.keys(object).sort(compare);
  return `{${keys.map((k) => `${JSON.stringify(k)}:${sortedStringify(object[k] as JsonValue, compare)}`).join(",")}}`;
}
