/**
 * Profile selection. LM says "use RFC 8785" (with a TODO noting that Matrix does not), so the
 * default profile is `"jcs"`; `"matrix"` reproduces Matrix canonical JSON and its published
 * test vectors. The two differ in key order for non-BMP characters and in number rules.
 *
 * @module
 */
import { canonicalizeJcs } from "./jcs.ts";
import type { JsonError } from "./json-error.ts";
import { canonicalizeMatrix } from "./matrix-canonical.ts";
import { ok, type Result } from "./result.ts";

/** The canonical JSON profiles: RFC 8785 (`"jcs"`) or Matrix canonical JSON (`"matrix"`). */
export type CanonicalProfile = "jcs" | "matrix";

/** The profile used when none is given: RFC 8785, as LM specifies. */
export const DEFAULT_CANONICAL_PROFILE: CanonicalProfile = "jcs";

/** Options accepted by every function that encodes canonical JSON. */
export interface CanonicalOptions {
  /** Which canonical form to produce. Default `"jcs"`. */
  readonly profile?: CanonicalProfile;
  /** Maximum nesting of arrays and objects. Default 512. */
  readonly maxDepth?: number;
}

/** Serializes `value` as canonical JSON text in the chosen profile. */
export function canonicalize(value: unknown, options: CanonicalOptions = {}): Result<string, JsonError> {
  const writerOptions = options.maxDepth === undefined ? {} : { maxDepth: options.maxDepth };
  return (options.profile ?? DEFAULT_CANONICAL_PROFILE) === "matrix"
    ? canonicalizeMatrix(value, writerOptions)
    : canonicalizeJcs(value, writerOptions);
}

/** Serializes `value` as canonical JSON and encodes it as UTF-8: the bytes that get hashed and signed. */
export function canonicalBytes(
  value: unknown,
  options: CanonicalOptions = {},
): Result<Uint8Array, JsonError> {
  const text = canonicalize(value, options);
  return text.ok ? ok(new TextEncoder().encode(text.value)) : text;
}
