/**
 * Small scopes for model-based tests: a few servers, users on them and room IDs on them, so
 * that generated actions collide (same room twice, a room on someone else's server) often.
 *
 * @module
 */
import {
  type RoomId,
  roomIdArbitrary,
  type ServerName,
  serverNameArbitrary,
  type UserId,
  userIdArbitrary,
} from "@mimi-spec/schema";
import fc from "fast-check";

/** The identifiers a test run draws its actions from. */
export interface Scope {
  readonly servers: ReadonlyArray<ServerName>;
  readonly users: ReadonlyArray<UserId>;
  readonly rooms: ReadonlyArray<RoomId>;
}

/** A scope of 1-3 servers, 1-4 users and 1-4 room IDs on those servers. */
export function scopeArbitrary(): fc.Arbitrary<Scope> {
  return fc.uniqueArray(serverNameArbitrary, { minLength: 1, maxLength: 3 }).chain((servers) => {
    const onServers = fc.constantFrom(...servers);
    return fc.record({
      servers: fc.constant(servers),
      users: fc.uniqueArray(userIdArbitrary(onServers), { minLength: 1, maxLength: 4 }),
      rooms: fc.uniqueArray(roomIdArbitrary(onServers), { minLength: 1, maxLength: 4 }),
    });
  });
}
