/**
 * RFC 8785 JSON Canonicalization Scheme (JCS), the profile LM names (§int-canonical-json).
 *
 * - Keys are sorted by their UTF-16 code units (RFC 8785 §3.2.3), which is JavaScript's
 *   default string order. For non-BMP characters this differs from code-point order:
 *   U+1F600 (`D83D DE00`) sorts *before* U+FB33.
 * - Numbers are written as ECMAScript `Number.prototype.toString` writes them (RFC 8785
 *   §3.2.2.3): `4.5`, `1e+30`, `0.002`; `-0` becomes `0`; NaN and ±Infinity are errors.
 * - Strings use the shortest escaping (shared with the Matrix profile, see `json-writer.ts`).
 *
 * @module
 */
import type { JsonError } from "./json-error.ts";
import { type CanonicalWriterProfile, type WriterOptions, writeCanonical } from "./json-writer.ts";
import type { Result } from "./result.ts";

/** Orders strings by UTF-16 code units, as RFC 8785 §3.2.3 requires. */
export function compareUtf16CodeUnits(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** The JCS number and key rules. */
export const jcsProfile: CanonicalWriterProfile = {
  compareKeys: compareUtf16CodeUnits,
  formatNumber: (n) => {
    if (!Number.isFinite(n)) {
      return { code: "non-finite-number", message: `${n} cannot be represented in JSON` };
    }
    // String(-0) is "0", as RFC 8785 requires; otherwise this is ECMAScript Number::toString.
    return String(n);
  },
};

/** Serializes `value` as RFC 8785 canonical JSON text. */
export function canonicalizeJcs(value: unknown, options: WriterOptions = {}): Result<string, JsonError> {
  return writeCanonical(value, jcsProfile, options);
}
