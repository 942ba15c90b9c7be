import type { RoomId } from "@mimi-spec/schema";
import { describe, expect, it } from "vitest";
import { summarizeWorld } from "../../src/trace/summary.ts";
import { emptyWorld, type Finding, type World } from "../../src/world.ts";
import { A, alice, B, bob, carol, groupChatWithBob, hubCopy, room, runAll, worldWith } from "../support.ts";

const chat = room("chat");
const zed = "!z:b.example" as RoomId;

/** `world` with the hub's copy of `id` replaced by what `edit` makes of it. */
function withHubCopy(
  world: World,
  id: RoomId,
  edit: (copy: ReturnType<typeof hubCopy>) => ReturnType<typeof hubCopy> | undefined,
): World {
  const server = world.servers.get(A);
  if (server === undefined) throw new Error("no a.example");
  const rooms = new Map(server.persisted.rooms);
  const edited = edit(hubCopy(world, id));
  if (edited === undefined) rooms.delete(id);
  else rooms.set(id, edited);
  const servers = new Map(world.servers);
  servers.set(A, { ...server, persisted: { ...server.persisted, rooms } });
  return { ...world, servers };
}

describe("summarizeWorld", () => {
  it("summarizes an empty world", () => {
    expect(summarizeWorld(emptyWorld())).toStrictEqual({
      profile: "lm-i1",
      delivery: "instant",
      rooms: [],
      inFlight: [],
      pending: {},
      invites: {},
      previews: {},
      findings: [],
    });
  });

  it("lists each room with its hub, chat type, length, head, memberships and how far each copy goes", () => {
    const world = runAll(groupChatWithBob(), [{ kind: "send-message", user: bob, room: chat, body: "hi" }]);
    expect(summarizeWorld(world)).toStrictEqual({
      profile: "lm-i1",
      delivery: "instant",
      rooms: [
        {
          room: chat,
          hub: A,
          chatType: "group-chat",
          events: 5,
          head: "$5",
          members: { [alice]: "join", [bob]: "join" },
          copies: { [A]: 5, [B]: 5 },
        },
      ],
      inFlight: [],
      pending: {},
      invites: {},
      previews: {},
      findings: [],
    });
  });

  it("shows messages in flight, pending transactions, invites and previews while the network holds them", () => {
    const world = runAll(worldWith({ "chat.dm-creation": "any-member" }, { delivery: "network" }), [
      { kind: "create-room", user: alice, room: chat, chatType: "group-chat", invite: [bob, carol] },
      { kind: "flush" },
      { kind: "join", user: bob, room: chat },
    ]);
    const preview = { inviter: {}, shownBy: ["preview.group-chat.name"] };
    expect(summarizeWorld(world)).toStrictEqual({
      profile: "lm-i1 +chat.dm-creation=any-member",
      delivery: "network",
      rooms: [
        {
          room: chat,
          hub: A,
          chatType: "group-chat",
          events: 4,
          head: "$4",
          members: { [alice]: "join", [bob]: "invite", [carol]: "invite" },
          copies: { [A]: 4 },
        },
      ],
      inFlight: ["#3 submit b.example → a.example txn t1: m.room.member from @bob:b.example"],
      pending: { [B]: ["t1"] },
      invites: { [B]: [`${chat} ${bob}`], "c.example": [`${chat} ${carol}`] },
      previews: { [`${chat} ${bob}`]: preview, [`${chat} ${carol}`]: preview },
      findings: [],
    });
  });

  it("orders rooms, copies, members and invites by name, whatever order they came in", () => {
    const world = runAll(emptyWorld(), [
      {
        kind: "create-room",
        user: bob,
        room: "!z:b.example" as RoomId,
        chatType: "group-chat",
        invite: [alice],
      },
      {
        kind: "create-room",
        user: bob,
        room: "!y:b.example" as RoomId,
        chatType: "group-chat",
        invite: [alice],
      },
      { kind: "create-room", user: alice, room: chat, chatType: "group-chat", invite: [carol, bob] },
      { kind: "join", user: bob, room: chat },
    ]);
    expect([...world.servers.keys()]).toEqual([B, A, "c.example"]);
    const summary = summarizeWorld(world);
    expect(summary.rooms.map((r) => r.room)).toEqual([chat, "!y:b.example", "!z:b.example"]);
    expect(Object.keys(summary.rooms[0]?.copies ?? {})).toEqual([A, B]);
    expect(Object.keys(summary.rooms[0]?.members ?? {})).toEqual([alice, bob, carol]);
    expect(Object.keys(summary.invites)).toEqual([A, "c.example"]);
    expect(summary.invites[A]).toEqual(["!y:b.example @alice:a.example", "!z:b.example @alice:a.example"]);
  });

  it("says (none) for a room without a chat type, and skips a room whose hub lost its copy", () => {
    const world = groupChatWithBob();
    const untyped = withHubCopy(world, chat, (c) => ({ ...c, state: { ...c.state, chatType: undefined } }));
    expect(summarizeWorld(untyped).rooms[0]?.chatType).toBe("(none)");
    expect(summarizeWorld(withHubCopy(world, chat, () => undefined)).rooms).toEqual([]);
  });

  it("orders pending transactions, invites and previews by server name, whatever order the servers came in", () => {
    const world = runAll(emptyWorld({ delivery: "network" }), [
      { kind: "create-room", user: bob, room: zed, chatType: "group-chat", invite: [alice] },
      { kind: "flush" },
      { kind: "create-room", user: alice, room: chat, chatType: "group-chat", invite: [bob] },
      { kind: "flush" },
      { kind: "join", user: bob, room: chat },
      { kind: "join", user: alice, room: zed },
    ]);
    expect([...world.servers.keys()]).toEqual([B, A]);
    const summary = summarizeWorld(world);
    expect(Object.keys(summary.pending)).toEqual([A, B]);
    expect(Object.keys(summary.invites)).toEqual([A, B]);
    expect(summary.invites).toStrictEqual({ [A]: [`${zed} ${alice}`], [B]: [`${chat} ${bob}`] });
    expect(Object.keys(summary.previews)).toEqual([`${zed} ${alice}`, `${chat} ${bob}`]);
  });

  it("lists no preview for an invite recorded without one", () => {
    const world = runAll(worldWith({ "chat.dm-creation": "any-member" }, { delivery: "network" }), [
      { kind: "create-room", user: alice, room: chat, chatType: "group-chat", invite: [bob, carol] },
      { kind: "flush" },
    ]);
    const server = world.servers.get(B);
    if (server === undefined) throw new Error("no b.example");
    const invites = new Map(
      [...server.persisted.invites].map(([key, { preview: _preview, ...record }]) => [key, record] as const),
    );
    const servers = new Map(world.servers);
    servers.set(B, { ...server, persisted: { ...server.persisted, invites } });
    const summary = summarizeWorld({ ...world, servers });
    expect(summary.invites).toStrictEqual({ [B]: [`${chat} ${bob}`], "c.example": [`${chat} ${carol}`] });
    expect(summary.previews).toStrictEqual({
      [`${chat} ${carol}`]: { inviter: {}, shownBy: ["preview.group-chat.name"] },
    });
  });

  it("skips a room whose hub is not among the world's servers", () => {
    const world = groupChatWithBob();
    const servers = new Map(world.servers);
    servers.delete(A);
    expect(summarizeWorld({ ...world, servers }).rooms).toStrictEqual([]);
  });

  it("passes the findings against misbehaving hubs through", () => {
    const finding: Finding = {
      kind: "hub-misbehaviour",
      server: B,
      room: chat,
      eventId: "$9",
      guard: "follower.from-hub",
      requirements: ["HUB-2"],
      reason: "r",
    };
    expect(summarizeWorld({ ...emptyWorld(), findings: [finding] }).findings).toEqual([finding]);
  });
});
