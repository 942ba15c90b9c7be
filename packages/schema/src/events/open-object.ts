/**
 * Objects that keep every key. Effect's `Struct` drops keys it does not declare, which for events
 * would silently change what gets hashed and signed; LM lists only the *minimum* fields of an
 * event and lets content carry more. So every object schema here is a struct plus an open rest
 * (`StructWithRest`), and round-trips whatever extra keys it was given. The rest values are
 * `unknown`: the whole-event size check (`size.ts`) proves they are JSON data, without recursion.
 *
 * @module
 */
import { Schema } from "effect";

/** Any JSON object, every key kept: the content of an event whose type this package does not model. */
export const OpenObject = Schema.Record(Schema.String, Schema.Unknown).pipe(
  Schema.annotate({
    identifier: "OpenObject",
    description: "A JSON object with any keys; values are checked only as JSON data by the event size check.",
  }),
);

/** The rest of an open struct: every key the struct does not declare, kept as is. */
const OPEN_REST = [OpenObject] as const;

/** A struct with the given fields that also keeps every other key (see the module notes). */
export function openStruct<const Fields extends Schema.Struct.Fields>(fields: Fields) {
  return Schema.StructWithRest(Schema.Struct(fields), OPEN_REST);
}
