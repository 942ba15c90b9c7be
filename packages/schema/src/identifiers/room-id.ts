/**
 * Room IDs: `!localpart:server`, scoped by the creating server's name.
 *
 * @module
 */
import { Schema, SchemaGetter } from "effect";
import { roomId as matchRoomId } from "../generated/identifiers.grammar.ts";
import { grammarString } from "./grammar-string.ts";
import { ServerName, serverPartProblem } from "./server-name.ts";
import { MAX_IDENTIFIER_LENGTH } from "./user-id.ts";

/**
 * A room ID as the signaling draft defines it: `"!" room_id_localpart ":" server_name`, at most
 * 255 characters, case sensitive; the localpart is opaque.
 */
export const RoomId = grammarString({
  grammar: { file: "spec/grammar/identifiers.abnf", rule: "room_id" },
  match: matchRoomId,
  maxLength: MAX_IDENTIFIER_LENGTH,
  prose: [serverPartProblem],
}).pipe(
  Schema.brand("RoomId"),
  Schema.annotate({
    identifier: "RoomId",
    description:
      "A MIMI room ID: '!', an opaque localpart of letters, digits and - . ~ _, ':', and the creating server's name.",
    examples: ["!abc:example.org" as never, "!cEXuEjziVcCzbxbqmN:example.org" as never],
  }),
);

/** A valid room ID. */
export type RoomId = typeof RoomId.Type;

/** The two parts of a room ID. */
export interface RoomIdParts {
  readonly localpart: string;
  readonly server: ServerName;
}

/** Splits a valid room ID. The localpart cannot hold `:`, so the first `:` ends it. */
export function roomIdParts(id: RoomId): RoomIdParts {
  const colon = id.indexOf(":");
  return { localpart: id.slice(1, colon), server: id.slice(colon + 1) as ServerName };
}

/** The parts of a room ID as a schema. */
export const RoomIdParts = Schema.Struct({ localpart: Schema.String, server: ServerName }).pipe(
  Schema.annotate({ identifier: "RoomIdParts", description: "The localpart and server of a room ID." }),
);

/** Decodes a room ID string into its parts; encoding joins them into the canonical string. */
export const RoomIdFromString = RoomId.pipe(
  Schema.decodeTo(RoomIdParts, {
    decode: SchemaGetter.transform((id: RoomId) => roomIdParts(id)),
    encode: SchemaGetter.transform(
      (parts: typeof RoomIdParts.Encoded) => `!${parts.localpart}:${parts.server}` as RoomId,
    ),
  }),
);
