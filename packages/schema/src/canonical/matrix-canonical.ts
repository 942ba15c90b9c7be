/**
 * Matrix canonical JSON (matrix-spec `content/appendices.md`, "Canonical JSON").
 *
 * - Keys are sorted by Unicode code point ("lexicographically sorted by Unicode codepoint"),
 *   which equals the byte order of their UTF-8 encodings. U+1F600 sorts *after* U+FB33.
 * - Numbers must be integers in [-(2^53)+1, 2^53-1], written without exponent or fraction;
 *   floats are rejected, and `-0` is written `0` (the appendix example maps `{"a":-0}` to
 *   `{"a":0}`). A value read from `1e10` is the integer 10000000000 and is accepted.
 * - Strings: the shortest escaping of the appendix grammar (`\u00XX` with lowercase hex for
 *   controls without a short form), shared with JCS; UTF-8 output.
 *
 * @module
 */
import type { JsonError } from "./json-error.ts";
import { type CanonicalWriterProfile, type WriterOptions, writeCanonical } from "./json-writer.ts";
import type { Result } from "./result.ts";

/**
 * Orders strings by Unicode code point. Equal UTF-16 prefixes are skipped; at the first
 * difference, surrogates (0xD800–0xDFFF, which encode code points above U+FFFF) are moved above
 * every other BMP unit, which turns UTF-16 code-unit order into code-point order.
 */
export function compareCodePoints(a: string, b: string): number {
  const n = Math.min(a.length, b.length);
  for (let i = 0; i < n; i++) {
    const x = a.charCodeAt(i);
    const y = b.charCodeAt(i);
    if (x !== y) return codePointRank(x) - codePointRank(y);
  }
  return a.length - b.length;
}

function codePointRank(unit: number): number {
  if (unit >= 0xe000) return unit - 0x800;
  if (unit >= 0xd800) return unit + 0x2000;
  return unit;
}

/** The Matrix canonical JSON number and key rules. */
export const matrixProfile: CanonicalWriterProfile = {
  compareKeys: compareCodePoints,
  formatNumber: (n) => {
    if (!Number.isFinite(n)) {
      return { code: "non-finite-number", message: `${n} cannot be represented in JSON` };
    }
    if (!Number.isInteger(n)) {
      return {
        code: "float-not-allowed",
        message: `${n} is not an integer; Matrix canonical JSON has no floats`,
      };
    }
    if (!Number.isSafeInteger(n)) {
      return {
        code: "integer-out-of-range",
        message: `${n} is outside [-(2^53)+1, 2^53-1], the range Matrix canonical JSON allows`,
      };
    }
    return String(n); // safe integers print without exponent; String(-0) is "0"
  },
};

/** Serializes `value` as Matrix canonical JSON text. */
export function canonicalizeMatrix(value: unknown, options: WriterOptions = {}): Result<string, JsonError> {
  return writeCanonical(value, matrixProfile, options);
}
