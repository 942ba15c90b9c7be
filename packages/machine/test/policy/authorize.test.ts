import type { JsonObject, ServerName, UserId } from "@mimi-spec/schema";
import { describe, expect, it } from "vitest";
import {
  applyEvent,
  authorize,
  authorizeCreate,
  eventById,
  type FullEvent,
  initialState,
  type Profile,
  profileNamed,
  type Replica,
  type RoomView,
  resolveProfile,
  selectAuthEvents,
  stateEvent,
} from "../../src/index.ts";
import {
  A,
  alice,
  B,
  bob,
  carol,
  expectRejected,
  groupChatWithBob,
  hubCopy,
  room,
  runAll,
} from "../support.ts";

function profile(options: Record<string, string> = {}, name = "lm-i1"): Profile {
  const r = resolveProfile(name, options);
  if (!r.ok) throw new Error(r.message);
  return r.profile;
}

/** A fully-formed event as an honest hub of `replica` would form it, with overrides. */
function candidate(
  replica: Replica,
  p: Profile,
  fields: { type: string; sender: UserId; state_key?: string; content: JsonObject },
  overrides: Partial<FullEvent> = {},
): FullEvent {
  const base = { room_id: replica.roomId, origin_server_ts: 1, ...fields };
  const senderServer = fields.sender.slice(fields.sender.indexOf(":") + 1) as ServerName;
  return {
    ...base,
    event_id: "$candidate",
    auth_events: selectAuthEvents(replica.state, base, p),
    prev_events: [replica.state.head.event_id],
    signedBy: senderServer === A ? [A] : [senderServer, A],
    ...overrides,
  };
}

const at = (replica: Replica, p: Profile, event: FullEvent) =>
  authorize({ profile: p }, { state: replica.state, eventById: (id) => eventById(replica, id) }, event);

const chat = hubCopy(groupChatWithBob(), room("chat"));
const lm = profileNamed("lm-i1");
const message = (sender: UserId) => ({ type: "m.room.encrypted", sender, content: { ciphertext: "x" } });

describe("signatures (LM rules 1-2)", () => {
  it("accept an event signed by the sender's server and the hub", () => {
    expect(at(chat, lm, candidate(chat, lm, message(bob)))).toEqual({ accepted: true });
  });

  it("refuse an event the sender's server did not sign", () => {
    const v = at(chat, lm, candidate(chat, lm, message(bob), { signedBy: [A] }));
    expectRejected(v, "receive.signatures");
    if (!v.accepted) expect(v.reason).toContain("b.example");
  });

  it("refuse an event whose hub_server did not sign it, unless the profile needs no hub signature", () => {
    const event = candidate(chat, lm, message(bob), { hub_server: "z.example" as ServerName });
    expectRejected(at(chat, lm, event), "receive.signatures");
    expect(at(chat, profile({ "crypto.hub-signature": "none" }), event).accepted).toBe(true);
  });
});

describe("create events (LM rule 3)", () => {
  const create = chat.state.create;
  it("accept the room's own create event", () => {
    expect(authorizeCreate({ profile: lm }, create)).toEqual({ accepted: true });
  });

  it("refuse a create event with a previous event", () => {
    expectRejected(authorizeCreate({ profile: lm }, { ...create, prev_events: ["$x"] }), "create.no-prev");
  });

  it("take exactly the implemented room version, or any recognised one under matrix-v11", () => {
    const i1 = { ...create, content: { ...create.content, room_version: "I.1" } };
    expectRejected(authorizeCreate({ profile: lm }, i1), "create.room-version");
    const v11 = profileNamed("matrix-v11");
    expect(authorizeCreate({ profile: v11 }, i1).accepted).toBe(true);
    const { room_version: _gone, ...noVersion } = create.content;
    expect(authorizeCreate({ profile: v11 }, { ...create, content: noVersion }).accepted).toBe(true);
    expectRejected(
      authorizeCreate({ profile: v11 }, { ...create, content: { room_version: "9" } }),
      "create.room-version",
    );
  });

  it("refuse a create event after the first", () => {
    expectRejected(at(chat, lm, { ...create, event_id: "$again", prev_events: [] }), "create.no-prev");
  });
});

describe("auth events (LM rule 4)", () => {
  it("refuse an auth event that is not in the room's history (rejected, or of another room)", () => {
    const event = candidate(chat, lm, message(bob));
    const verdict = at(chat, lm, { ...event, auth_events: [...event.auth_events, "$nope"] });
    expectRejected(verdict, "auth.auth-events-valid");
    expect(!verdict.accepted && verdict.requirements).toEqual(["OQ-AUTH-7", "OQ-AUTH-8", "SIG-AUTH-3"]);
    expect(!verdict.accepted && verdict.reason).toContain("$nope");
  });

  it("refuse an auth event of the room that the selection does not call for", () => {
    const event = candidate(chat, lm, message(bob));
    const alicesJoin = stateEvent(chat.state, "m.room.member", alice);
    if (alicesJoin === undefined) throw new Error("setup: alice has no membership event");
    expectRejected(
      at(chat, lm, { ...event, auth_events: [...event.auth_events, alicesJoin.event_id] }),
      "auth.select-auth-events",
    );
  });

  it("select join rules for a knock only under auth.select-join-rules-for-knock = include", () => {
    const world = runAll(groupChatWithBob(), [
      { kind: "set-join-rule", user: alice, room: room("chat"), joinRule: "knock" },
    ]);
    const r = hubCopy(world, room("chat"));
    const jr = stateEvent(r.state, "m.room.join_rules", "")?.event_id;
    const knock = {
      room_id: r.roomId,
      type: "m.room.member",
      state_key: carol,
      sender: carol,
      content: { membership: "knock" },
      origin_server_ts: 1,
    };
    expect(selectAuthEvents(r.state, knock, lm)).toContain(jr);
    expect(
      selectAuthEvents(r.state, knock, profile({ "auth.select-join-rules-for-knock": "omit" })),
    ).not.toContain(jr);
    const ids = selectAuthEvents(r.state, { ...knock, state_key: bob, sender: bob }, lm);
    expect(new Set(ids).size).toBe(ids.length);
  });
});

describe("power levels (LM rule 9)", () => {
  const withLevels = hubCopy(
    runAll(groupChatWithBob(), [
      {
        kind: "set-power-levels",
        user: alice,
        room: room("chat"),
        content: {
          users: { [alice]: 100, [bob]: 50 },
          events: { "m.room.name": 75 },
          notifications: { room: 50 },
        },
      },
    ]),
    room("chat"),
  );
  const pl = (sender: UserId, content: JsonObject) =>
    candidate(withLevels, lm, { type: "m.room.power_levels", sender, state_key: "", content });

  it("refuse non-integer levels and users keys that are not user IDs", () => {
    expectRejected(
      at(withLevels, lm, pl(alice, { users: { "not a user": 1 } })),
      "power-levels.valid-content",
    );
    expectRejected(at(withLevels, lm, pl(alice, { events: { x: 1.5 } })), "power-levels.valid-content");
    expectRejected(at(withLevels, lm, pl(alice, { users: [] as never })), "power-levels.valid-content");
  });

  it("refuse changing an events level that is above the sender's", () => {
    const v = at(
      withLevels,
      lm,
      pl(bob, { users: { [alice]: 100, [bob]: 50 }, events: {}, notifications: { room: 50 } }),
    );
    expectRejected(v, "power-levels.change");
    if (!v.accepted) expect(v.reason).toContain("events[m.room.name] is 75");
  });

  it("check the notifications levels only when the profile says so", () => {
    const content = {
      users: { [alice]: 100, [bob]: 50 },
      events: { "m.room.name": 75 },
      notifications: { room: 60 },
    };
    expect(at(withLevels, lm, pl(bob, content)).accepted).toBe(true);
    expectRejected(
      at(withLevels, profile({ "auth.power-levels-notifications": "checked" }), pl(bob, content)),
      "power-levels.change",
    );
  });

  it("let a sender remove a lower user but not a higher one", () => {
    expect(
      at(
        withLevels,
        lm,
        pl(alice, { users: { [alice]: 100 }, events: { "m.room.name": 75 }, notifications: { room: 50 } }),
      ).accepted,
    ).toBe(true);
    expectRejected(
      at(
        withLevels,
        lm,
        pl(bob, { users: { [bob]: 50 }, events: { "m.room.name": 75 }, notifications: { room: 50 } }),
      ),
      "power-levels.change",
    );
  });
});

describe("redactions of other people's events", () => {
  const world = runAll(groupChatWithBob(), [
    { kind: "send-message", user: alice, room: room("chat"), body: "x" },
  ]);
  const r = hubCopy(world, room("chat"));
  const target = r.state.head.event_id;
  const redaction = (sender: UserId) =>
    candidate(r, lm, { type: "m.room.redaction", sender, content: { redacts: target } });

  it("are impossible under lm-i1, need the redact level under power-level, and are unchecked under unchecked", () => {
    expectRejected(at(r, lm, redaction(bob)), "redaction.others");
    expect(at(r, lm, redaction(alice)).accepted).toBe(true);
    const byLevel = profile({ "mgmt.redact-others": "power-level" });
    expectRejected(at(r, byLevel, redaction(bob)), "redaction.others");
    const unchecked = profile({ "mgmt.redact-others": "unchecked" });
    expect(at(r, unchecked, redaction(bob)).accepted).toBe(true);
  });
});

describe("senders (LM rule 6)", () => {
  it("refuse a message from a user who is not joined, whichever server signed it", () => {
    expectRejected(at(chat, lm, candidate(chat, lm, message(carol))), "auth.sender-joined");
    expectRejected(
      at(chat, lm, candidate(chat, lm, message(carol), { signedBy: [B, A] })),
      "receive.signatures",
    );
  });
});

describe("state events only configure the policy (SIG-POLICY-2)", () => {
  const setting = (type: string, content: JsonObject) =>
    at(chat, lm, candidate(chat, lm, { type, sender: alice, state_key: "", content }));

  it.each([
    ["m.room.join_rules", { join_rule: "knock" }],
    ["m.room.history_visibility", { history_visibility: "world" }],
    ["constructor", { join_rule: "anything" }],
  ])("accepts %s with %j", (type, content) => {
    expect(setting(type, content)).toEqual({ accepted: true });
  });

  it.each([
    ["m.room.join_rules", { join_rule: "restricted" }, 'join_rule "restricted"'],
    ["m.room.join_rules", {}, "join_rule null"],
    ["m.room.history_visibility", { history_visibility: 3 }, "history_visibility 3"],
  ])("refuses %s with %j, naming the values the policy offers", (type, content, shown) => {
    const verdict = setting(type, content);
    expectRejected(verdict, "policy.configure-only");
    expect(!verdict.accepted && verdict.reason).toContain(shown);
    expect(!verdict.accepted && verdict.reason).toContain("offers only");
  });
});

/** A view of `replica` that also finds `extra` events by ID (events the history does not hold). */
const viewWith = (replica: Replica, extra: ReadonlyArray<FullEvent> = []): RoomView => ({
  state: replica.state,
  eventById: (id) => extra.find((e) => e.event_id === id) ?? eventById(replica, id),
});

describe("the verdicts users read, pinned exactly", () => {
  it("name the missing signer and its role: the sender's server, or the hub_server", () => {
    expect(at(chat, lm, candidate(chat, lm, message(bob), { signedBy: [A] }))).toEqual({
      accepted: false,
      guard: "receive.signatures",
      requirements: ["OQ-EVENT-6", "SIG-USER-1"],
      reason: "the event is not signed by b.example, the server of the sender @bob:b.example",
    });
    const hubless = candidate(chat, lm, message(bob), { hub_server: "z.example" as ServerName });
    expect(at(chat, lm, hubless)).toEqual({
      accepted: false,
      guard: "receive.signatures",
      requirements: ["OQ-EVENT-6", "SIG-USER-1"],
      reason: "the event is not signed by z.example, the hub_server it names",
    });
  });

  it("refuse an IP-literal name before anything else, in a create event and after it", () => {
    const ipReason = (value: string, server: string) => ({
      accepted: false,
      guard: "id.no-ip-literal-server",
      requirements: ["OQ-ID-1"],
      reason: `the ${value} names an IP-literal server, which OQ-ID-1 refuses under this profile: ${server} is an IPv4 literal; LM forbids IP literals as server names (profile option id.server-name-ip-literals = forbid)`,
    });
    // Otherwise a perfectly good create event: accepted where IP literals are allowed.
    const eve = "@eve:192.0.2.1" as UserId;
    const create: FullEvent = {
      ...chat.state.create,
      room_id: "!r:192.0.2.1" as FullEvent["room_id"],
      sender: eve,
      signedBy: ["192.0.2.1" as ServerName],
    };
    expect(authorizeCreate({ profile: lm }, create)).toEqual(ipReason(`sender ${eve}`, "192.0.2.1"));
    expect(authorizeCreate({ profile: profile({ "id.server-name-ip-literals": "allow" }) }, create)).toEqual({
      accepted: true,
    });
    // A message whose hub_server is an IP literal (and which that server signed).
    const event = candidate(chat, lm, message(bob), {
      hub_server: "192.0.2.1" as ServerName,
      signedBy: [B, A, "192.0.2.1" as ServerName],
    });
    expect(at(chat, lm, event)).toEqual(ipReason("hub_server 192.0.2.1", "192.0.2.1"));
    expect(at(chat, profile({ "id.server-name-ip-literals": "allow" }), event)).toEqual({ accepted: true });
  });

  it("refuse a create event its sender's server did not sign", () => {
    expect(authorizeCreate({ profile: lm }, { ...chat.state.create, signedBy: [B] })).toEqual({
      accepted: false,
      guard: "receive.signatures",
      requirements: ["OQ-EVENT-6", "SIG-USER-1"],
      reason: "the event is not signed by a.example, the server of the sender @alice:a.example",
    });
  });

  it("name the events a create event follows, or how many events came before a late one", () => {
    const create = chat.state.create;
    const noPrev = (prev: string) => ({
      accepted: false,
      guard: "create.no-prev",
      requirements: ["SIG-CREATE-2"],
      reason: `a create event has no previous event, but this one follows ${prev}`,
    });
    expect(authorizeCreate({ profile: lm }, { ...create, prev_events: ["$x", "$y"] })).toEqual(
      noPrev("$x, $y"),
    );
    expect(at(chat, lm, { ...create, event_id: "$again", prev_events: [] })).toEqual(
      noPrev("4 earlier event(s)"),
    );
    expect(at(chat, lm, { ...create, event_id: "$again", prev_events: ["$3", "$4"] })).toEqual(
      noPrev("$3, $4"),
    );
    expect(at(chat, lm, { ...create, event_id: "$again", prev_events: ["$4"] })).toEqual(noPrev("$4"));
  });

  it("name the room version given (or its absence) and the ones the profile accepts", () => {
    const create = chat.state.create;
    const version = (value: string, expected: string) => ({
      accepted: false,
      guard: "create.room-version",
      requirements: ["OQ-AUTH-6"],
      reason: `room version ${value} is not one this profile accepts (${expected})`,
    });
    const exact = "org.matrix.i-d.ralston-mimi-linearized-matrix.02";
    const { room_version: _gone, ...noVersion } = create.content;
    expect(authorizeCreate({ profile: lm }, { ...create, content: noVersion })).toEqual(
      version("(none)", exact),
    );
    expect(authorizeCreate({ profile: lm }, { ...create, content: { room_version: "I.1" } })).toEqual(
      version("I.1", exact),
    );
    expect(
      authorizeCreate({ profile: profileNamed("matrix-v11") }, { ...create, content: { room_version: "9" } }),
    ).toEqual(version("9", `${exact} or I.1`));
  });
});

describe("auth events named twice", () => {
  const world = runAll(groupChatWithBob(), [
    { kind: "send-message", user: alice, room: room("chat"), body: "x" },
  ]);
  const r = hubCopy(world, room("chat"));
  const messageId = r.state.head.event_id;
  const twice = (detail: string) => ({
    accepted: false,
    guard: "auth.no-duplicate-auth-events",
    requirements: ["SIG-AUTH-3"],
    reason: `the auth events name ${detail} twice`,
  });
  const withAuth = (auth_events: string[]) => candidate(r, lm, message(bob), { auth_events });

  it("name the type and state key of the state event named twice", () => {
    expect(at(r, lm, withAuth(["$1", "$4", "$4"]))).toEqual(twice('(m.room.member, "@bob:b.example")'));
  });

  it('count a message event as state key "" of its type, whether named twice or next to such a state event', () => {
    expect(messageId).toBe("$5");
    expect(at(r, lm, withAuth(["$1", messageId, messageId]))).toEqual(twice('(m.room.encrypted, "")'));
    // A state event of the message's type with state key "" is the same (type, state key).
    const stateTwin: FullEvent = {
      ...(r.state.head as FullEvent),
      event_id: "$twin",
      state_key: "",
    };
    const verdict = authorize(
      { profile: lm },
      viewWith(r, [stateTwin]),
      withAuth(["$1", messageId, "$twin"]),
    );
    expect(verdict).toEqual(twice('(m.room.encrypted, "")'));
  });
});

describe("membership events of the wrong shape (LM rules 5.1, 5.7)", () => {
  const shape = (detail: string) => ({
    accepted: false,
    guard: "membership.shape",
    requirements: ["SIG-POLICY-3"],
    reason: `a membership event needs a user ID as state key and a known membership: ${detail}`,
  });
  const member = (content: JsonObject, stateKey?: string) =>
    candidate(chat, lm, {
      type: "m.room.member",
      sender: bob,
      content,
      ...(stateKey === undefined ? {} : { state_key: stateKey }),
    });

  it("say what is wrong: no state key, a state key that is no user ID, or an unknown membership", () => {
    expect(at(chat, lm, member({ membership: "leave" }))).toEqual(shape("it has no state key"));
    expect(at(chat, lm, member({ membership: "leave" }, "nope"))).toEqual(
      shape('state key "nope" is not a user ID'),
    );
    expect(at(chat, lm, member({ membership: "resign" }, bob))).toEqual(
      shape('membership "resign" is not one of invite, join, leave, ban, knock'),
    );
    expect(at(chat, lm, member({}, bob))).toEqual(
      shape("membership null is not one of invite, join, leave, ban, knock"),
    );
    expect(at(chat, lm, member({ membership: "leave" }, bob))).toEqual({ accepted: true });
  });
});

describe("policy settings (SIG-POLICY-2), exactly", () => {
  const setting = (type: string, content: JsonObject, stateKey = "") =>
    at(chat, lm, candidate(chat, lm, { type, sender: alice, state_key: stateKey, content }));

  it("name the event type, the value, the room and every value the policy offers", () => {
    expect(setting("m.room.join_rules", { join_rule: "restricted" })).toEqual({
      accepted: false,
      guard: "policy.configure-only",
      requirements: ["SIG-POLICY-2"],
      reason:
        'm.room.join_rules cannot set join_rule "restricted": the policy of !chat:a.example was fixed at its creation and offers only public, knock, invite',
    });
    expect(setting("m.room.history_visibility", { history_visibility: "never" })).toEqual({
      accepted: false,
      guard: "policy.configure-only",
      requirements: ["SIG-POLICY-2"],
      reason:
        'm.room.history_visibility cannot set history_visibility "never": the policy of !chat:a.example was fixed at its creation and offers only invited, joined, shared, world',
    });
  });

  it("leave events of those types with a non-empty state key alone: they set nothing", () => {
    expect(setting("m.room.join_rules", { join_rule: "restricted" }, "x")).toEqual({ accepted: true });
    expect(setting("m.room.history_visibility", { history_visibility: 3 }, "x")).toEqual({ accepted: true });
  });
});

describe('power_levels checks apply to the power levels state event only (state key "")', () => {
  const state = (type: string, stateKey: string, content: JsonObject) =>
    at(chat, lm, candidate(chat, lm, { type, sender: alice, state_key: stateKey, content }));

  it('refuse invalid power levels content under state key ""', () => {
    expect(state("m.room.power_levels", "", { ban: "x" })).toEqual({
      accepted: false,
      guard: "power-levels.valid-content",
      requirements: ["SIG-POLICY-3"],
      reason: 'the power levels content is invalid: ban must be an integer, got "x"',
    });
  });

  it("do not read a power_levels event under another state key, nor another type's content, as levels", () => {
    expect(state("m.room.power_levels", "x", { ban: "x" })).toEqual({ accepted: true });
    expect(state("m.room.name", "", { name: "n", ban: "x", users: [] })).toEqual({ accepted: true });
  });
});

describe("redactions, exactly", () => {
  const base = runAll(groupChatWithBob(), [
    { kind: "send-message", user: alice, room: room("chat"), body: "x" },
  ]);
  const r = hubCopy(base, room("chat"));
  const target = r.state.head.event_id;
  const redaction = (replica: Replica, sender: UserId, content: JsonObject = { redacts: target }) =>
    candidate(replica, lm, { type: "m.room.redaction", sender, content });
  const notInRoom = (eventId: string) => ({
    accepted: false,
    guard: "redaction.target-in-room",
    requirements: ["OQ-MGMT-4"],
    reason: `redaction target ${eventId} is not an event of !chat:a.example`,
  });

  it("name a target the room does not hold, or its absence", () => {
    expect(at(r, lm, redaction(r, alice, { redacts: "$nope" }))).toEqual(notInRoom("$nope"));
    expect(at(r, lm, redaction(r, alice, {}))).toEqual(notInRoom("(none)"));
  });

  it("ask the room only about event IDs: a redaction naming no target looks nothing up", () => {
    const asked: unknown[] = [];
    const view: RoomView = {
      state: r.state,
      eventById: (id) => {
        asked.push(id);
        return eventById(r, id);
      },
    };
    expect(authorize({ profile: lm }, view, redaction(r, alice, {}))).toEqual(notInRoom("(none)"));
    expect(asked.every((id) => typeof id === "string")).toBe(true);
  });

  it("say why someone else's event cannot be redacted: no such redaction, or too low a level", () => {
    expect(at(r, lm, redaction(r, bob))).toEqual({
      accepted: false,
      guard: "redaction.others",
      requirements: ["OQ-MGMT-4"],
      reason: `@bob:b.example cannot redact ${target}, sent by @alice:a.example: this profile has no redaction of other people's events (LM defines none)`,
    });
    const byLevel = profile({ "mgmt.redact-others": "power-level" });
    expect(at(r, byLevel, redaction(r, bob))).toEqual({
      accepted: false,
      guard: "redaction.others",
      requirements: ["OQ-MGMT-4"],
      reason: `@bob:b.example cannot redact ${target}, sent by @alice:a.example: their power level 0 is below the redact level 50`,
    });
  });

  it("let a sender at exactly the redact level redact others under power-level, not one below it", () => {
    const byLevel = profile({ "mgmt.redact-others": "power-level" });
    const levels = (bobLevel: number) =>
      hubCopy(
        runAll(base, [
          {
            kind: "set-power-levels",
            user: alice,
            room: room("chat"),
            content: { users: { [alice]: 100, [bob]: bobLevel }, redact: 40 },
          },
        ]),
        room("chat"),
      );
    const at40 = levels(40);
    expect(at(at40, byLevel, redaction(at40, bob))).toEqual({ accepted: true });
    const at39 = levels(39);
    expect(at(at39, byLevel, redaction(at39, bob))).toMatchObject({
      guard: "redaction.others",
      reason: `@bob:b.example cannot redact ${target}, sent by @alice:a.example: their power level 39 is below the redact level 40`,
    });
  });
});

describe("a room whose hub server has nobody joined (OQ-HUB-2 under room-closed)", () => {
  const closedProfile = profile({ "hub.when-hub-server-leaves": "room-closed" });
  const create = chat.state.create;
  /** A view of the events `events` after the chat's create event, applied without checks. */
  const viewOf = (events: ReadonlyArray<FullEvent>): RoomView => ({
    state: events.reduce(applyEvent, initialState(create)),
    eventById: (id) => [create, ...events].find((e) => e.event_id === id),
  });
  const formed = (view: RoomView, fields: Parameters<typeof candidate>[2]): FullEvent => {
    const base = { room_id: create.room_id, origin_server_ts: 1, ...fields };
    return {
      ...base,
      event_id: "$candidate",
      auth_events: selectAuthEvents(view.state, base, closedProfile),
      prev_events: [view.state.head.event_id],
      signedBy: [A],
    };
  };

  it("is open right after the create event, so the creator can join", () => {
    const view = viewOf([]);
    expect(view.state.length).toBe(1);
    const join = formed(view, {
      type: "m.room.member",
      sender: alice,
      state_key: alice,
      content: { membership: "join" },
    });
    expect(authorize({ profile: closedProfile }, view, join)).toEqual({ accepted: true });
  });

  it("is closed from the second event on when the hub server has nobody joined", () => {
    const name: FullEvent = {
      ...create,
      event_id: "$name",
      type: "m.room.name",
      content: { name: "n" },
      auth_events: ["$1"],
      prev_events: ["$1"],
    };
    const view = viewOf([name]);
    expect(view.state.length).toBe(2);
    expect(authorize({ profile: closedProfile }, view, formed(view, message(alice)))).toEqual({
      accepted: false,
      guard: "hub.hub-server-left",
      requirements: ["OQ-HUB-2"],
      reason: "!chat:a.example is closed: its hub server a.example has no joined user left",
    });
  });
});
