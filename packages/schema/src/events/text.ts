/**
 * Bounded UTF-8 text fields. LM limits event `type` and `state_key` to 255 "characters" of a
 * UTF-8 string; we count Unicode code points (what a character is in RFC 3629), so `😀` is one
 * character although JavaScript stores it as two UTF-16 code units. A string with an unpaired
 * surrogate has no UTF-8 encoding at all and is rejected.
 *
 * @module
 */
import { Schema } from "effect";
import { findLoneSurrogate } from "../canonical/json-writer.ts";

/** The number of Unicode code points in `s` (a surrogate pair counts once). */
export function codePointLength(s: string): number {
  let n = 0;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c >= 0xd800 && c <= 0xdbff) {
      const next = s.charCodeAt(i + 1);
      if (next >= 0xdc00 && next <= 0xdfff) i++;
    }
    n++;
  }
  return n;
}

/** Limits of a text field, and the name messages use for it. */
export interface TextLimits {
  /** The field's name in messages, e.g. `event type`. */
  readonly name: string;
  /** The fewest characters allowed. */
  readonly min: number;
  /** The most characters allowed. */
  readonly max: number;
}

/**
 * Why `value` is not acceptable UTF-8 text within `limits`, or `undefined`. The surrogate check
 * comes first: the length of a string that is not Unicode text is meaningless.
 */
export function textProblem(value: string, limits: TextLimits): string | undefined {
  const lone = findLoneSurrogate(value);
  if (lone >= 0) {
    const unit = value.charCodeAt(lone).toString(16).toUpperCase();
    return `${limits.name} holds an unpaired UTF-16 surrogate U+${unit} at index ${lone}, which UTF-8 cannot encode`;
  }
  const length = codePointLength(value);
  if (length < limits.min) {
    return `${limits.name} is ${length} characters long; at least ${limits.min} ${limits.min === 1 ? "is" : "are"} required`;
  }
  if (length > limits.max) {
    return `${limits.name} is ${length} characters long; at most ${limits.max} are allowed`;
  }
  return undefined;
}

/**
 * A JSON Schema pattern (Unicode mode) that rejects unpaired surrogates: in Unicode mode a pair is
 * one code point outside U+D800-U+DFFF, so only a lone half matches the excluded range.
 */
export const NO_LONE_SURROGATE_PATTERN = "^[^\\u{D800}-\\u{DFFF}]*$";

/**
 * What a {@link textProblem} check accepts, told to the tools that cannot run it: the JSON Schema
 * export (lengths count code points there too, and the pattern rejects lone surrogates) and the
 * generators (lengths in code points, which is what they count).
 */
export function textAnnotations(limits: TextLimits, pattern: string = NO_LONE_SURROGATE_PATTERN) {
  const lengths = { minLength: limits.min, maxLength: limits.max };
  return {
    toJsonSchema: () => ({ ...lengths, pattern }),
    arbitraryConstraint: lengths,
  };
}

/** A string schema of UTF-8 text within `limits`, described by `expected`. */
export function boundedText(limits: TextLimits, expected: string) {
  return Schema.String.pipe(
    Schema.check(
      Schema.makeFilter((value: string) => textProblem(value, limits), {
        expected,
        ...textAnnotations(limits),
      }),
    ),
  );
}
