import {
  computeEventId,
  type JsonObject,
  type RoomId,
  type ServerName,
  type UserId,
} from "@mimi-spec/schema";
import { describe, expect, it, vi } from "vitest";
import type { HubTamper } from "../../src/action.ts";
import type { FullEvent } from "../../src/event.ts";
import { emptyWorld, historyOf, step, type World } from "../../src/index.ts";
import type { Envelope } from "../../src/network/messages.ts";
import { storeReplica } from "../../src/server/apply.ts";
import { freshServer } from "../../src/server/server.ts";
import { appendToReplica, replicaFromCreate } from "../../src/state/replica.ts";
import { MAX_DELIVERIES_PER_STEP } from "../../src/step/deliver.ts";
import { Draft } from "../../src/step/draft.ts";
import {
  A,
  alice,
  B,
  bob,
  C,
  carol,
  dave,
  expectRejected,
  groupChatWithBob,
  hubCopy,
  room,
  runAll,
} from "../support.ts";

const r1 = "!r1:a.example" as RoomId;

describe("create-room", () => {
  it("makes the create event the first event and the creator's server the hub", () => {
    const { world, verdict } = step(emptyWorld(), {
      kind: "create-room",
      user: alice,
      room: r1,
      chatType: "group-chat",
    });
    expect(verdict).toEqual({ accepted: true });
    const created = hubCopy(world, r1);
    expect(created.hub).toBe("a.example");
    const history = historyOf(created);
    expect(history[0]).toMatchObject({ type: "m.room.create", sender: alice, room_id: r1, state_key: "" });
    expect(history[0]?.content.chat_type).toBe("group-chat");
    expect(history[1]).toMatchObject({
      type: "m.room.member",
      state_key: alice,
      content: { membership: "join" },
    });
  });

  it("refuses a room ID on another server than the creator's, leaving the world as it was", () => {
    const before = emptyWorld();
    const { world, verdict } = step(before, {
      kind: "create-room",
      user: bob,
      room: r1,
      chatType: "group-chat",
    });
    expect(verdict).toMatchObject({
      accepted: false,
      guard: "create.room-domain-matches-sender",
      requirements: ["SIG-ID-1"],
      reason: "room ID server a.example is not the creator's server b.example",
    });
    expect(world).toBe(before);
  });

  it("refuses a second create event for the same room ID", () => {
    const first = step(emptyWorld(), {
      kind: "create-room",
      user: alice,
      room: r1,
      chatType: "group-chat",
    }).world;
    const { world, verdict } = step(first, {
      kind: "create-room",
      user: alice,
      room: r1,
      chatType: "public-chat",
    });
    expectRejected(verdict, "create.room-id-unused");
    expect(world).toBe(first);
    expect(hubCopy(world, r1).state.length).toBe(2);
  });

  it("does not change the world it was given", () => {
    const before = emptyWorld();
    step(before, { kind: "create-room", user: alice, room: r1, chatType: "group-chat" });
    expect(before.rooms.size).toBe(0);
    expect(before.servers.size).toBe(0);
  });

  it("sends the chat type's join rule and the initial invites in the creation batch", () => {
    const world = runAll(emptyWorld(), [
      { kind: "create-room", user: alice, room: room("p"), chatType: "public-chat", invite: [bob] },
    ]);
    const types = historyOf(hubCopy(world, room("p"))).map((e) => `${e.type}:${JSON.stringify(e.content)}`);
    expect(types).toEqual([
      expect.stringMatching(/^m\.room\.create:/),
      'm.room.member:{"membership":"join"}',
      'm.room.join_rules:{"join_rule":"public"}',
      'm.room.member:{"membership":"invite"}',
    ]);
    expect(world.servers.get("b.example" as never)?.persisted.invites.size).toBe(1);
  });
});

describe("user actions in instant mode", () => {
  it("go from the user's server to the hub and back: the follower holds the same history", () => {
    const world = groupChatWithBob();
    const hub = historyOf(hubCopy(world, room("chat"))).map((e) => e.event_id);
    const copy = world.servers.get("b.example" as never)?.persisted.rooms.get(room("chat"));
    expect(copy === undefined ? [] : historyOf(copy).map((e) => e.event_id)).toEqual(hub);
    expect(world.inFlight).toEqual([]);
  });

  it("a refused action leaves the world exactly as it was (no txn, no message, no event number)", () => {
    const before = groupChatWithBob();
    const result = step(before, { kind: "kick", user: bob, room: room("chat"), target: alice });
    expectRejected(result, "membership.kick.level");
    expect(result.world).toBe(before);
  });

  it("explains what happened only when asked", () => {
    const world = groupChatWithBob();
    const quiet = step(world, { kind: "send-message", user: bob, room: room("chat"), body: "x" });
    const loud = step(
      world,
      { kind: "send-message", user: bob, room: room("chat"), body: "x" },
      { explain: true },
    );
    expect(quiet.effects).toEqual([]);
    expect(loud.effects.join("\n")).toContain("a.example appended");
  });

  it("names events by LM reference hash when asked", () => {
    const world = runAll(emptyWorld({ eventIds: "reference-hash" }), [
      { kind: "create-room", user: alice, room: r1, chatType: "group-chat" },
    ]);
    for (const e of historyOf(hubCopy(world, r1))) expect(e.event_id).toMatch(/^\$[A-Za-z0-9_-]{43}$/);
  });
});

describe("forge-fully-formed", () => {
  const chat = room("chat");
  const forged = { type: "m.room.encrypted", sender: alice, content: { ciphertext: "x" } };
  /** alice's group chat with bob (network delivery), and the world after `server` forges to `to`. */
  const forge = (server: string, to: string, event = forged) => {
    const world = groupChatWithBob(emptyWorld({ delivery: "network" }), chat);
    const result = step(world, {
      kind: "forge-fully-formed",
      server: server as ServerName,
      room: chat,
      to: to as ServerName,
      event,
    });
    return { world, verdict: result.verdict, after: result.world };
  };

  it("hands a hub's own fully-formed event to its receive path without a transaction", () => {
    const { world, after, verdict } = forge("a.example", "a.example");
    expectRejected(verdict, "hub.accept-limited-event");
    // Nothing waits for an answer the hub would never send itself, and nothing was sent.
    expect(after.servers.get("a.example" as ServerName)?.volatile.pending.size ?? 0).toBe(0);
    expect(after.inFlight).toEqual(world.inFlight);
    expect(historyOf(hubCopy(after, chat))).toEqual(historyOf(hubCopy(world, chat)));
  });

  it("sends a hub's fully-formed event to the follower it names, as an event message", () => {
    const { world, after } = forge("a.example", "b.example");
    expect(after.inFlight.length).toBe(world.inFlight.length + 1);
    expect(after.inFlight.at(-1)?.message).toMatchObject({
      kind: "event",
      from: "a.example",
      to: "b.example",
    });
    expect(historyOf(hubCopy(after, chat))).toEqual(historyOf(hubCopy(world, chat)));
  });

  it("submits a follower's fully-formed event to the hub in a transaction", () => {
    const { world, after } = forge("b.example", "a.example", { ...forged, sender: bob });
    const pending = (w: typeof world) => [
      ...(w.servers.get("b.example" as ServerName)?.volatile.pending.keys() ?? []),
    ];
    const added = pending(after).filter((txn) => !pending(world).includes(txn));
    expect(added).toHaveLength(1);
    expect(after.inFlight.at(-1)?.message).toMatchObject({
      kind: "submit",
      from: "b.example",
      to: "a.example",
      txn: added[0],
    });
  });
});

/** The same world delivering every message in the step that sends it. */
const instantly = (world: World): World => ({ ...world, config: { ...world.config, delivery: "instant" } });

/** Network mode: bob (b.example) joined alice's group chat; nothing in flight; next message #5. */
function settledChat(): World {
  return runAll(groupChatWithBob(emptyWorld({ delivery: "network" }), room("chat")), [{ kind: "flush" }]);
}

const message = (sender: UserId) => ({ type: "m.room.encrypted", sender, content: { ciphertext: "x" } });

/** The messages a step added to the network. */
const added = (before: World, after: World): Envelope[] =>
  after.inFlight.filter((e) => !before.inFlight.some((b) => b.id === e.id));

describe("one transaction in flight per sender", () => {
  it("holds per hub: a server waiting for one hub still submits to another", () => {
    const there = "!there:c.example" as RoomId;
    const world = runAll(emptyWorld({ delivery: "network" }), [
      { kind: "create-room", user: carol, room: there, chatType: "group-chat", invite: [bob] },
      { kind: "create-room", user: alice, room: room("chat"), chatType: "group-chat", invite: [bob] },
      { kind: "flush" },
      { kind: "join", user: bob, room: there },
      { kind: "flush" },
      { kind: "join", user: bob, room: room("chat") },
      { kind: "flush" },
      // bob's message to a.example waits for its answer
      { kind: "send-message", user: bob, room: room("chat"), body: "one" },
    ]);
    const other = step(world, { kind: "send-message", user: bob, room: there, body: "two" });
    expect(other.verdict).toEqual({ accepted: true });
    expect(added(world, other.world).map((e) => e.message)).toMatchObject([
      { kind: "submit", from: B, to: C, room: there },
    ]);
    const same = step(world, { kind: "send-message", user: bob, room: room("chat"), body: "two" });
    expect(same.verdict).toEqual({
      accepted: false,
      guard: "send.one-txn-in-flight",
      requirements: ["LM-SEND-1"],
      reason:
        "b.example still waits for the hub a.example to answer its transaction t3: one transaction in flight per sender",
    });
  });
});

describe("one transaction in flight: who it binds", () => {
  it("is checked for a follower's user, and not at all for the hub's own user (who needs no transaction)", () => {
    const world = settledChat();
    const checked = (user: UserId): string[] => {
      const seen: string[] = [];
      step(
        world,
        { kind: "send-message", user, room: room("chat"), body: "hi" },
        {
          observe: (guard, outcome) => (guard === "send.one-txn-in-flight" ? seen.push(outcome) : undefined),
        },
      );
      return seen;
    };
    expect(checked(bob)).toEqual(["pass"]);
    expect(checked(alice)).toEqual([]);
  });
});

describe("forge-limited", () => {
  const chat = room("chat");

  it("hands the hub's own limited event straight to its receive path", () => {
    const world = settledChat();
    const result = step(
      world,
      { kind: "forge-limited", server: A, room: chat, event: message(alice) },
      { explain: true },
    );
    expect(result.verdict).toEqual({ accepted: true });
    expect(result.effects).toEqual([
      "a.example appended $5 (m.room.encrypted) at position 4 of !chat:a.example",
      "sent #5 event a.example → b.example",
    ]);
    expect(result.world.servers.get(A)?.volatile.pending.size ?? 0).toBe(0);
  });

  it("submits another server's limited event in a transaction, to the hub or to the server named", () => {
    const world = settledChat();
    const toHub = step(
      world,
      { kind: "forge-limited", server: B, room: chat, event: message(bob) },
      { explain: true },
    );
    expect(toHub.verdict).toEqual({ accepted: true });
    expect(toHub.effects).toEqual(["sent #5 submit b.example → a.example"]);
    const toC = step(
      world,
      { kind: "forge-limited", server: B, room: chat, to: C, event: message(bob) },
      { explain: true },
    );
    expect(toC.verdict).toEqual({ accepted: true });
    expect(toC.effects).toEqual(["sent #5 submit b.example → c.example"]);
    expect(added(world, toC.world).map((e) => e.message)).toMatchObject([
      { kind: "submit", from: B, to: C, room: chat, txn: "t2" },
    ]);
  });
});

describe("forge-fully-formed: the event a server forms itself", () => {
  const chat = room("chat");

  it("cites the auth events its own copy selects and follows its copy's head", () => {
    const world = settledChat();
    const { world: after } = step(world, {
      kind: "forge-fully-formed",
      server: B,
      room: chat,
      to: C,
      event: message(bob),
    });
    expect(added(world, after)).toStrictEqual([
      {
        id: 5,
        message: {
          kind: "event",
          from: B,
          to: C,
          room: chat,
          event: {
            room_id: chat,
            type: "m.room.encrypted",
            sender: bob,
            content: { ciphertext: "x" },
            origin_server_ts: 5,
            hub_server: A,
            event_id: "$5",
            auth_events: ["$1", "$4"],
            prev_events: ["$4"],
            signedBy: [B],
          },
        },
      },
    ]);
  });

  it("cites nothing from a server that holds no copy, and still submits to the room's hub", () => {
    const world = settledChat();
    const toB = step(world, {
      kind: "forge-fully-formed",
      server: C,
      room: chat,
      to: B,
      event: message(carol),
    });
    const sent = added(world, toB.world)[0]?.message;
    expect(sent).toMatchObject({ kind: "event", from: C, to: B });
    expect(sent?.kind === "event" && [sent.event.auth_events, sent.event.prev_events]).toEqual([[], []]);
    const toHub = step(world, {
      kind: "forge-fully-formed",
      server: C,
      room: chat,
      to: A,
      event: message(carol),
    });
    expect(added(world, toHub.world).map((e) => e.message)).toMatchObject([
      { kind: "submit", from: C, to: A, room: chat, txn: "t1", event: { auth_events: [], prev_events: [] } },
    ]);
  });

  it("names the event by the reference hash of exactly its fields under that scheme", () => {
    const world = runAll(groupChatWithBob(emptyWorld({ delivery: "network", eventIds: "reference-hash" })), [
      { kind: "flush" },
    ]);
    const { world: after } = step(world, {
      kind: "forge-fully-formed",
      server: B,
      room: chat,
      to: C,
      event: message(bob),
    });
    const sent = added(world, after)[0]?.message;
    if (sent?.kind !== "event") throw new Error("no event sent");
    const { event_id, signedBy: _, ...fields } = sent.event;
    expect(fields.prev_events).toEqual([hubCopy(world, chat).state.head.event_id]);
    expect(fields.auth_events).toHaveLength(2);
    expect(computeEventId(fields as unknown as JsonObject)).toEqual({ ok: true, value: event_id });
  });
});

describe("hub-tamper", () => {
  const chat = room("chat");

  /**
   * Network mode: bob, carol and dave joined alice's group chat and dave left again, so a.example
   * counts joined users on c.example, b.example, a.example and d.example (0), in that internal
   * order. History $1..$9; the next message is #21, the next event $10.
   */
  function fourServers(): World {
    return runAll(emptyWorld({ delivery: "network" }), [
      { kind: "create-room", user: alice, room: chat, chatType: "group-chat", invite: [bob, carol, dave] },
      { kind: "flush" },
      { kind: "join", user: bob, room: chat },
      { kind: "join", user: carol, room: chat },
      { kind: "join", user: dave, room: chat },
      { kind: "flush" },
      { kind: "leave", user: dave, room: chat },
      { kind: "flush" },
    ]);
  }

  const tamperedEvent = (fields: Partial<FullEvent>): FullEvent => ({
    room_id: chat,
    type: "m.room.encrypted",
    sender: bob,
    content: { ciphertext: "x" },
    origin_server_ts: 10,
    // bob's server set hub_server in the limited event, and the hub formed it as a participant's
    hub_server: A,
    event_id: "$10",
    auth_events: ["$1", "$6"],
    prev_events: ["$9"],
    signedBy: [B, A],
    ...fields,
  });

  /** The tamper's effects and what it sent, which must be one event to b.example and c.example, in that order. */
  function tampered(tamper: HubTamper["tamper"], authEvent?: string) {
    const world = fourServers();
    const result = step(
      world,
      {
        kind: "hub-tamper",
        room: chat,
        tamper,
        event: message(bob),
        ...(authEvent === undefined ? {} : { authEvent }),
      },
      { explain: true },
    );
    expect(result.verdict).toEqual({ accepted: true });
    const sent = added(world, result.world);
    expect(sent.map((e) => [e.id, e.message.kind, e.message.from, e.message.to])).toEqual([
      [21, "event", A, B],
      [22, "event", A, C],
    ]);
    expect(sent[1]?.message).toStrictEqual({ ...sent[0]?.message, to: C });
    // Nothing is appended at the hub.
    expect(hubCopy(result.world, chat).state.length).toBe(9);
    const first = sent[0]?.message;
    return { effects: result.effects, event: first?.kind === "event" ? first.event : undefined };
  }

  it("refuses a room its hub does not hold, leaving the world as it was", () => {
    const world = settledChat();
    const {
      world: after,
      verdict,
      effects,
    } = step(
      world,
      { kind: "hub-tamper", room: room("nowhere"), tamper: "skip-auth", event: message(alice) },
      { explain: true },
    );
    expect(verdict).toEqual({
      accepted: false,
      guard: "hub.room-known",
      requirements: ["HUB-1"],
      reason: "a.example holds no room !nowhere:a.example, so it is not that room's hub",
    });
    expect(effects).toEqual([]);
    expect(after).toStrictEqual(world);
  });

  it("adds an auth event ($missing unless named) and fans out to the joined servers in name order", () => {
    const { effects, event } = tampered("add-auth-event");
    expect(effects).toEqual([
      "a.example misbehaves (add-auth-event): fans out $10 without appending it",
      "sent #21 event a.example → b.example",
      "sent #22 event a.example → c.example",
    ]);
    expect(event).toStrictEqual(tamperedEvent({ auth_events: ["$1", "$6", "$missing"] }));
    expect(tampered("add-auth-event", "$7").event).toStrictEqual(
      tamperedEvent({ auth_events: ["$1", "$6", "$7"] }),
    );
  });

  it("removes exactly the auth event named", () => {
    const { effects, event } = tampered("remove-auth-event", "$1");
    expect(effects[0]).toBe("a.example misbehaves (remove-auth-event): fans out $10 without appending it");
    expect(event).toStrictEqual(tamperedEvent({ auth_events: ["$6"] }));
  });

  it("forks: the event follows the event before the head", () => {
    expect(tampered("fork").event).toStrictEqual(tamperedEvent({ prev_events: ["$8"] }));
  });

  it("skips authorization: the event is sent as formed", () => {
    expect(tampered("skip-auth").event).toStrictEqual(tamperedEvent({}));
  });

  it("forks a room of two events onto its create event, and cannot fork a room of one", () => {
    // A hub copy of just a create event and bob's join, so b.example is the one follower.
    const create: FullEvent = {
      room_id: chat,
      type: "m.room.create",
      state_key: "",
      sender: alice,
      content: { room_version: "I.1", chat_type: "group-chat" },
      origin_server_ts: 1,
      event_id: "$1",
      auth_events: [],
      prev_events: [],
      signedBy: [A],
    };
    const join: FullEvent = {
      ...create,
      type: "m.room.member",
      state_key: bob,
      sender: bob,
      content: { membership: "join" },
      origin_server_ts: 2,
      event_id: "$2",
      auth_events: ["$1"],
      prev_events: ["$1"],
      signedBy: [B, A],
    };
    const base = emptyWorld({ delivery: "network" });
    const world: World = {
      ...base,
      servers: new Map([
        [A, storeReplica(freshServer(A), appendToReplica(replicaFromCreate(create, A), join), join)],
      ]),
      rooms: new Map([[chat, A]]),
      nextEventNumber: 3,
      clock: 2,
    };
    const sent = (tamper: HubTamper["tamper"]) =>
      step(world, { kind: "hub-tamper", room: chat, tamper, event: message(bob) }).world.inFlight.map((e) =>
        e.message.kind === "event" ? [e.message.to, e.message.event.prev_events] : e.message.kind,
      );
    expect(sent("skip-auth")).toEqual([[B, ["$2"]]]);
    expect(sent("fork")).toEqual([[B, ["$1"]]]);
    // With only the create event there is no event before the head: the event goes out as formed
    // (here to nobody, as nobody has joined).
    const lone: World = {
      ...world,
      servers: new Map([[A, storeReplica(freshServer(A), replicaFromCreate(create, A), create)]]),
    };
    const forked = step(
      lone,
      { kind: "hub-tamper", room: chat, tamper: "fork", event: message(alice) },
      { explain: true },
    );
    expect(forked.verdict).toEqual({ accepted: true });
    expect(forked.effects).toEqual(["a.example misbehaves (fork): fans out $3 without appending it"]);
  });

  it("in instant mode returns the first refusal among the joined servers', not the first verdict", () => {
    // c.example is up to date; b.example never got the history of its join, so it only buffers.
    let world = runAll(emptyWorld({ delivery: "network" }), [
      { kind: "create-room", user: alice, room: chat, chatType: "group-chat", invite: [bob, carol] },
      { kind: "flush" },
      { kind: "join", user: carol, room: chat },
      { kind: "flush" },
      { kind: "join", user: bob, room: chat },
      { kind: "deliver", message: 6 },
    ]);
    expect(world.inFlight[0]?.message).toMatchObject({ kind: "history", to: B });
    world = instantly(
      runAll(world, [{ kind: "drop", message: world.inFlight[0]?.id ?? 0 }, { kind: "flush" }]),
    );
    const result = step(
      world,
      { kind: "hub-tamper", room: chat, tamper: "add-auth-event", event: message(alice) },
      { explain: true },
    );
    expect(result.effects.filter((line) => line.startsWith("delivered")).map((l) => l.split(":")[0])).toEqual(
      [
        "delivered #10 event a.example → b.example $7 (m.room.encrypted)",
        "delivered #11 event a.example → c.example $7 (m.room.encrypted)",
      ],
    );
    expect(result.effects).toContain("b.example buffered $7: it does not hold the event it follows yet");
    expect(result.verdict).toEqual({
      accepted: false,
      guard: "auth.auth-events-valid",
      requirements: ["OQ-AUTH-7", "OQ-AUTH-8", "SIG-AUTH-3"],
      reason:
        "auth event $missing is not an event of !chat:a.example: an event another room holds, or one that was rejected, never enters its history",
    });
  });
});

describe("hub-tamper when the delivery safety net stops the step", () => {
  it("accepts, leaving the tampered event in flight, when the step stops before delivering it", () => {
    const chat = room("chat");
    const world = instantly(settledChat());
    const takeFirst = Draft.prototype.takeFirst;
    let strays = 0;
    // As if the step had 100,000 earlier messages to deliver: answers nobody waits for.
    const spy = vi.spyOn(Draft.prototype, "takeFirst").mockImplementation(function (this: Draft) {
      if (strays === MAX_DELIVERIES_PER_STEP) return takeFirst.call(this);
      strays++;
      return {
        id: -strays,
        message: { kind: "result", from: B, to: A, room: chat, txn: "t0", verdict: { accepted: true } },
      };
    });
    try {
      const { verdict, world: after } = step(world, {
        kind: "hub-tamper",
        room: chat,
        tamper: "add-auth-event",
        event: message(alice),
      });
      expect(verdict).toEqual({ accepted: true });
      expect(after.inFlight.map((e) => [e.id, e.message.kind, e.message.to])).toEqual([[5, "event", B]]);
    } finally {
      spy.mockRestore();
    }
    // Delivered, the same event is refused by b.example.
    expect(
      step(world, { kind: "hub-tamper", room: chat, tamper: "add-auth-event", event: message(alice) })
        .verdict,
    ).toMatchObject({ accepted: false, guard: "auth.auth-events-valid" });
  });
});

describe("network actions", () => {
  const chat = room("chat");

  /** Network mode: alice's group chat with invites to bob (#1) and carol (#2) in flight. */
  const invitesInFlight = () =>
    runAll(emptyWorld({ delivery: "network" }), [
      { kind: "create-room", user: alice, room: chat, chatType: "group-chat", invite: [bob, carol] },
    ]);

  /** Network mode: bob's join (#2) waits in flight. */
  const joinInFlight = () =>
    runAll(emptyWorld({ delivery: "network" }), [
      { kind: "create-room", user: alice, room: chat, chatType: "group-chat", invite: [bob] },
      { kind: "flush" },
      { kind: "join", user: bob, room: chat },
    ]);

  const notInFlight = (id: number) => ({
    accepted: false,
    guard: "network.message-in-flight",
    requirements: ["HUB-2"],
    reason: `no message #${id} is in flight`,
  });

  it("deliver: in instant mode also delivers what the delivery sends", () => {
    const world = instantly(joinInFlight());
    expect(world.inFlight.map((e) => e.id)).toEqual([2]);
    const { world: after, verdict } = step(world, { kind: "deliver", message: 2 });
    expect(verdict).toEqual({ accepted: true });
    expect(after.inFlight).toEqual([]);
    expect(after.servers.get(B)?.persisted.rooms.get(chat)?.state.length).toBe(4);
  });

  it("drop: loses the message and says so; an unknown message is refused and changes nothing", () => {
    const world = invitesInFlight();
    const dropped = step(world, { kind: "drop", message: 2 }, { explain: true });
    expect(dropped.verdict).toEqual({ accepted: true });
    expect(dropped.effects).toEqual(["the network lost #2"]);
    expect(dropped.world.inFlight.map((e) => e.id)).toEqual([1]);
    const unknown = step(world, { kind: "drop", message: 7 }, { explain: true });
    expect(unknown.verdict).toEqual(notInFlight(7));
    expect(unknown.effects).toEqual([]);
    expect(unknown.world).toBe(world);
  });

  it("duplicate: sends a copy of exactly the message named; an unknown message is refused", () => {
    const world = invitesInFlight();
    const copied = step(world, { kind: "duplicate", message: 2 }, { explain: true });
    expect(copied.verdict).toEqual({ accepted: true });
    expect(copied.effects).toEqual(["sent #3 invite a.example → c.example"]);
    expect(copied.world.inFlight.map((e) => e.id)).toEqual([1, 2, 3]);
    expect(copied.world.inFlight[2]?.message).toBe(world.inFlight[1]?.message);
    const unknown = step(world, { kind: "duplicate", message: 7 }, { explain: true });
    expect(unknown.verdict).toEqual(notInFlight(7));
    expect(unknown.effects).toEqual([]);
    expect(unknown.world).toBe(world);
  });

  it("duplicate: in instant mode delivers the copy and the original at once", () => {
    const world = instantly(joinInFlight());
    const { world: after, verdict } = step(world, { kind: "duplicate", message: 2 });
    expect(verdict).toEqual({ accepted: true });
    expect(after.inFlight).toEqual([]);
    // The hub processed the transaction once and answered the copy from its record.
    expect(hubCopy(after, chat).state.length).toBe(4);
  });

  it("sync: asks the hub for the events after those the server holds (all of them when it holds none)", () => {
    const world = settledChat();
    const fromB = step(world, { kind: "sync", server: B, room: chat });
    expect(added(world, fromB.world)).toStrictEqual([
      { id: 5, message: { kind: "backfill", from: B, to: A, room: chat, after: 4 } },
    ]);
    const fromC = step(world, { kind: "sync", server: C, room: chat });
    expect(added(world, fromC.world)).toStrictEqual([
      { id: 5, message: { kind: "backfill", from: C, to: A, room: chat, after: 0 } },
    ]);
  });

  it("restart: says what the server lost", () => {
    expect(step(settledChat(), { kind: "restart", server: B }, { explain: true }).effects).toEqual([
      "b.example restarted: pending transactions and buffered events are gone",
    ]);
  });
});
