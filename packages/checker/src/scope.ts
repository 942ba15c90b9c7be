/**
 * Small scopes for model-based tests: a few servers, users on them and room IDs on them, so
 * that generated actions collide (same room twice, a room on someone else's server) often.
 * {@link DEFAULT_SCOPE} is the fixed scope of random-mode checking; {@link scopeArbitrary}
 * draws random ones.
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

/** The fixed scope of random-mode checking: honest users, room IDs, and an adversary. */
export interface CheckScope {
  /** Honest users; their servers are the honest providers. */
  readonly users: ReadonlyArray<UserId>;
  /** The room IDs rooms are created under (some on each provider, so IDs collide). */
  readonly rooms: ReadonlyArray<RoomId>;
  /** A server that forges input (it hosts no honest user). */
  readonly adversary: ServerName;
  /** A user of the adversary's server, used as a forged sender and as an invitee. */
  readonly outsider: UserId;
}

/**
 * Three users on two providers (alice on a.example; bob and carol on b.example), three room IDs
 * (two on a.example so a second DM between the same pair is possible, one on b.example), and
 * the adversary x.example with its user mallory.
 */
export const DEFAULT_SCOPE: CheckScope = {
  users: ["@alice:a.example", "@bob:b.example", "@carol:b.example"] as unknown as ReadonlyArray<UserId>,
  rooms: ["!r1:a.example", "!r2:a.example", "!r3:b.example"] as unknown as ReadonlyArray<RoomId>,
  adversary: "x.example" as ServerName,
  outsider: "@mallory:x.example" as UserId,
};

/** Every server of a scope: the honest providers (in user order) and the adversary. */
export function scopeServers(scope: CheckScope): ServerName[] {
  const servers: ServerName[] = [];
  for (const user of scope.users) {
    const server = user.slice(user.indexOf(":") + 1) as ServerName;
    if (!servers.includes(server)) servers.push(server);
  }
  return [...servers, scope.adversary];
}
