/**
 * Room versions (LM §int-room-versions): the name of the set of algorithms a room uses, chosen
 * in `m.room.create`.
 *
 * @module
 */
import { Schema } from "effect";
import { withArbitraryHint } from "../arbitrary/hints.ts";
import { grammarString } from "../identifiers/grammar-string.ts";
import { EVENTS_GRAMMAR_FILE, roomVersion as matchRoomVersion } from "./grammar.ts";
import { schemaProblem } from "./schema-problem.ts";

/**
 * The version LM names for itself. It breaks LM's own `room_version` grammar (an upper-case
 * `I`), which is why {@link CreateRoomVersion} admits it by name.
 */
export const LM_ROOM_VERSION = "I.1";

/**
 * The unstable version string LM's implementation note names; it follows the grammar, so the
 * project's testing profile uses it instead of {@link LM_ROOM_VERSION}.
 */
export const LM_UNSTABLE_ROOM_VERSION = "org.matrix.i-d.ralston-mimi-linearized-matrix.02";

/**
 * A room version exactly as LM's grammar defines it: 1 to 128 characters of `a-z 0-9 - .`.
 * Versions of only digits and dots are Matrix's; `I.`-prefixed ones are reserved for the IETF;
 * others SHOULD use reverse-DNS (prose rules the schema does not check).
 */
export const RoomVersion = grammarString({
  grammar: { file: EVENTS_GRAMMAR_FILE, rule: "room_version" },
  match: matchRoomVersion,
}).pipe(
  Schema.brand("RoomVersion"),
  Schema.annotate({
    identifier: "RoomVersion",
    description: "A room version: 1 to 128 characters of a-z, 0-9, '-' and '.'.",
    examples: ["1" as never, "org.example.my-room-version" as never, LM_UNSTABLE_ROOM_VERSION as never],
  }),
);

/** A room version that follows LM's grammar. */
export type RoomVersion = typeof RoomVersion.Type;

/**
 * The `room_version` of a create event: any {@link RoomVersion}, or LM's own `I.1`, which LM's
 * auth rule 3.3 requires although its grammar rejects it.
 */
export const CreateRoomVersion = Schema.String.pipe(
  Schema.check(
    Schema.makeFilter(
      (version: string) => (version === LM_ROOM_VERSION ? undefined : schemaProblem(RoomVersion, version)),
      {
        expected: "a room version (room_version grammar, or LM's I.1)",
        representation: {
          id: "mimi/create-room-version",
          payload: LM_ROOM_VERSION,
          schemas: [RoomVersion.ast],
        },
        toJsonSchema: ({ schemas: [grammatical] }) => ({
          anyOf: [{ const: LM_ROOM_VERSION }, grammatical ?? {}],
        }),
        ...withArbitraryHint({ from: [RoomVersion], values: [LM_ROOM_VERSION] }),
      },
    ),
  ),
  Schema.annotate({
    identifier: "CreateRoomVersion",
    description: "A room version as the create event names it: a grammatical room version, or LM's 'I.1'.",
    examples: [LM_ROOM_VERSION, LM_UNSTABLE_ROOM_VERSION],
  }),
);

/** The `room_version` of a create event. */
export type CreateRoomVersion = typeof CreateRoomVersion.Type;
