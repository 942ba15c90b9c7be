/**
 * Integers in events. JSON numbers are doubles, so LM's "64-bit integer" can only travel intact
 * within ±(2^53 − 1); Matrix canonical JSON allows exactly that range, and our JSON reader refuses
 * anything beyond it rather than round it.
 *
 * @module
 */
import { Schema } from "effect";

/** Why `n` is not an integer in the interoperable range, or `undefined`. */
export function safeIntegerProblem(n: number): string | undefined {
  if (Number.isSafeInteger(n)) return undefined;
  if (Number.isInteger(n)) {
    return `${n} is outside the safe integer range [-(2^53)+1, 2^53-1]; JSON peers cannot carry it exactly`;
  }
  return `${n} is not an integer`;
}

/** The bounds of {@link safeIntegerProblem}, for the JSON Schema export and the generators. */
const SAFE_RANGE = { minimum: Number.MIN_SAFE_INTEGER, maximum: Number.MAX_SAFE_INTEGER };

/** An integer in [-(2^53)+1, 2^53-1]: power levels and every other integer field of an event. */
export const SafeInteger = Schema.Number.pipe(
  Schema.check(
    Schema.makeFilter((n: number) => safeIntegerProblem(n), {
      expected: "an integer in [-(2^53)+1, 2^53-1]",
      toJsonSchema: () => ({ type: "integer", ...SAFE_RANGE }),
      arbitraryConstraint: { number: "integer", ...SAFE_RANGE },
    }),
  ),
  Schema.annotate({
    identifier: "SafeInteger",
    description: "An integer between -(2^53)+1 and 2^53-1, the range JSON carries exactly.",
    examples: [0, 50, 100],
  }),
);

/**
 * `origin_server_ts`: milliseconds since the Unix epoch, as a safe integer. LM says "64-bit
 * integer" and sets no lower bound, so negative values (before 1970) are accepted.
 */
export const Timestamp = SafeInteger.pipe(
  Schema.annotate({
    identifier: "Timestamp",
    description: "Milliseconds since the Unix epoch, an integer in the safe range.",
    examples: [1681340188825],
  }),
);
