import type { ServerName, UserId } from "@mimi-spec/schema";
import { describe, expect, it } from "vitest";
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
import { alice, bob, carol, groupChatWithBob, hubCopy, room, runAll } from "../support.ts";

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
