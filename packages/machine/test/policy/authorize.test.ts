import type { JsonObject, ServerName, UserId } from "@mimi-spec/schema";
import { describe, expect, it } from "vitest";
import {
  authorize,
  authorizeCreate,
  eventById,
  type FullEvent,
  type Profile,
  profileNamed,
  type Replica,
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
