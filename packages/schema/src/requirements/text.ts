/**
 * Text fields of the registry. Every human-readable field is one non-blank line, so that a
 * report can print an entry per line and an empty "why" cannot pass for a reason.
 * @module
 */
import { Schema } from "effect";

/** One line of text with at least one non-space character (no line breaks). */
export const NonBlankLine = Schema.String.pipe(
  Schema.check(
    Schema.isPattern(/^[^\r\n]*\S[^\r\n]*$/u, {
      expected: "one non-blank line of text (no line breaks)",
    }),
  ),
  Schema.annotate({
    identifier: "NonBlankLine",
    description: "One line of text with at least one non-space character and no line breaks.",
    examples: ["Nobody can be added to a DM."],
  }),
);
/** One line of text with at least one non-space character (no line breaks). */
export type NonBlankLine = typeof NonBlankLine.Type;
