import type { JsonObject, JsonValue, ServerName, UserId } from "@mimi-spec/schema";
import { describe, expect, it } from "vitest";
import type { FullEvent } from "../../src/event.ts";
import {
  actionLevel,
  emptyWorld,
  eventLevel,
  joinedOn,
  joinedUsers,
  membershipOf,
  pget,
  phas,
  profileNamed,
  stateEvent,
  userLevel,
} from "../../src/index.ts";
import { pentries, psize } from "../../src/state/persistent-map.ts";
import { applyEvent, initialState } from "../../src/state/room-state.ts";
import { alice, bob, carol, dave, groupChatWithBob, hubCopy, room, runAll } from "../support.ts";

describe("room state indexes", () => {
  it("track memberships, joined users per server and who left", () => {
    const world = runAll(groupChatWithBob(), [
      { kind: "invite", user: alice, room: room("chat"), target: carol },
      { kind: "leave", user: carol, room: room("chat") },
    ]);
    const state = hubCopy(world, room("chat")).state;
    expect(membershipOf(state, bob)).toBe("join");
    expect(membershipOf(state, carol)).toBe("leave");
    expect(membershipOf(state, "@nobody:x.example" as UserId)).toBe("leave");
    expect(joinedOn(state, "b.example" as ServerName)).toBe(1);
    expect(joinedOn(state, "c.example" as ServerName)).toBe(0);
    expect(phas(state.everLeft, carol)).toBe(true);
    expect(phas(state.everLeft, bob)).toBe(false);
    expect(joinedUsers(state)).toEqual([alice, bob]);
    expect(stateEvent(state, "m.room.member", carol)?.content).toEqual({ membership: "leave" });
  });

  it("read power levels from the current power_levels event, or LM's defaults without one", () => {
    const profile = profileNamed("lm-i1");
    const before = hubCopy(groupChatWithBob(), room("chat")).state;
    expect(userLevel(before, alice, profile)).toBe(100);
    expect(userLevel(before, bob, profile)).toBe(0);
    expect(actionLevel(before, "kick", profile)).toBe(50);
    expect(eventLevel(before, "m.room.name", true, profile)).toBe(50);
    expect(eventLevel(before, "m.room.encrypted", false, profile)).toBe(0);
    const world = runAll(groupChatWithBob(), [
      {
        kind: "set-power-levels",
        user: alice,
        room: room("chat"),
        content: { users: { [alice]: 100, [bob]: 40 }, kick: 30, events: { "m.room.encrypted": 10 } },
      },
    ]);
    const after = hubCopy(world, room("chat")).state;
    expect(userLevel(after, bob, profile)).toBe(40);
    expect(userLevel(after, carol, profile)).toBe(0);
    expect(actionLevel(after, "kick", profile)).toBe(30);
    expect(actionLevel(after, "ban", profile)).toBe(50);
    expect(eventLevel(after, "m.room.encrypted", false, profile)).toBe(10);
  });

  it("take the invite, kick and ban defaults from the profile", () => {
    const state = hubCopy(
      runAll(emptyWorld({ profile: profileNamed("pol-00") }), [
        { kind: "create-room", user: alice, room: room("p"), chatType: "group-chat" },
      ]),
      room("p"),
    ).state;
    expect(actionLevel(state, "invite", profileNamed("pol-00"))).toBe(100);
    expect(actionLevel(state, "invite", profileNamed("lm-i1"))).toBe(0);
  });

  it("record redactions", () => {
    let world = groupChatWithBob();
    world = runAll(world, [{ kind: "send-message", user: bob, room: room("chat"), body: "oops" }]);
    const id = hubCopy(world, room("chat")).state.head.event_id;
    world = runAll(world, [{ kind: "redact", user: bob, room: room("chat"), eventId: id }]);
    const state = hubCopy(world, room("chat")).state;
    expect(pget(state.redacted, id)).toBe(state.head.event_id);
  });
});

describe("room state from hand-made events", () => {
  const id = room("r");
  let counter = 0;
  const ev = (fields: {
    type: string;
    sender?: UserId;
    state_key?: string;
    content: JsonObject;
  }): FullEvent => {
    counter += 1;
    return {
      room_id: id,
      sender: alice,
      origin_server_ts: counter,
      event_id: `$e${counter}`,
      auth_events: [],
      prev_events: [],
      signedBy: [],
      ...fields,
    };
  };
  const create = (content: JsonObject) => ev({ type: "m.room.create", state_key: "", content });
  const member = (user: UserId, membership: string) =>
    ev({ type: "m.room.member", state_key: user, content: { membership } });
  const after = (first: FullEvent, ...rest: FullEvent[]) => rest.reduce(applyEvent, initialState(first));

  it("reads the chat type only when the create event names a known one", () => {
    expect(initialState(create({ chat_type: "dm" })).chatType).toBe("dm");
    expect(initialState(create({ chat_type: "no-such-type" })).chatType).toBeUndefined();
    expect(initialState(create({})).chatType).toBeUndefined();
  });

  it("keeps the string members of the create event, sorted, and nothing else", () => {
    expect(initialState(create({ members: [carol, 7, alice, null, bob] })).fixedMembers).toEqual([
      alice,
      bob,
      carol,
    ]);
    expect(initialState(create({ members: "everyone" })).fixedMembers).toBeUndefined();
  });

  it("indexes a create event that lacks a state key under the empty key", () => {
    const { state_key: _, ...keyless } = create({});
    const state = initialState(keyless);
    expect(stateEvent(state, "m.room.create", "")).toBe(keyless);
    expect(psize(state.stateEvents)).toBe(1);
  });

  it("remembers who left after being invited, joined or knocking, and nobody else", () => {
    const state = after(
      create({}),
      member(alice, "invite"),
      member(alice, "leave"),
      member(bob, "knock"),
      member(bob, "leave"),
      member(carol, "join"),
      member(carol, "ban"),
      member(dave, "ban"),
      member(dave, "leave"),
    );
    expect(pget(state.everLeft, alice)).toBe(true);
    expect(pget(state.everLeft, bob)).toBe(true);
    expect(pget(state.everLeft, carol)).toBe(true);
    expect(phas(state.everLeft, dave)).toBe(false);
    expect(psize(state.everLeft)).toBe(3);
  });

  it("ignores a membership event without one of LM's memberships", () => {
    const state = after(create({}), member(bob, "join"), member(bob, "lurking"));
    expect(membershipOf(state, bob)).toBe("join");
    expect(joinedOn(state, "b.example" as ServerName)).toBe(1);
    expect(psize(state.memberships)).toBe(1);
    expect(state.length).toBe(3);
  });

  it("takes power levels, join rule, history visibility and MLS policy only from the empty state key", () => {
    const keyed = (type: string, field: string, value: JsonValue, other: JsonValue) => [
      ev({ type, state_key: "", content: { [field]: value } }),
      ev({ type, state_key: "elsewhere", content: { [field]: other } }),
    ];
    const state = after(
      create({}),
      ...keyed("m.room.power_levels", "users_default", 5, 6),
      ...keyed("m.room.join_rules", "join_rule", "public", "invite"),
      ...keyed("m.room.history_visibility", "history_visibility", "joined", "shared"),
      ...keyed("m.room.mls_acp", "template", "group-admin-only", "group-moderated"),
    );
    expect(state.powerLevels).toEqual({ users_default: 5 });
    expect(state.joinRule).toBe("public");
    expect(state.historyVisibility).toBe("joined");
    expect(state.mlsAcp).toBe("group-admin-only");
    // Every one of them is still current state under its own key.
    expect(stateEvent(state, "m.room.join_rules", "elsewhere")?.content).toEqual({ join_rule: "invite" });
    const only = after(
      create({}),
      ev({ type: "m.room.history_visibility", state_key: "x", content: { history_visibility: "joined" } }),
    );
    expect(only.historyVisibility).toBeUndefined();
  });

  it("sets history visibility without touching the MLS policy, and the reverse", () => {
    const visibility = after(
      create({}),
      ev({ type: "m.room.mls_acp", state_key: "", content: { template: "group-moderated" } }),
      ev({ type: "m.room.history_visibility", state_key: "", content: { history_visibility: "shared" } }),
    );
    expect([visibility.historyVisibility, visibility.mlsAcp]).toEqual(["shared", "group-moderated"]);
  });

  it("records a redaction only from a redaction event that names its target", () => {
    const redaction = ev({ type: "m.room.redaction", content: { redacts: "$target" } });
    const state = after(
      create({}),
      ev({ type: "m.room.encrypted", content: { redacts: "$other" } }),
      ev({ type: "m.room.redaction", content: {} }),
      ev({ type: "m.room.redaction", content: { redacts: 5 } }),
      redaction,
    );
    expect(pentries(state.redacted)).toEqual([["$target", redaction.event_id]]);
    expect(state.head).toBe(redaction);
    expect(state.length).toBe(5);
  });
});
