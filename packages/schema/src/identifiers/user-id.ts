/**
 * User IDs: `@localpart:server` (ID-1, ID-2, ID-3).
 *
 * @module
 */
import { Schema, SchemaGetter } from "effect";
import { userId as matchUserId } from "../generated/identifiers.grammar.ts";
import { grammarString } from "./grammar-string.ts";
import { ServerName, serverPartProblem } from "./server-name.ts";

/** Identifiers are at most 255 characters (SIGNALING §3, §4). */
export const MAX_IDENTIFIER_LENGTH = 255;

/**
 * A user ID as the signaling draft defines it: `"@" user_id_localpart ":" server_name`, at most
 * 255 characters, case sensitive. The localpart allows only lower-case letters, digits and
 * `-._=/+`, so `@Alice:example.org` is invalid.
 */
export const UserId = grammarString({
  grammar: { file: "spec/grammar/identifiers.abnf", rule: "user_id" },
  match: matchUserId,
  maxLength: MAX_IDENTIFIER_LENGTH,
  prose: [serverPartProblem],
}).pipe(
  Schema.brand("UserId"),
  Schema.annotate({
    identifier: "UserId",
    description:
      "A MIMI user ID: '@', a localpart of a-z 0-9 - . = _ / +, ':', and the provider's server name.",
    examples: ["@alice:example.org" as never, "@watch/for/slashes:example.org" as never],
  }),
);

/** A valid user ID. */
export type UserId = typeof UserId.Type;

/** The two parts of a user ID (ID-2: a provider part plus a user part). */
export interface UserIdParts {
  readonly localpart: string;
  readonly server: ServerName;
}

/** Splits a valid user ID. The localpart cannot hold `:`, so the first `:` ends it. */
export function userIdParts(id: UserId): UserIdParts {
  const colon = id.indexOf(":");
  return { localpart: id.slice(1, colon), server: id.slice(colon + 1) as ServerName };
}

/** The parts of a user ID as a schema: decodes to `{ localpart, server }`, encodes back. */
export const UserIdParts = Schema.Struct({ localpart: Schema.String, server: ServerName }).pipe(
  Schema.annotate({ identifier: "UserIdParts", description: "The localpart and server of a user ID." }),
);

/** Decodes a user ID string into its parts; encoding joins them into the canonical string. */
export const UserIdFromString = UserId.pipe(
  Schema.decodeTo(UserIdParts, {
    decode: SchemaGetter.transform((id: UserId) => userIdParts(id)),
    encode: SchemaGetter.transform(
      (parts: typeof UserIdParts.Encoded) => `@${parts.localpart}:${parts.server}` as UserId,
    ),
  }),
);
