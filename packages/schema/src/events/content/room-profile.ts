/**
 * `m.room.name`, `m.room.topic` and `m.room.avatar`: TODO in LM, defined by SIG-00 with
 * `name`, `topic` and `mediaUri`. We use Matrix's field names (`name`, `topic`, `url`) to stay
 * with LM's Matrix lineage. Every field is optional: SIG-00 says a missing or empty name means
 * no name, and redaction (which keeps none of these fields, on purpose) must leave a valid event.
 *
 * @module
 */
import { Schema } from "effect";
import { openStruct } from "../open-object.ts";

/** `m.room.name` content: an optional `name`; missing or empty means the room has no name. */
export const NameEventContent = openStruct({ name: Schema.optionalKey(Schema.String) }).pipe(
  Schema.annotate({
    identifier: "NameEventContent",
    description: "m.room.name content: name (optional; missing or empty means no name).",
    examples: [{ name: "Book club" } as never],
  }),
);

/** The content of a name event. */
export type NameEventContent = typeof NameEventContent.Type;

/** `m.room.topic` content: an optional `topic`. */
export const TopicEventContent = openStruct({ topic: Schema.optionalKey(Schema.String) }).pipe(
  Schema.annotate({
    identifier: "TopicEventContent",
    description: "m.room.topic content: topic (optional).",
    examples: [{ topic: "This month: RFC 5234" } as never],
  }),
);

/** The content of a topic event. */
export type TopicEventContent = typeof TopicEventContent.Type;

/** `m.room.avatar` content: an optional media `url` (SIG-00's `mediaUri`); missing means no picture. */
export const AvatarEventContent = openStruct({ url: Schema.optionalKey(Schema.String) }).pipe(
  Schema.annotate({
    identifier: "AvatarEventContent",
    description: "m.room.avatar content: url of the picture (optional; missing means none).",
    examples: [{ url: "mxc://example.org/abc" } as never],
  }),
);

/** The content of an avatar event. */
export type AvatarEventContent = typeof AvatarEventContent.Type;
