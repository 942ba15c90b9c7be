/**
 * The one error type the generators throw for bad input: a rule that does not exist, a rule that
 * matches no finite string, a prose value without a definition, an option out of range. The
 * message says what, where and why, so a CLI can print it as is.
 *
 * @module
 */

/** A grammar or option that string generation cannot work with; `message` explains why. */
export class GenerationError extends Error {
  override readonly name = "GenerationError";
}

/** Checks that an option is a whole number ≥ `min`, for a clear error instead of a silent misuse. */
export function wholeNumberOption(
  name: string,
  value: number | undefined,
  fallback: number,
  min = 0,
): number {
  if (value === undefined) return fallback;
  if (!Number.isInteger(value) || value < min)
    throw new GenerationError(`option \`${name}\` must be a whole number ≥ ${min}, got ${String(value)}`);
  return value;
}
