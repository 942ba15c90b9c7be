/**
 * fast-check arbitraries for identifiers, built from the grammar automata: every value is valid
 * by construction (then the prose limits are applied), and values shrink toward the grammar's
 * shortest strings. User and room IDs can be put on a given set of servers, which the generic
 * schema bridge (`toArbitrary`) cannot do.
 *
 * @module
 */
import { Schema } from "effect";
import fc from "fast-check";
import { RoomId, ServerName, UserId } from "../identifiers/index.ts";
import { GRAMMAR_FILES } from "../requirements/grammar-files.ts";
import { boundedFilter } from "./bounded-filter.ts";
import { defaultGrammarRegistry } from "./grammar-registry.ts";
import { toArbitrary } from "./to-arbitrary.ts";

function grammarRule(rule: string): fc.Arbitrary<string> {
  return defaultGrammarRegistry.arbitrary({ file: GRAMMAR_FILES.identifiers, rule });
}

const isUserId = Schema.is(UserId);
const isRoomId = Schema.is(RoomId);

/** Valid server names (grammar plus port range). */
export const serverNameArbitrary: fc.Arbitrary<ServerName> = toArbitrary(ServerName);

/** Valid user IDs, optionally on the given servers. */
export function userIdArbitrary(
  servers: fc.Arbitrary<ServerName> = serverNameArbitrary,
): fc.Arbitrary<UserId> {
  return boundedFilter(
    fc.tuple(grammarRule("user_id_localpart"), servers).map(([local, server]) => `@${local}:${server}`),
    isUserId,
    () => "the user ID checks",
  );
}

/** Valid room IDs, optionally on the given servers. */
export function roomIdArbitrary(
  servers: fc.Arbitrary<ServerName> = serverNameArbitrary,
): fc.Arbitrary<RoomId> {
  return boundedFilter(
    fc.tuple(grammarRule("room_id_localpart"), servers).map(([local, server]) => `!${local}:${server}`),
    isRoomId,
    () => "the room ID checks",
  );
}
