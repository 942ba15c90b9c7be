/**
 * fast-check arbitraries for identifiers, built from the generated grammar automata: every value
 * is valid by construction (then the prose limits are applied), and values shrink toward the
 * grammar's shortest strings.
 *
 * @module
 */
import { dfaArbitrary } from "@mimi-spec/grammar";
import { Schema } from "effect";
import fc from "fast-check";
import { rules } from "../generated/identifiers.grammar.ts";
import { RoomId, ServerName, UserId } from "../identifiers/index.ts";

function grammarRule(name: string): fc.Arbitrary<string> {
  const rule = rules[name];
  if (rule === undefined) throw new Error(`identifiers.abnf has no rule ${name}`);
  return dfaArbitrary(rule.dfa);
}

const isServerName = Schema.is(ServerName);
const isUserId = Schema.is(UserId);
const isRoomId = Schema.is(RoomId);

/** Valid server names (grammar plus port range). */
export const serverNameArbitrary: fc.Arbitrary<ServerName> = grammarRule("server_name").filter(isServerName);

/** Valid user IDs, optionally on the given servers. */
export function userIdArbitrary(
  servers: fc.Arbitrary<ServerName> = serverNameArbitrary,
): fc.Arbitrary<UserId> {
  return fc
    .tuple(grammarRule("user_id_localpart"), servers)
    .map(([local, server]) => `@${local}:${server}`)
    .filter(isUserId);
}

/** Valid room IDs, optionally on the given servers. */
export function roomIdArbitrary(
  servers: fc.Arbitrary<ServerName> = serverNameArbitrary,
): fc.Arbitrary<RoomId> {
  return fc
    .tuple(grammarRule("room_id_localpart"), servers)
    .map(([local, server]) => `!${local}:${server}`)
    .filter(isRoomId);
}
