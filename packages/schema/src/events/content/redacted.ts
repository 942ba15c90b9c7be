/**
 * What redaction leaves of a message event's content: nothing. LM's redaction algorithm keeps no
 * content key of `m.room.redaction`, `m.room.encrypted` or `m.mls.commit`, and servers persist
 * redacted copies (content-hash mismatch, or a redaction event), so a valid history holds such
 * events with `{}` as content. Their event schemas accept this form next to the full one.
 *
 * @module
 */
import { Schema } from "effect";
import { OpenObject } from "../open-object.ts";

/** `{}`: the content of a redacted message event. */
export const RedactedContent = OpenObject.pipe(
  Schema.check(
    Schema.makeFilter(
      (content: object) =>
        Object.keys(content).map((key) => ({
          path: [key],
          issue:
            "the content is neither complete nor redacted: redaction leaves a message event's content empty",
        })),
      {
        expected: "{} (redacted content)",
        toJsonSchema: () => ({ maxProperties: 0 }),
        arbitraryConstraint: { maxProperties: 0 },
      },
    ),
  ),
  Schema.annotate({
    identifier: "RedactedContent",
    description: "The empty content redaction leaves on a message event.",
    examples: [{} as never],
  }),
);
