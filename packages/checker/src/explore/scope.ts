/**
 * The small world an exhaustive exploration ranges over: which providers exist and which users
 * each has, how many rooms may be created, which chat types and which action kinds the alphabet
 * draws from, and how many messages may be in flight before users stop acting. Bounded scopes
 * are what make "every action sequence up to depth k" finite.
 *
 * @module
 */
import type { Action, ChatType } from "@mimi-spec/machine";
import { CHAT_TYPES } from "@mimi-spec/machine";
import type { RoomId, ServerName, UserId } from "@mimi-spec/schema";

/** The action kinds exhaustive exploration can instantiate (adversarial kinds are left out: it explores honest servers). */
export const EXPLORABLE_KINDS = [
  "create-room",
  "invite",
  "join",
  "leave",
  "knock",
  "kick",
  "ban",
  "unban",
  "send-message",
  "set-name",
  "set-join-rule",
  "set-history-visibility",
  "set-power-levels",
  "redact",
  "mls-propose",
  "propose-mls-acp",
  "set-profile",
  "set-setting",
  "set-server-setting",
  "deliver",
  "drop",
  "duplicate",
  "retry",
  "flush",
  "sync",
  "restart",
] as const satisfies ReadonlyArray<Action["kind"]>;

/** An action kind exhaustive exploration can instantiate. */
export type ExplorableKind = (typeof EXPLORABLE_KINDS)[number];

/** One provider of the scope and the localparts of its users. */
export interface ExploreScopeServer {
  readonly name: string;
  readonly users: ReadonlyArray<string>;
}

/** What an exploration ranges over. */
export interface ExploreScope {
  /** The providers, each with its users (by localpart). */
  readonly servers: ReadonlyArray<ExploreScopeServer>;
  /** How many rooms may exist in all (creation is offered while fewer exist). */
  readonly maxRooms: number;
  /** The chat types a `create-room` may ask for. */
  readonly chatTypes: ReadonlyArray<ChatType>;
  /** The action kinds of the alphabet. */
  readonly actions: ReadonlyArray<ExplorableKind>;
  /** Users act (and the network duplicates, servers retry and sync) only while fewer messages are in flight. */
  readonly maxInFlight: number;
  /**
   * Also try what a user's server would not offer: every membership action toward every user in
   * every room the server knows, and messages from users who have not joined (see
   * `wildMembershipActions`). Finds faults that let forbidden actions through; costs refused steps.
   */
  readonly wild?: boolean;
}

/**
 * The default scope: three users on two providers (`alice` and `carol` on `a.example`, `bob` on
 * `b.example`, so both a same-provider and a cross-provider pair exist), two rooms, the chat
 * types with fixed and open membership, membership changes and messages, and every network and
 * server action.
 */
export const DEFAULT_EXPLORE_SCOPE: ExploreScope = {
  servers: [
    { name: "a.example", users: ["alice", "carol"] },
    { name: "b.example", users: ["bob"] },
  ],
  maxRooms: 2,
  chatTypes: ["dm", "group-dm", "group-chat"],
  actions: [
    "create-room",
    "invite",
    "join",
    "leave",
    "kick",
    "ban",
    "send-message",
    "deliver",
    "drop",
    "duplicate",
    "retry",
    "flush",
    "sync",
    "restart",
  ],
  maxInFlight: 3,
};

/**
 * The scope of the duplicate-DM question: the default three users on two providers and two
 * rooms, DMs and group DMs only, users creating, accepting and declining, and every network and
 * server action (loss, duplication, reordering, restarts, retries, syncs).
 */
export const DUPLICATE_DM_SCOPE: ExploreScope = {
  ...DEFAULT_EXPLORE_SCOPE,
  chatTypes: ["dm", "group-dm"],
  actions: [
    "create-room",
    "join",
    "leave",
    "deliver",
    "drop",
    "duplicate",
    "flush",
    "restart",
    "sync",
    "retry",
  ],
};

/** A scope with its identifiers built and checked: what the explorer works from. */
export interface ResolvedExploreScope {
  readonly scope: ExploreScope;
  readonly servers: ReadonlyArray<ServerName>;
  /** Every user, providers in scope order, users in their provider's order. */
  readonly users: ReadonlyArray<UserId>;
  /** Each user's provider. */
  readonly serverOfUser: ReadonlyMap<UserId, ServerName>;
  readonly kinds: ReadonlySet<ExplorableKind>;
}

/** The room ID the `index`-th (1-based) room created on `server` gets. */
export function scopeRoomId(server: ServerName, index: number): RoomId {
  return `!r${index}:${server}` as RoomId;
}

const LOCALPART = /^[a-z0-9._=/+-]+$/u;
const SERVER_NAME = /^[a-z0-9-]+(\.[a-z0-9-]+)*$/u;

/** Checks a scope and builds its identifiers; throws naming the offending field and why. */
export function resolveExploreScope(scope: ExploreScope): ResolvedExploreScope {
  const fail = (path: string, why: string): never => {
    throw new Error(`explore scope: ${path} ${why}`);
  };
  if (scope.servers.length === 0) fail("servers", "is empty: a scope needs at least one provider");
  const servers: ServerName[] = [];
  const users: UserId[] = [];
  const serverOfUser = new Map<UserId, ServerName>();
  scope.servers.forEach((server, i) => {
    if (!SERVER_NAME.test(server.name))
      fail(
        `servers[${i}].name`,
        `${JSON.stringify(server.name)} is not a server name (lower-case DNS labels)`,
      );
    if (servers.includes(server.name as ServerName))
      fail(`servers[${i}].name`, `${JSON.stringify(server.name)} appears twice`);
    servers.push(server.name as ServerName);
    server.users.forEach((localpart, j) => {
      if (!LOCALPART.test(localpart))
        fail(
          `servers[${i}].users[${j}]`,
          `${JSON.stringify(localpart)} is not a user localpart (a-z 0-9 ._=/+-)`,
        );
      const user = `@${localpart}:${server.name}` as UserId;
      if (serverOfUser.has(user)) fail(`servers[${i}].users[${j}]`, `${user} appears twice`);
      users.push(user);
      serverOfUser.set(user, server.name as ServerName);
    });
  });
  if (users.length === 0) fail("servers", "have no users: a scope needs at least one user");
  if (!Number.isSafeInteger(scope.maxRooms) || scope.maxRooms < 0)
    fail("maxRooms", `must be a non-negative integer, got ${scope.maxRooms}`);
  if (!Number.isSafeInteger(scope.maxInFlight) || scope.maxInFlight < 0)
    fail("maxInFlight", `must be a non-negative integer, got ${scope.maxInFlight}`);
  scope.chatTypes.forEach((chatType, i) => {
    if (!CHAT_TYPES.includes(chatType))
      fail(`chatTypes[${i}]`, `${JSON.stringify(chatType)} is not a chat type (${CHAT_TYPES.join(", ")})`);
  });
  scope.actions.forEach((kind, i) => {
    if (!(EXPLORABLE_KINDS as ReadonlyArray<string>).includes(kind))
      fail(
        `actions[${i}]`,
        `${JSON.stringify(kind)} is not an explorable action kind (${EXPLORABLE_KINDS.join(", ")})`,
      );
  });
  return { scope, servers, users, serverOfUser, kinds: new Set(scope.actions) };
}
