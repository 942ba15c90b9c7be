import type { RoomId, UserId } from "@mimi-spec/schema";
import { describe, expect, it } from "vitest";
import type { ForgedEvent } from "../../src/action.ts";
import type { FullEvent } from "../../src/event.ts";
import { fanOut, personOf, previewInputsFor, roomSummary } from "../../src/hub/fanout.ts";
import { formEvent } from "../../src/hub/form.ts";
import type { Message } from "../../src/network/messages.ts";
import { appendToReplica, historyOf, type Replica, replicaFromCreate } from "../../src/state/replica.ts";
import { limitedEvent, serverOf } from "../../src/step/build.ts";
import { Draft } from "../../src/step/draft.ts";
import { emptyWorld, type World } from "../../src/world.ts";
import { A, alice, B, bob, C, carol, dave, hubCopy, room, runAll, worldWith } from "../support.ts";

const chat = room("chat");
const erin = "@erin:a.example" as UserId;
const frank = "@frank:b.example" as UserId;
const gus = "@gus:d.example" as UserId;
const D = serverOf(dave);

const member = (sender: UserId, target: string, membership: string): ForgedEvent => ({
  type: "m.room.member",
  sender,
  stateKey: target,
  content: { membership },
});
const message = (sender: UserId, body = "m"): ForgedEvent => ({
  type: "m.room.encrypted",
  sender,
  content: { ciphertext: body },
});

/** The hub forms `spec` (unchecked: fan-out is not about authorization), appends it and fans it out. */
function fanned(world: World, spec: ForgedEvent, replica: Replica = hubCopy(world, chat)) {
  const draft = new Draft(world, false, undefined);
  const origin = serverOf(spec.sender);
  const limited = limitedEvent(spec, replica.roomId, origin, 99, draft.profile);
  const event = formEvent(draft, replica, limited, origin === replica.hub);
  const after = appendToReplica(replica, event);
  fanOut(draft, replica.state, after, event);
  return { draft, event, after, sent: draft.messages.map((e) => e.message) };
}

const routes = (sent: ReadonlyArray<Message>) => sent.map((m) => `${m.kind} ${m.from} → ${m.to}`);

/** alice's group chat: bob, carol and frank joined, dave invited. */
function busyChat(base: World = emptyWorld()): World {
  return runAll(base, [
    {
      kind: "create-room",
      user: alice,
      room: chat,
      chatType: "group-chat",
      invite: [carol, bob, frank, dave],
    },
    { kind: "join", user: carol, room: chat },
    { kind: "join", user: bob, room: chat },
    { kind: "join", user: frank, room: chat },
  ]);
}

describe("fanOut", () => {
  it("sends an event once to every other server with a joined user, in server order, never to the hub", () => {
    const world = busyChat();
    const { sent, event } = fanned(world, message(alice));
    expect(sent).toStrictEqual([
      { kind: "event", from: A, to: B, room: chat, event },
      { kind: "event", from: A, to: C, room: chat, event },
    ]);
  });

  it("sends nothing from a room whose only joined users are the hub's", () => {
    const world = runAll(emptyWorld(), [
      { kind: "create-room", user: alice, room: chat, chatType: "group-chat", invite: [erin] },
      { kind: "join", user: erin, room: chat },
    ]);
    expect(fanned(world, message(erin)).sent).toEqual([]);
  });

  it("sends the whole history to a server whose first user just joined, redacted where it may see nothing", () => {
    const world = runAll(emptyWorld(), [
      { kind: "create-room", user: alice, room: chat, chatType: "group-chat", invite: [bob, carol] },
      { kind: "join", user: carol, room: chat },
      { kind: "set-history-visibility", user: alice, room: chat, visibility: "joined" },
      { kind: "send-message", user: alice, room: chat, body: "before bob" },
    ]);
    const { sent, event, after } = fanned(world, member(bob, bob, "join"));
    const history = historyOf(after);
    expect(history.at(-1)).toBe(event);
    expect(routes(sent)).toEqual(["history a.example → b.example", "event a.example → c.example"]);
    const [toBob, toCarol] = sent;
    expect(toBob).toMatchObject({ kind: "history", from: A, to: B, room: chat });
    const events = toBob?.kind === "history" ? toBob.events : [];
    expect(events.map((e) => e.event_id)).toEqual(history.map((e) => e.event_id));
    // The message was sent while no b.example user was joined, under `joined`: b.example gets it redacted.
    const redacted = events.filter((e) => e.redacted === true);
    expect(redacted.map((e) => [e.type, e.content])).toEqual([["m.room.encrypted", {}]]);
    expect(events.filter((e) => e.redacted !== true)).toEqual(
      history.filter((e) => e.type !== "m.room.encrypted"),
    );
    expect(toCarol).toStrictEqual({ kind: "event", from: A, to: C, room: chat, event });
  });

  it("sends a later joiner of an already joined server only the event", () => {
    const world = runAll(emptyWorld(), [
      { kind: "create-room", user: alice, room: chat, chatType: "group-chat", invite: [bob, frank] },
      { kind: "join", user: bob, room: chat },
    ]);
    expect(routes(fanned(world, member(frank, frank, "join")).sent)).toEqual(["event a.example → b.example"]);
  });

  it("forgets a server once none of its users is joined", () => {
    const world = runAll(busyChat(), [
      { kind: "leave", user: carol, room: chat },
      { kind: "leave", user: bob, room: chat },
    ]);
    expect(routes(fanned(world, message(alice)).sent)).toEqual(["event a.example → b.example"]);
    const gone = runAll(world, [{ kind: "leave", user: frank, room: chat }]);
    expect(fanned(gone, message(alice)).sent).toEqual([]);
  });

  it("tells the server of a user who leaves, is kicked or banned, even when none of its users remains", () => {
    const world = busyChat();
    expect(routes(fanned(world, member(carol, carol, "leave")).sent)).toEqual([
      "event a.example → b.example",
      "event a.example → c.example",
    ]);
    expect(routes(fanned(world, member(alice, carol, "ban")).sent)).toEqual([
      "event a.example → b.example",
      "event a.example → c.example",
    ]);
    // A preemptive ban reaches a server that never was in the room.
    const ban = fanned(world, member(alice, gus, "ban"));
    expect(routes(ban.sent)).toEqual([
      "event a.example → b.example",
      "event a.example → c.example",
      "event a.example → d.example",
    ]);
    expect(ban.sent[2]).toStrictEqual({ kind: "event", from: A, to: D, room: chat, event: ban.event });
    // The hub is told nothing about its own users.
    expect(routes(fanned(world, member(alice, erin, "ban")).sent)).toEqual([
      "event a.example → b.example",
      "event a.example → c.example",
    ]);
  });

  it("tells a server with other users still joined only once", () => {
    const { sent } = fanned(busyChat(), member(alice, bob, "leave"));
    expect(routes(sent)).toEqual(["event a.example → b.example", "event a.example → c.example"]);
  });

  it("does not tell a knocker's server, nor anyone about a membership that is not one, nor about other state", () => {
    const world = busyChat();
    const only = ["event a.example → b.example", "event a.example → c.example"];
    expect(routes(fanned(world, member(gus, gus, "knock")).sent)).toEqual(only);
    expect(routes(fanned(world, member(alice, gus, "kicked")).sent)).toEqual(only);
    const custom = { type: "x.custom", sender: alice, stateKey: gus, content: { membership: "ban" } };
    expect(routes(fanned(world, custom).sent)).toEqual(only);
    const noStateKey = { type: "m.room.member", sender: alice, content: { membership: "ban" } };
    expect(routes(fanned(world, noStateKey).sent)).toEqual(only);
  });

  it("sends an invite, with the room's summary and preview inputs, to an invitee's server outside the room", () => {
    const world = busyChat();
    const { sent, event, after, draft } = fanned(world, member(alice, gus, "invite"));
    expect(routes(sent)).toEqual([
      "event a.example → b.example",
      "event a.example → c.example",
      "invite a.example → d.example",
    ]);
    expect(sent[2]).toStrictEqual({
      kind: "invite",
      from: A,
      to: D,
      room: chat,
      event,
      summary: { creator: alice, chatType: "group-chat", joinRule: "invite" },
      previewInputs: previewInputsFor(draft, after, event, gus),
    });
    expect(sent[2]?.kind === "invite" && sent[2].previewInputs.invitee.userId).toBe(gus);
  });

  it("sends no invite to the hub's own users, nor to a server already in the room", () => {
    const world = busyChat();
    expect(routes(fanned(world, member(alice, erin, "invite")).sent)).toEqual([
      "event a.example → b.example",
      "event a.example → c.example",
    ]);
    expect(routes(fanned(world, member(alice, "@henry:c.example", "invite")).sent)).toEqual([
      "event a.example → b.example",
      "event a.example → c.example",
    ]);
  });

  it("sends no invite for a room without a chat type (there is no preview to make)", () => {
    const create: FullEvent = {
      room_id: chat,
      type: "m.room.create",
      state_key: "",
      sender: alice,
      content: { room_version: "I.1" },
      origin_server_ts: 1,
      event_id: "$1",
      auth_events: [],
      prev_events: [],
      signedBy: [A],
    };
    const world = { ...emptyWorld(), nextEventNumber: 2 };
    expect(fanned(world, member(alice, bob, "invite"), replicaFromCreate(create, A)).sent).toEqual([]);
  });

  it("sends each invite of a DM's creation batch with every fixed member, invited yet or not (SHARING-7)", () => {
    const world = runAll(emptyWorld({ delivery: "network" }), [
      {
        kind: "create-room",
        user: alice,
        room: room("gdm"),
        chatType: "group-dm",
        invite: [bob, carol, dave],
      },
    ]);
    const invites = world.inFlight.flatMap((e) => (e.message.kind === "invite" ? [e.message] : []));
    expect(invites.map((m) => [m.to, m.previewInputs.members.map((p) => p.userId)])).toEqual([
      [B, [alice, carol, dave]],
      [C, [alice, bob, dave]],
      [D, [alice, bob, carol]],
    ]);
    expect(invites.map((m) => m.summary)).toEqual([
      { creator: alice, chatType: "group-dm", members: [alice, bob, carol, dave], joinRule: "invite" },
      { creator: alice, chatType: "group-dm", members: [alice, bob, carol, dave], joinRule: "invite" },
      { creator: alice, chatType: "group-dm", members: [alice, bob, carol, dave], joinRule: "invite" },
    ]);
  });
});

describe("roomSummary", () => {
  const summary = (world: World, id: RoomId = chat) => {
    const replica = hubCopy(world, id);
    return roomSummary(new Draft(world, false, undefined), replica.state);
  };

  it("names the creator, chat type and join rule in force, and nothing else when nothing else is set", () => {
    const world = runAll(emptyWorld(), [
      { kind: "create-room", user: alice, room: chat, chatType: "group-chat" },
    ]);
    expect(summary(world)).toStrictEqual({ creator: alice, chatType: "group-chat", joinRule: "invite" });
    const literal = runAll(worldWith({}, { profileName: "lm-i1-text" }), [
      { kind: "create-room", user: alice, room: chat, chatType: "group-chat" },
    ]);
    expect(summary(literal)).toStrictEqual({ creator: alice, chatType: "group-chat", joinRule: "none" });
  });

  it("adds the room name and a fixed-membership room's members", () => {
    const world = runAll(emptyWorld(), [
      { kind: "create-room", user: alice, room: chat, chatType: "public-chat" },
      { kind: "set-name", user: alice, room: chat, name: "Lunch" },
      { kind: "create-room", user: alice, room: room("dm"), chatType: "dm", invite: [bob] },
    ]);
    expect(summary(world)).toStrictEqual({
      creator: alice,
      chatType: "public-chat",
      name: "Lunch",
      joinRule: "public",
    });
    expect(summary(world, room("dm"))).toStrictEqual({
      creator: alice,
      chatType: "dm",
      members: [alice, bob],
      joinRule: "invite",
    });
  });

  it("leaves out a name that is not a string, and a chat type the create event does not name", () => {
    const world = runAll(emptyWorld(), [
      { kind: "create-room", user: alice, room: chat, chatType: "group-chat" },
      {
        kind: "send-event",
        user: alice,
        room: chat,
        type: "m.room.name",
        stateKey: "",
        content: { name: 5 },
      },
    ]);
    expect(summary(world)).toStrictEqual({ creator: alice, chatType: "group-chat", joinRule: "invite" });
    const create: FullEvent = {
      ...hubCopy(world, chat).state.create,
      content: { room_version: "I.1" },
    };
    expect(roomSummary(new Draft(world, false, undefined), replicaFromCreate(create, A).state)).toStrictEqual(
      {
        creator: alice,
        joinRule: "invite",
      },
    );
  });
});

describe("personOf", () => {
  it("reads a user's profile and settings from their own server", () => {
    const world = runAll(emptyWorld(), [
      {
        kind: "set-profile",
        user: bob,
        name: "Bob",
        avatar: "mxc://b/1",
        status: "busy",
        chosenIdentifier: "bobby",
      },
      { kind: "set-setting", user: bob, setting: "share-avatar", value: true },
    ]);
    const draft = new Draft(world, false, undefined);
    expect(personOf(draft, bob)).toStrictEqual({
      userId: bob,
      name: "Bob",
      avatar: "mxc://b/1",
      status: "busy",
      chosenIdentifier: "bobby",
      settings: { "share-avatar": true },
    });
    expect(personOf(draft, carol)).toStrictEqual({ userId: carol, settings: {} });
  });
});

describe("previewInputsFor", () => {
  function inputs(world: World, invitee: UserId, id: RoomId = chat, inviter: UserId = alice) {
    const replica = hubCopy(world, id);
    const event = { ...replica.state.head, sender: inviter };
    return previewInputsFor(new Draft(world, false, undefined), replica, event, invitee);
  }

  it("lists the joined and invited users but the invitee, sorted, with the inviter, invitee and hub settings", () => {
    const world = runAll(emptyWorld(), [
      { kind: "set-profile", user: alice, name: "Alice" },
      { kind: "set-setting", user: gus, setting: "see-status", value: true },
      { kind: "set-server-setting", server: A, setting: "show-members-before-consent", value: true },
      {
        kind: "create-room",
        user: alice,
        room: chat,
        chatType: "group-chat",
        invite: [frank, erin, carol, bob, dave],
      },
      { kind: "join", user: frank, room: chat },
      { kind: "leave", user: erin, room: chat },
      { kind: "ban", user: alice, room: chat, target: dave },
      { kind: "set-join-rule", user: alice, room: chat, joinRule: "knock" },
      { kind: "knock", user: gus, room: chat },
    ]);
    expect(inputs(world, gus)).toStrictEqual({
      chatType: "group-chat",
      inviter: { userId: alice, name: "Alice", settings: {} },
      invitee: { userId: gus, settings: { "see-status": true } },
      hubSettings: { "show-members-before-consent": true },
      members: [alice, bob, carol, frank].map((userId) =>
        userId === alice ? { userId, name: "Alice", settings: {} } : { userId, settings: {} },
      ),
    });
    expect(inputs(world, carol)?.members.map((p) => p.userId)).toEqual([alice, bob, frank]);
  });

  it("lists a fixed-membership room's members who have not left", () => {
    const world = runAll(emptyWorld(), [
      { kind: "create-room", user: alice, room: chat, chatType: "group-dm", invite: [dave, carol, bob] },
      { kind: "leave", user: carol, room: chat },
    ]);
    expect(inputs(world, dave)?.members.map((p) => p.userId)).toEqual([alice, bob]);
  });

  it("carries the room name when it has one", () => {
    const world = runAll(emptyWorld(), [
      { kind: "create-room", user: alice, room: chat, chatType: "group-chat", invite: [bob] },
      { kind: "set-name", user: alice, room: chat, name: "Plans" },
    ]);
    expect(inputs(world, bob)?.roomName).toBe("Plans");
    expect(inputs(world, bob)?.chatType).toBe("group-chat");
  });

  it("carries a DM's first message from the inviter, and no other", () => {
    const dm = room("dm");
    const withFirst = runAll(emptyWorld(), [
      {
        kind: "create-room",
        user: alice,
        room: dm,
        chatType: "dm",
        invite: [bob],
        firstMessage: "hello bob",
      },
    ]);
    expect(inputs(withFirst, bob, dm)).toStrictEqual({
      chatType: "dm",
      inviter: { userId: alice, settings: {} },
      invitee: { userId: bob, settings: {} },
      hubSettings: {},
      members: [{ userId: alice, settings: {} }],
      firstMessage: "hello bob",
    });
    // Only the inviter's message is a first message.
    expect(inputs(withFirst, alice, dm, bob)?.firstMessage).toBeUndefined();
    const without = runAll(emptyWorld(), [
      { kind: "create-room", user: alice, room: dm, chatType: "dm", invite: [bob] },
    ]);
    expect(inputs(without, bob, dm)).not.toHaveProperty("firstMessage");
    // Other chat types have no first message, even when one was sent with the creation.
    const group = runAll(emptyWorld(), [
      {
        kind: "create-room",
        user: alice,
        room: chat,
        chatType: "group-chat",
        invite: [bob],
        firstMessage: "hi all",
      },
    ]);
    expect(inputs(group, bob)).not.toHaveProperty("firstMessage");
  });

  it("makes nothing for a room without a chat type", () => {
    const world = runAll(emptyWorld(), [
      { kind: "create-room", user: alice, room: chat, chatType: "group-chat" },
    ]);
    const create = { ...hubCopy(world, chat).state.create, content: {} };
    const replica = replicaFromCreate(create, A);
    expect(previewInputsFor(new Draft(world, false, undefined), replica, create, bob)).toBeUndefined();
  });
});
