/**
 * `m.room.redaction` content. LM has no redaction event; RP-00 defines `m.room.redaction` with
 * `redactedEventId`, and Matrix (room version 11) puts the target in `content.redacts`. We use
 * Matrix's `redacts`, in content, to stay with LM's JSON naming. LM's redaction algorithm keeps
 * no content key of this type, so a redacted redaction event has `{}` as content.
 *
 * @module
 */
import { Schema } from "effect";
import { EventId } from "../event-id.ts";
import { openStruct } from "../open-object.ts";

/** `m.room.redaction` content: `redacts`, the ID of the event to redact, and an optional `reason`. */
export const RedactionEventContent = openStruct({
  redacts: EventId,
  reason: Schema.optionalKey(Schema.String),
}).pipe(
  Schema.annotate({
    identifier: "RedactionEventContent",
    description:
      "m.room.redaction content: redacts (the target event ID; Matrix v11 placement, RP-00's redactedEventId) and an optional reason.",
    examples: [{ redacts: "$nKHVqt3iyLA_HEE8lT1yUaaVjjBRR-fAqpN4t7opadc" } as never],
  }),
);

/** The content of a redaction event. */
export type RedactionEventContent = typeof RedactionEventContent.Type;
