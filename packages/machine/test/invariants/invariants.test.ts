import type { RoomId, ServerName } from "@mimi-spec/schema";
import { describe, expect, it } from "vitest";
import {
  appendToReplica,
  applyEvent,
  emptyWorld,
  type FullEvent,
  firstViolation,
  invariants,
  type Replica,
  violations,
  type World,
  withDirectoryEntry,
} from "../../src/index.ts";
import { A, alice, B, bob, carol, groupChatWithBob, hubCopy, room, runAll, worldWith } from "../support.ts";

const chat = room("chat");
const good = runAll(groupChatWithBob(), [{ kind: "send-message", user: bob, room: chat, body: "hi" }]);

function withCopy(world: World, server: ServerName, replica: Replica): World {
  const state = world.servers.get(server);
  if (state === undefined) throw new Error(`no server ${server}`);
  const rooms = new Map(state.persisted.rooms);
  rooms.set(replica.roomId, replica);
  const servers = new Map(world.servers);
  servers.set(server, { ...state, persisted: { ...state.persisted, rooms } });
  return { ...world, servers };
}

/** `event` appended after the head without any policy check. */
function forced(world: World, server: ServerName, fields: Partial<FullEvent>): World {
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

const ids = (world: World) => violations(world).map((v) => v.invariant.id);

describe("invariants", () => {
  it("hold on worlds the machine builds", () => {
    expect(firstViolation(good)).toBeUndefined();
    expect(violations(emptyWorld())).toEqual([]);
  });

  it("each name at least one requirement and a description", () => {
    for (const inv of invariants) {
      expect(inv.requirements.length, inv.id).toBeGreaterThan(0);
      expect(inv.description.length, inv.id).toBeGreaterThan(10);
    }
  });

  it.each<[string, (w: World) => World]>([
    ["history.create-first", (w) => forced(w, A, { type: "m.room.create", state_key: "" })],
    ["history.linear", (w) => forced(w, A, { prev_events: ["$1"] })],
    [
      "auth-events.state-only",
      (w) => forced(w, A, { auth_events: ["$1", hubCopy(w, chat).state.head.event_id] }),
    ],
    ["auth-events.include-create", (w) => forced(w, A, { auth_events: [] })],
    ["auth-chain.within-history", (w) => forced(w, A, { auth_events: ["$1", "$elsewhere"] })],
    [
      "history.only-accepted",
      (w) => forced(w, A, { sender: carol, signedBy: ["c.example" as ServerName, A] }),
    ],
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
  ])("%s catches a violation", (id, breakIt) => {
    expect(ids(breakIt(good))).toContain(id);
  });

  it("hub.initial-is-room-id-server catches a room whose ID names another server than its creator's", () => {
    const copy = hubCopy(good, chat);
    const bobsCreate = { ...copy.state.create, sender: bob };
    const broken = withCopy(good, A, { ...copy, state: { ...copy.state, create: bobsCreate, creator: bob } });
    expect(ids(broken)).toContain("hub.initial-is-room-id-server");
  });
});

describe("chat invariants", () => {
  const group = runAll(emptyWorld(), [
    { kind: "create-room", user: alice, room: room("g"), chatType: "group-dm", invite: [bob, carol] },
    { kind: "join", user: bob, room: room("g") },
  ]);

  it("group-dm.survives-leave catches a leaver who is back", () => {
    const copy = hubCopy(group, room("g"));
    const left = applyEvent(copy.state, {
      ...copy.state.head,
      event_id: "$l",
      state_key: carol,
      sender: carol,
      content: { membership: "leave" },
    });
    const back = applyEvent(left, {
      ...copy.state.head,
      event_id: "$b",
      state_key: carol,
      sender: carol,
      content: { membership: "join" },
    });
    expect(ids(withCopy(group, A, { ...copy, state: back }))).toContain("group-dm.survives-leave");
    expect(ids(withCopy(group, A, { ...copy, state: left }))).not.toContain("group-dm.survives-leave");
  });

  it("group-dm.never-becomes-dm catches a directory that files a group DM as a DM", () => {
    const server = group.servers.get(A);
    if (server === undefined) throw new Error("no server");
    const directory = withDirectoryEntry(server.persisted.directory, room("g"), {
      chatType: "dm",
      members: [alice, bob],
      reduced: true,
    });
    const servers = new Map(group.servers);
    servers.set(A, { ...server, persisted: { ...server.persisted, directory } });
    expect(ids({ ...group, servers })).toContain("group-dm.never-becomes-dm");
  });

  it("group-dm.unique-per-member-set catches two group DMs of the same users, but not a reduced one", () => {
    // Under any-member two servers that have not heard of each other's group DM both create one.
    const w = runAll(worldWith({ "chat.dm-creation": "any-member" }, { delivery: "network" }), [
      { kind: "create-room", user: alice, room: room("g1"), chatType: "group-dm", invite: [bob, carol] },
      {
        kind: "create-room",
        user: bob,
        room: "!g2:b.example" as RoomId,
        chatType: "group-dm",
        invite: [alice, carol],
      },
    ]);
    expect(ids(w)).toContain("group-dm.unique-per-member-set");
    const reduced = runAll(w, [
      { kind: "flush" },
      { kind: "leave", user: carol, room: room("g1") },
      { kind: "flush" },
    ]);
    expect(ids(reduced)).not.toContain("group-dm.unique-per-member-set");
  });

  it("dm.unique-per-pair counts DMs only: a group DM reduced to the same two users does not count", () => {
    const w = runAll(group, [
      { kind: "leave", user: carol, room: room("g") },
      { kind: "create-room", user: alice, room: room("dm"), chatType: "dm", invite: [bob] },
    ]);
    expect(violations(w)).toEqual([]);
  });

  it("group-chat.add only asks members at or above the invite level", () => {
    const pol = runAll(worldWith({}, { profileName: "pol-00" }), [
      { kind: "create-room", user: alice, room: chat, chatType: "group-chat", invite: [bob] },
      { kind: "join", user: bob, room: chat },
    ]);
    expect(violations(pol)).toEqual([]);
  });
});
