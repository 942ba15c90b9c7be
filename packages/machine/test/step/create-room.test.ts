import { computeEventId, type JsonObject, type RoomId } from "@mimi-spec/schema";
import { describe, expect, it } from "vitest";
import type { CreateRoom } from "../../src/action.ts";
import { DEFAULT_ENCRYPTION, ROOM_VERSION } from "../../src/event.ts";
import type { GuardId } from "../../src/generated/guards.ts";
import { historyOf } from "../../src/state/replica.ts";
import { serverOf } from "../../src/step/build.ts";
import { createRoom } from "../../src/step/create-room.ts";
import { Draft } from "../../src/step/draft.ts";
import { emptyWorld, type World } from "../../src/world.ts";
import { A, alice, bob, carol, dave, room, runAll, worldWith } from "../support.ts";

const chat = room("chat");
const onB = (name: string) => `!${name}:b.example` as RoomId;
const onC = (name: string) => `!${name}:c.example` as RoomId;

/** Creation guards of the chat types, in the order the creation checks them. */
const CREATION_GUARDS = new Set<string>([
  "create.room-id-unused",
  "create.distinct-members",
  "create.lowest-id-creates",
  "dm.two-members",
  "group-dm.more-than-two",
  "mls-acp.server-proposal",
  "dm.unique",
  "group-dm.unique",
]);

function create(world: World, action: Omit<CreateRoom, "kind">) {
  const observed: string[] = [];
  const observe = (guard: GuardId, outcome: "pass" | "reject") => {
    if (CREATION_GUARDS.has(guard)) observed.push(`${guard}:${outcome}`);
  };
  const draft = new Draft(world, true, observe);
  const verdict = createRoom(draft, { kind: "create-room", ...action });
  const hub = draft.server(serverOf(action.user));
  const replica = hub.persisted.rooms.get(action.room);
  return { verdict, draft, observed, history: replica === undefined ? [] : historyOf(replica) };
}

const reasonOf = (verdict: ReturnType<typeof createRoom>) => (verdict.accepted ? "accepted" : verdict.reason);

describe("createRoom: the creation batch", () => {
  it("makes a group chat of a create event, the creator's join and the invites, at the creator's server", () => {
    const { verdict, draft, history, observed } = create(emptyWorld(), {
      user: alice,
      room: chat,
      chatType: "group-chat",
      invite: [carol, bob],
    });
    expect(verdict).toEqual({ accepted: true });
    expect(history[0]).toStrictEqual({
      room_id: chat,
      type: "m.room.create",
      state_key: "",
      sender: alice,
      content: {
        room_version: ROOM_VERSION,
        chat_type: "group-chat",
        encryption: { algorithm: DEFAULT_ENCRYPTION },
        mls_acp: "group-moderated",
      },
      origin_server_ts: 1,
      event_id: "$1",
      auth_events: [],
      prev_events: [],
      signedBy: [A],
    });
    expect(
      history.slice(1).map((e) => [e.event_id, e.type, e.sender, e.state_key, e.content, e.origin_server_ts]),
    ).toEqual([
      ["$2", "m.room.member", alice, alice, { membership: "join" }, 2],
      ["$3", "m.room.member", alice, carol, { membership: "invite" }, 3],
      ["$4", "m.room.member", alice, bob, { membership: "invite" }, 4],
    ]);
    expect(history.map((e) => e.prev_events)).toEqual([[], ["$1"], ["$2"], ["$3"]]);
    expect([...draft.finish().rooms]).toEqual([[chat, A]]);
    expect(draft.messages.map((e) => `${e.message.kind} → ${e.message.to}`)).toEqual([
      "invite → c.example",
      "invite → b.example",
    ]);
    expect(draft.effects[0]).toBe("a.example created !chat:a.example (group-chat) as its hub");
    expect(observed).toEqual([
      "create.room-id-unused:pass",
      "create.distinct-members:pass",
      "mls-acp.server-proposal:pass",
    ]);
  });

  it("sends a public chat's join rule, and a first message before the invites", () => {
    const { history } = create(emptyWorld(), {
      user: alice,
      room: chat,
      chatType: "public-chat",
      invite: [bob],
      firstMessage: "welcome",
    });
    expect(history.map((e) => [e.type, e.state_key, e.content])).toEqual([
      [
        "m.room.create",
        "",
        {
          room_version: ROOM_VERSION,
          chat_type: "public-chat",
          encryption: { algorithm: DEFAULT_ENCRYPTION },
          mls_acp: "group-moderated",
        },
      ],
      ["m.room.member", alice, { membership: "join" }],
      ["m.room.join_rules", "", { join_rule: "public" }],
      ["m.room.encrypted", undefined, { algorithm: DEFAULT_ENCRYPTION, ciphertext: "welcome" }],
      ["m.room.member", bob, { membership: "invite" }],
    ]);
    expect(history[3]?.sender).toBe(alice);
    expect(history[2]?.sender).toBe(alice);
  });

  it("names a DM's members, sorted, in its create event and sends its join rule", () => {
    const literal = worldWith({}, { profileName: "lm-i1-text" });
    const { verdict, history, observed } = create(literal, {
      user: bob,
      room: onB("dm"),
      chatType: "dm",
      invite: [alice],
    });
    expect(verdict).toEqual({ accepted: true });
    expect(history[0]?.content).toStrictEqual({
      room_version: ROOM_VERSION,
      chat_type: "dm",
      encryption: { algorithm: DEFAULT_ENCRYPTION },
      mls_acp: "dm-fixed",
      members: [alice, bob],
    });
    expect(history.slice(1).map((e) => [e.type, e.state_key, e.content])).toEqual([
      ["m.room.member", bob, { membership: "join" }],
      ["m.room.join_rules", "", { join_rule: "invite" }],
      ["m.room.member", alice, { membership: "invite" }],
    ]);
    // Under chat.dm-creation = any-member, the lowest-ID rule is not checked at all.
    expect(observed).toEqual([
      "create.room-id-unused:pass",
      "create.distinct-members:pass",
      "dm.two-members:pass",
      "mls-acp.server-proposal:pass",
      "dm.unique:pass",
    ]);
  });

  it("takes the room version and MLS policy the creator asks for", () => {
    const v11 = worldWith({}, { profileName: "matrix-v11" });
    const { verdict, history } = create(v11, {
      user: alice,
      room: chat,
      chatType: "group-chat",
      roomVersion: "I.1",
      mlsAcp: "group-admin-only",
    });
    expect(verdict).toEqual({ accepted: true });
    expect(history[0]?.content).toMatchObject({ room_version: "I.1", mls_acp: "group-admin-only" });
  });

  it("forms the batch as hub-originated events (hub_server only under hub-originated-hub-server = self)", () => {
    const plain = create(emptyWorld(), { user: alice, room: chat, chatType: "public-chat" }).history;
    expect(plain.map((e) => "hub_server" in e)).toEqual([false, false, false]);
    const self = create(worldWith({ "event.hub-originated-hub-server": "self" }), {
      user: alice,
      room: chat,
      chatType: "public-chat",
    }).history;
    expect(self.map((e) => e.hub_server)).toEqual([undefined, A, A]);
  });

  it("refuses it all when an event of the batch is refused", () => {
    const world = runAll(emptyWorld(), [
      { kind: "set-setting", user: carol, setting: "refuse-invites", value: true },
    ]);
    const { verdict } = create(world, {
      user: alice,
      room: chat,
      chatType: "group-chat",
      invite: [bob, carol],
    });
    expect(verdict).toEqual({
      accepted: false,
      guard: "invite.target-may-refuse",
      requirements: ["RP-INVITE-1", "MSGREQ-1", "OQ-MGMT-10"],
      reason:
        "c.example refused the invite of @carol:c.example from @alice:a.example when the hub asked (check-invite): @carol:c.example refuses every invite (the refuse-invites setting)",
    });
  });
});

describe("createRoom: the creation guards", () => {
  it("refuses a room ID its server already holds, before reading the clock", () => {
    const world = runAll(emptyWorld(), [
      { kind: "create-room", user: alice, room: chat, chatType: "group-chat" },
    ]);
    const { verdict, draft, observed } = create(world, { user: alice, room: chat, chatType: "public-chat" });
    expect(verdict).toEqual({
      accepted: false,
      guard: "create.room-id-unused",
      requirements: ["SIG-ID-3"],
      reason: "room !chat:a.example already exists",
    });
    expect(observed).toEqual(["create.room-id-unused:reject"]);
    expect(draft.finish()).toStrictEqual(world);
    // Another server's room of that name is another room.
    expect(create(world, { user: bob, room: onB("chat"), chatType: "group-chat" }).verdict).toEqual({
      accepted: true,
    });
  });

  it("refuses a room ID on another server than the creator's before the chat type's guards", () => {
    const { verdict, observed } = create(emptyWorld(), {
      user: bob,
      room: chat,
      chatType: "dm",
      invite: [bob],
    });
    expect(verdict).toEqual({
      accepted: false,
      guard: "create.room-domain-matches-sender",
      requirements: ["SIG-ID-1"],
      reason: "room ID server a.example is not the creator's server b.example",
    });
    expect(observed).toEqual(["create.room-id-unused:pass"]);
  });

  it("refuses a room version the profile does not accept", () => {
    const { verdict } = create(emptyWorld(), {
      user: alice,
      room: chat,
      chatType: "group-chat",
      roomVersion: "I.1",
    });
    expect(verdict).toMatchObject({ accepted: false, guard: "create.room-version" });
  });

  it("refuses a creator who invites themselves, or an invitee named twice", () => {
    const self = create(emptyWorld(), { user: alice, room: chat, chatType: "dm", invite: [alice] });
    expect(self.verdict).toEqual({
      accepted: false,
      guard: "create.distinct-members",
      requirements: ["CHAT-1", "CHAT-3"],
      reason:
        "the initial invitees must be distinct users other than the creator: the creator @alice:a.example is also an invitee",
    });
    expect(self.observed).toEqual(["create.room-id-unused:pass", "create.distinct-members:reject"]);
    const twice = create(emptyWorld(), {
      user: alice,
      room: chat,
      chatType: "group-chat",
      invite: [bob, carol, bob],
    });
    expect(reasonOf(twice.verdict)).toBe(
      "the initial invitees must be distinct users other than the creator: @bob:b.example is invited twice",
    );
    const both = create(emptyWorld(), {
      user: alice,
      room: chat,
      chatType: "group-chat",
      invite: [bob, bob, alice],
    });
    expect(reasonOf(both.verdict)).toBe(
      "the initial invitees must be distinct users other than the creator: the creator @alice:a.example is also an invitee",
    );
  });

  it("lets only the member whose ID sorts first create a DM or group DM (chat.dm-creation = lowest-id-creates)", () => {
    const dm = create(emptyWorld(), { user: bob, room: onB("dm"), chatType: "dm", invite: [alice] });
    expect(dm.verdict).toEqual({
      accepted: false,
      guard: "create.lowest-id-creates",
      requirements: ["CHAT-2", "CHAT-4"],
      reason:
        "only @alice:a.example, whose user ID sorts first among @alice:a.example, @bob:b.example, may create this dm",
    });
    expect(dm.observed).toEqual([
      "create.room-id-unused:pass",
      "create.distinct-members:pass",
      "create.lowest-id-creates:reject",
    ]);
    const group = create(emptyWorld(), {
      user: carol,
      room: onC("g"),
      chatType: "group-dm",
      invite: [bob, alice],
    });
    expect(reasonOf(group.verdict)).toBe(
      "only @alice:a.example, whose user ID sorts first among @alice:a.example, @bob:b.example, @carol:c.example, may create this group-dm",
    );
    expect(
      create(emptyWorld(), { user: alice, room: chat, chatType: "dm", invite: [bob] }).observed,
    ).toContain("create.lowest-id-creates:pass");
    // Group chats have no such rule.
    expect(
      create(emptyWorld(), { user: bob, room: onB("g"), chatType: "group-chat", invite: [alice] }).verdict,
    ).toEqual({ accepted: true });
  });

  it("makes a DM of exactly two users", () => {
    const alone = create(emptyWorld(), { user: alice, room: chat, chatType: "dm" });
    expect(alone.verdict).toEqual({
      accepted: false,
      guard: "dm.two-members",
      requirements: ["CHAT-1"],
      reason: "a DM is between exactly two users, the creator and one invitee; @alice:a.example is 1 user(s)",
    });
    const three = create(emptyWorld(), { user: alice, room: chat, chatType: "dm", invite: [bob, carol] });
    expect(reasonOf(three.verdict)).toBe(
      "a DM is between exactly two users, the creator and one invitee; @alice:a.example, @bob:b.example, @carol:c.example is 3 user(s)",
    );
    expect(create(emptyWorld(), { user: alice, room: chat, chatType: "dm", invite: [bob] }).verdict).toEqual({
      accepted: true,
    });
  });

  it("makes a group DM of more than two users", () => {
    const two = create(emptyWorld(), { user: alice, room: chat, chatType: "group-dm", invite: [bob] });
    expect(two.verdict).toEqual({
      accepted: false,
      guard: "group-dm.more-than-two",
      requirements: ["CHAT-3"],
      reason: "a group DM has more than two users; @alice:a.example, @bob:b.example is 2 user(s)",
    });
    const three = create(emptyWorld(), {
      user: alice,
      room: chat,
      chatType: "group-dm",
      invite: [bob, carol],
    });
    expect(three.verdict).toEqual({ accepted: true });
    expect(three.observed).toEqual([
      "create.room-id-unused:pass",
      "create.distinct-members:pass",
      "create.lowest-id-creates:pass",
      "group-dm.more-than-two:pass",
      "mls-acp.server-proposal:pass",
      "group-dm.unique:pass",
    ]);
    expect(three.history[0]?.content.members).toEqual([alice, bob, carol]);
    const many = create(emptyWorld(), {
      user: alice,
      room: chat,
      chatType: "group-dm",
      invite: [bob, carol, dave],
    });
    expect(many.verdict).toEqual({ accepted: true });
  });

  it("lets a group chat start with its creator alone", () => {
    expect(create(emptyWorld(), { user: alice, room: chat, chatType: "group-chat" }).history).toHaveLength(2);
  });

  it("refuses an MLS policy that is not a template of the chat type", () => {
    const { verdict, observed } = create(emptyWorld(), {
      user: alice,
      room: chat,
      chatType: "group-chat",
      mlsAcp: "dm-fixed",
    });
    expect(verdict).toEqual({
      accepted: false,
      guard: "mls-acp.server-proposal",
      requirements: ["MLSACP-2", "MLSACP-1"],
      reason:
        "the policy dm-fixed proposed by a.example is not a template for a group-chat (group-moderated, group-admin-only)",
    });
    expect(observed.at(-1)).toBe("mls-acp.server-proposal:reject");
  });

  it("refuses a second DM or group DM of the same members that the server knows of", () => {
    const world = runAll(emptyWorld(), [
      { kind: "create-room", user: alice, room: room("dm"), chatType: "dm", invite: [bob] },
      { kind: "create-room", user: alice, room: room("gdm"), chatType: "group-dm", invite: [bob, carol] },
    ]);
    const dm = create(world, { user: alice, room: room("dm2"), chatType: "dm", invite: [bob] });
    expect(dm.verdict).toEqual({
      accepted: false,
      guard: "dm.unique",
      requirements: ["CHAT-2"],
      reason: "a.example already knows a DM between @alice:a.example, @bob:b.example: !dm:a.example",
    });
    expect(dm.observed.at(-1)).toBe("dm.unique:reject");
    const group = create(world, {
      user: alice,
      room: room("gdm2"),
      chatType: "group-dm",
      invite: [carol, bob],
    });
    expect(group.verdict).toEqual({
      accepted: false,
      guard: "group-dm.unique",
      requirements: ["CHAT-4"],
      reason:
        "a.example already knows a group DM of exactly @alice:a.example, @bob:b.example, @carol:c.example: !gdm:a.example",
    });
    // Other members, or a policy refused first, are other matters.
    expect(
      create(world, { user: alice, room: room("dm3"), chatType: "dm", invite: [carol] }).verdict,
    ).toEqual({
      accepted: true,
    });
    expect(
      create(world, {
        user: alice,
        room: room("dm4"),
        chatType: "dm",
        invite: [bob],
        mlsAcp: "group-moderated",
      }).verdict,
    ).toMatchObject({ accepted: false, guard: "mls-acp.server-proposal" });
    // Group chats are never unique.
    const chats = runAll(emptyWorld(), [
      { kind: "create-room", user: alice, room: chat, chatType: "group-chat", invite: [bob] },
    ]);
    expect(
      create(chats, { user: alice, room: room("again"), chatType: "group-chat", invite: [bob] }).verdict,
    ).toEqual({
      accepted: true,
    });
  });

  it("knows only what the creator's own server knows (no global lock)", () => {
    const dDm = "!dm:d.example" as RoomId;
    const raced = runAll(worldWith({}, { profileName: "lm-i1-text", delivery: "network" }), [
      { kind: "create-room", user: carol, room: onC("dm"), chatType: "dm", invite: [dave] },
    ]);
    // carol's invite is still in flight: dave's server knows no DM with carol yet.
    expect(create(raced, { user: dave, room: dDm, chatType: "dm", invite: [carol] }).verdict).toEqual({
      accepted: true,
    });
    const told = runAll(raced, [{ kind: "flush" }]);
    expect(reasonOf(create(told, { user: dave, room: dDm, chatType: "dm", invite: [carol] }).verdict)).toBe(
      "d.example already knows a DM between @carol:c.example, @dave:d.example: !dm:c.example",
    );
  });
});

describe("createRoom: what the guards see and say", () => {
  it("evaluates a chat type's member-count and uniqueness guards only where the chat type has them", () => {
    const seen: string[] = [];
    const observe = (guard: GuardId, outcome: "pass" | "reject") => seen.push(`${guard}:${outcome}`);
    const draft = new Draft(emptyWorld(), false, observe);
    const action: CreateRoom = { kind: "create-room", user: alice, room: chat, chatType: "group-chat" };
    expect(createRoom(draft, action)).toEqual({ accepted: true });
    // Up to the first event of the batch (whose server-name check comes next).
    expect(seen.slice(0, seen.indexOf("mls-acp.server-proposal:pass") + 2)).toEqual([
      "create.room-id-unused:pass",
      "id.no-ip-literal-server:pass",
      "receive.signatures:pass",
      "create.no-prev:pass",
      "create.room-domain-matches-sender:pass",
      "create.room-version:pass",
      "create.distinct-members:pass",
      "mls-acp.server-proposal:pass",
      "id.no-ip-literal-server:pass",
    ]);
  });

  it("names every room the server already knows with the same members", () => {
    const dDm = "!dm:d.example" as RoomId;
    // Under any-member creation both carol and dave made a DM before hearing of the other's.
    const both = runAll(worldWith({}, { profileName: "lm-i1-text", delivery: "network" }), [
      { kind: "create-room", user: carol, room: onC("dm"), chatType: "dm", invite: [dave] },
      { kind: "create-room", user: dave, room: dDm, chatType: "dm", invite: [carol] },
      { kind: "flush" },
    ]);
    const again = create(both, {
      user: dave,
      room: "!dm2:d.example" as RoomId,
      chatType: "dm",
      invite: [carol],
    });
    expect(again.verdict).toEqual({
      accepted: false,
      guard: "dm.unique",
      requirements: ["CHAT-2"],
      reason:
        "d.example already knows a DM between @carol:c.example, @dave:d.example: !dm:d.example, !dm:c.example",
    });
  });

  it("names the create event by the reference hash of its fields, with no auth or prev events", () => {
    const { history } = create(emptyWorld({ eventIds: "reference-hash" }), {
      user: alice,
      room: chat,
      chatType: "group-chat",
    });
    const first = history[0];
    if (first === undefined) throw new Error("no create event");
    const { event_id, signedBy: _, ...fields } = first;
    expect([fields.auth_events, fields.prev_events]).toEqual([[], []]);
    expect(computeEventId(fields as unknown as JsonObject)).toEqual({ ok: true, value: event_id });
  });
});
