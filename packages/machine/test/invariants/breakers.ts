/**
 * Worlds that break one invariant each, for the invariant tests and for the registry's done-when
 * check (every invariant that enforces a requirement is shown catching a violation). Each is made
 * by hand from a world the machine built, since the machine itself never breaks them.
 */
import type { RoomId, ServerName } from "@mimi-spec/schema";
import {
  appendToReplica,
  applyEvent,
  emptyWorld,
  type FullEvent,
  historyOf,
  type Replica,
  type World,
  withDirectoryEntry,
} from "../../src/index.ts";
import type { Invariant } from "../../src/invariants/invariant.ts";
import {
  A,
  alice,
  B,
  bob,
  C,
  carol,
  groupChatWithBob,
  hubCopy,
  room,
  runAll,
  worldWith,
} from "../support.ts";

export const chat = room("chat");
/** A group chat with bob in which bob said hi: every invariant holds. */
export const good: World = runAll(groupChatWithBob(), [
  { kind: "send-message", user: bob, room: chat, body: "hi" },
]);

/** The check of invariant `id` in `invariants`, which must have it. */
export function checkOf(
  invariants: ReadonlyArray<Invariant>,
  id: string,
): (world: World) => string | undefined {
  const found = invariants.find((i) => i.id === id);
  if (found === undefined) throw new Error(`no invariant ${id}`);
  return found.check;
}

/** `server`'s copy of the chat, which must exist. */
export function copyAt(world: World, server: ServerName): Replica {
  const copy = world.servers.get(server)?.persisted.rooms.get(chat);
  if (copy === undefined) throw new Error(`no copy at ${server}`);
  return copy;
}

/** `world` with `server`'s copy of a room replaced. */
export function withCopy(world: World, server: ServerName, replica: Replica): World {
  const state = world.servers.get(server);
  if (state === undefined) throw new Error(`no server ${server}`);
  const rooms = new Map(state.persisted.rooms);
  rooms.set(replica.roomId, replica);
  const servers = new Map(world.servers);
  servers.set(server, { ...state, persisted: { ...state.persisted, rooms } });
  return { ...world, servers };
}

/** `world` without `server` at all (its copies gone with it), as if it had never been known. */
export function withoutServer(world: World, server: ServerName): World {
  const servers = new Map(world.servers);
  servers.delete(server);
  return { ...world, servers };
}

/** `event` appended after the head of `server`'s copy without any policy check. */
export function forced(world: World, server: ServerName, fields: Partial<FullEvent>): World {
  const copy = world.servers.get(server)?.persisted.rooms.get(chat);
  if (copy === undefined) throw new Error("no copy");
  const create = copy.state.create.event_id;
  const event: FullEvent = {
    room_id: chat,
    type: "m.room.encrypted",
    sender: alice,
    content: {},
    origin_server_ts: 99,
    event_id: "$forced",
    auth_events: [create],
    prev_events: [copy.state.head.event_id],
    signedBy: [A],
    ...fields,
  };
  return withCopy(world, server, appendToReplica(copy, event));
}

/** Breakers that start from {@link good}. */
const FROM_GOOD: ReadonlyArray<readonly [string, (w: World) => World]> = [
  ["history.create-first", (w) => forced(w, A, { type: "m.room.create", state_key: "" })],
  ["history.linear", (w) => forced(w, A, { prev_events: ["$1"] })],
  [
    "auth-events.state-only",
    (w) => forced(w, A, { auth_events: ["$1", hubCopy(w, chat).state.head.event_id] }),
  ],
  ["auth-events.include-create", (w) => forced(w, A, { auth_events: [] })],
  ["auth-chain.within-history", (w) => forced(w, A, { auth_events: ["$1", "$elsewhere"] })],
  ["history.only-accepted", (w) => forced(w, A, { sender: carol, signedBy: ["c.example" as ServerName, A] })],
  [
    "ban.no-events-after",
    (w) =>
      forced(
        forced(w, A, {
          event_id: "$ban",
          type: "m.room.member",
          state_key: bob,
          content: { membership: "ban" },
        }),
        A,
        {
          sender: bob,
          prev_events: ["$ban"],
        },
      ),
  ],
  ["history.someone-keeps-all", (w) => forced(w, B, {})],
  ["hub.processes-and-fans-out", (w) => forced(w, B, { signedBy: [B] })],
  [
    "hub.exactly-one",
    (w) => withCopy(w, B, { ...(w.servers.get(B)?.persisted.rooms.get(chat) as Replica), hub: B }),
  ],
  [
    "room.policy-fixed",
    (w) => {
      const copy = hubCopy(w, chat);
      return withCopy(w, A, { ...copy, state: { ...copy.state, chatType: "dm" } });
    },
  ],
  [
    "hub.emits-fully-formed",
    (w) => ({
      ...w,
      inFlight: [
        {
          id: 1,
          message: {
            kind: "submit",
            from: A,
            to: B,
            room: chat,
            txn: "x",
            event: hubCopy(w, chat).state.head,
          },
        },
      ],
    }),
  ],
];

/** alice's group DM with bob and carol, bob joined. */
const groupDm = (): World =>
  runAll(emptyWorld(), [
    { kind: "create-room", user: alice, room: room("g"), chatType: "group-dm", invite: [bob, carol] },
    { kind: "join", user: bob, room: room("g") },
  ]);

/** alice's group chat under `joined` history visibility, with a message sent before bob joined. */
export const joinedOnly = (): World =>
  runAll(emptyWorld(), [
    { kind: "create-room", user: alice, room: chat, chatType: "group-chat" },
    { kind: "set-history-visibility", user: alice, room: chat, visibility: "joined" },
    { kind: "send-message", user: alice, room: chat, body: "before bob" },
    { kind: "invite", user: alice, room: chat, target: bob },
    { kind: "join", user: bob, room: chat },
  ]);

/** Every breaker: the invariant it breaks, and the broken world. */
export const BREAKERS: ReadonlyArray<readonly [string, () => World]> = [
  ...FROM_GOOD.map(([id, breakIt]) => [id, () => breakIt(good)] as const),
  [
    "hub.initial-is-room-id-server",
    () => {
      const copy = hubCopy(good, chat);
      const bobsCreate = { ...copy.state.create, sender: bob };
      return withCopy(good, A, { ...copy, state: { ...copy.state, create: bobsCreate, creator: bob } });
    },
  ],
  [
    "group-dm.survives-leave",
    () => {
      const world = groupDm();
      const copy = hubCopy(world, room("g"));
      const back = applyEvent(
        applyEvent(copy.state, {
          ...copy.state.head,
          event_id: "$l",
          state_key: carol,
          sender: carol,
          content: { membership: "leave" },
        }),
        {
          ...copy.state.head,
          event_id: "$b",
          state_key: carol,
          sender: carol,
          content: { membership: "join" },
        },
      );
      return withCopy(world, A, { ...copy, state: back });
    },
  ],
  [
    "group-dm.never-becomes-dm",
    () => {
      const world = groupDm();
      const server = world.servers.get(A);
      if (server === undefined) throw new Error("no server");
      const directory = withDirectoryEntry(server.persisted.directory, room("g"), {
        chatType: "dm",
        members: [alice, bob],
        reduced: true,
      });
      const servers = new Map(world.servers);
      servers.set(A, { ...server, persisted: { ...server.persisted, directory } });
      return { ...world, servers };
    },
  ],
  [
    "group-dm.unique-per-member-set",
    // Under any-member two servers that have not heard of each other's group DM both create one.
    () =>
      runAll(worldWith({ "chat.dm-creation": "any-member" }, { delivery: "network" }), [
        { kind: "create-room", user: alice, room: room("g1"), chatType: "group-dm", invite: [bob, carol] },
        {
          kind: "create-room",
          user: bob,
          room: "!g2:b.example" as RoomId,
          chatType: "group-dm",
          invite: [alice, carol],
        },
      ]),
  ],
  [
    "room.has-mls-acp",
    () => {
      const copy = hubCopy(good, chat);
      return withCopy(good, A, { ...copy, state: { ...copy.state, mlsAcp: "no-such-template" } });
    },
  ],
  ["users.id-unique", (): World => forced(good, A, { sender: bob, signedBy: [A] })],
  ["replicas.only-accepted", (): World => forced(good, B, { sender: carol, signedBy: [C, A] })],
  [
    "join.has-member-auth-chains",
    (): World =>
      forced(good, B, {
        type: "m.room.member",
        state_key: carol,
        sender: carol,
        content: { membership: "join" },
        auth_events: [hubCopy(good, chat).state.create.event_id, "$lost"],
        signedBy: [C, A],
      }),
  ],
  [
    "history.visible-to",
    // b.example is handed the hub's own, unredacted copy of a message none of its users may see.
    (): World => {
      const world = joinedOnly();
      return withCopy(world, B, hubCopy(world, chat));
    },
  ],
];

/** The ids of {@link BREAKERS}. */
export const BROKEN_BY_HAND: ReadonlySet<string> = new Set(BREAKERS.map(([id]) => id));

/** Whether `world` holds the message `body` unredacted at `server` (for sanity checks). */
export function holdsPlain(world: World, server: ServerName, body: string): boolean {
  const copy = world.servers.get(server)?.persisted.rooms.get(chat);
  return (
    copy !== undefined && historyOf(copy).some((e) => e.content.ciphertext === body && e.redacted !== true)
  );
}

/** An event appended after `head` without any policy check. */
export function unchecked(head: FullEvent, create: FullEvent, fields: Partial<FullEvent>): FullEvent {
  return {
    room_id: chat,
    type: "m.room.encrypted",
    sender: alice,
    content: {},
    origin_server_ts: 99,
    event_id: "$unchecked",
    auth_events: [create.event_id],
    prev_events: [head.event_id],
    signedBy: [A],
    ...fields,
  };
}
