import type { JsonObject, UserId } from "@mimi-spec/schema";
import { describe, expect, it } from "vitest";
import { checkChatRules } from "../../src/chat/rules.ts";
import type { FullEvent } from "../../src/event.ts";
import type { GuardId } from "../../src/generated/guards.ts";
import type { CheckContext } from "../../src/policy/guard.ts";
import { type Profile, profileNamed, resolveProfile } from "../../src/profile.ts";
import { applyEvent, initialState, type RoomState } from "../../src/state/room-state.ts";
import { alice, bob, carol, dave, room } from "../support.ts";

const lm = profileNamed("lm-i1");
function profile(options: Record<string, string>): Profile {
  const r = resolveProfile("lm-i1", options);
  if (!r.ok) throw new Error(r.message);
  return r.profile;
}

function event(
  roomId: string,
  event_id: string,
  fields: { type: string; sender: UserId; state_key?: string; content: JsonObject },
): FullEvent {
  return {
    room_id: room(roomId),
    origin_server_ts: 1,
    event_id,
    auth_events: [],
    prev_events: [],
    signedBy: [],
    ...fields,
  };
}

let counter = 0;
/** A room `name` created by alice with this create content, after `membership` events [sender, target, membership]. */
function roomState(
  name: string,
  content: JsonObject,
  memberships: ReadonlyArray<[UserId, UserId, string]> = [],
): RoomState {
  const create = event(name, "$create", { type: "m.room.create", state_key: "", sender: alice, content });
  return memberships.reduce(
    (state, [sender, target, membership]) => applyEvent(state, memberEvent(name, sender, target, membership)),
    initialState(create),
  );
}
function memberEvent(name: string, sender: UserId, target: UserId, membership: string): FullEvent {
  counter += 1;
  return event(name, `$m${counter}`, {
    type: "m.room.member",
    sender,
    state_key: target,
    content: { membership },
  });
}
const joinRulesEvent = (name: string, content: JsonObject, stateKey = "") =>
  event(name, "$jr", { type: "m.room.join_rules", sender: alice, state_key: stateKey, content });

/** checkChatRules, with every guard evaluation recorded. */
function run(state: RoomState, ev: FullEvent, p: Profile = lm) {
  const seen: Array<[GuardId, string]> = [];
  const ctx: CheckContext = { profile: p, observe: (guard, outcome) => seen.push([guard, outcome]) };
  return { verdict: checkChatRules(ctx, state, ev), seen };
}

const dm = roomState("dm", { chat_type: "dm", members: [bob, alice] }, [
  [alice, alice, "join"],
  [alice, bob, "invite"],
]);
const groupDm = roomState("gdm", { chat_type: "group-dm", members: [carol, alice, bob] }, [
  [alice, alice, "join"],
  [alice, bob, "invite"],
  [alice, carol, "invite"],
  [bob, bob, "join"],
  [carol, carol, "leave"],
]);
const groupChat = roomState("chat", { chat_type: "group-chat" }, [[alice, alice, "join"]]);
const plainRoom = roomState("plain", {}, [[alice, alice, "join"]]);

/** The rules consulted for an add or rejoin that none of them refuses. */
const addPasses: Array<[GuardId, string]> = [
  ["dm.no-add", "pass"],
  ["group-dm.no-add", "pass"],
  ["group-dm.no-rejoin", "pass"],
];

describe("checkChatRules: rooms without fixed-membership rules", () => {
  it("consults no rule in a room that names no chat type", () => {
    const { verdict, seen } = run(plainRoom, memberEvent("plain", alice, bob, "ban"));
    expect(verdict).toBeUndefined();
    expect(seen).toEqual([]);
  });

  it("lets a group chat add, remove and change its join rule, reporting the rules as passing", () => {
    const invite = run(groupChat, memberEvent("chat", alice, carol, "invite"));
    expect(invite.verdict).toBeUndefined();
    expect(invite.seen).toEqual(addPasses);
    const kick = run(groupChat, memberEvent("chat", alice, bob, "leave"));
    expect(kick.verdict).toBeUndefined();
    expect(kick.seen).toEqual([["fixed-membership.no-removal", "pass"]]);
    const leave = run(groupChat, memberEvent("chat", bob, bob, "leave"));
    expect(leave.verdict).toBeUndefined();
    expect(leave.seen).toEqual([["dm.no-leave", "pass"]]);
    const rules = run(groupChat, joinRulesEvent("chat", { join_rule: "public" }));
    expect(rules.verdict).toBeUndefined();
    expect(rules.seen).toEqual([["fixed-membership.fixed-join-rule", "pass"]]);
  });

  it("consults no rule for events that are neither memberships nor join rules", () => {
    const message = event("dm", "$msg", {
      type: "m.room.encrypted",
      sender: alice,
      content: { ciphertext: "x" },
    });
    const name = event("dm", "$name", {
      type: "m.room.name",
      sender: alice,
      state_key: "",
      content: { name: "n" },
    });
    for (const ev of [message, name]) expect(run(dm, ev)).toEqual({ verdict: undefined, seen: [] });
  });

  it("consults no rule for a membership event without a state key or with an unknown membership", () => {
    const { state_key: _, ...keyless } = memberEvent("dm", alice, carol, "invite");
    expect(run(dm, keyless)).toEqual({ verdict: undefined, seen: [] });
    expect(run(dm, memberEvent("dm", alice, carol, "kidnap"))).toEqual({ verdict: undefined, seen: [] });
    expect(run(dm, memberEvent("dm", bob, bob, "kidnap"))).toEqual({ verdict: undefined, seen: [] });
    expect(
      run(dm, event("dm", "$m", { type: "m.room.member", sender: alice, state_key: carol, content: {} })),
    ).toEqual({
      verdict: undefined,
      seen: [],
    });
  });
});

describe("checkChatRules: DMs", () => {
  it("refuse adding anyone by invite, join or knock (CHAT-6)", () => {
    const expected = {
      accepted: false,
      guard: "dm.no-add",
      requirements: ["CHAT-6"],
      reason:
        "nobody can be added to a DM: @carol:c.example is not one of its two members (@alice:a.example, @bob:b.example)",
    };
    const invite = run(dm, memberEvent("dm", alice, carol, "invite"));
    expect(invite.verdict).toEqual(expected);
    expect(invite.seen).toEqual([["dm.no-add", "reject"]]);
    expect(run(dm, memberEvent("dm", carol, carol, "join")).verdict).toEqual(expected);
    expect(run(dm, memberEvent("dm", carol, carol, "knock")).verdict).toEqual(expected);
  });

  it("let their two members be invited and join", () => {
    const join = run(dm, memberEvent("dm", bob, bob, "join"));
    expect(join.verdict).toBeUndefined();
    expect(join.seen).toEqual(addPasses);
    expect(run(dm, memberEvent("dm", alice, bob, "invite")).verdict).toBeUndefined();
  });

  it("do not apply the group-DM rejoin rule", () => {
    const left = applyEvent(dm, memberEvent("dm", bob, bob, "leave"));
    expect(run(left, memberEvent("dm", alice, bob, "invite")).verdict).toBeUndefined();
  });

  it("refuse leaving, declining the invite included (CHAT-9)", () => {
    const { verdict, seen } = run(dm, memberEvent("dm", bob, bob, "leave"));
    expect(verdict).toEqual({
      accepted: false,
      guard: "dm.no-leave",
      requirements: ["CHAT-9"],
      reason:
        "nobody can leave a DM, not even by declining its invite: @bob:b.example stays in !dm:a.example",
    });
    expect(seen).toEqual([["dm.no-leave", "reject"]]);
  });

  it("refuse kicking and banning a member (OQ-MGMT-7)", () => {
    const expected = {
      accepted: false,
      guard: "fixed-membership.no-removal",
      requirements: ["OQ-MGMT-7"],
      reason: "nobody can be kicked or banned from a dm: @alice:a.example cannot remove @bob:b.example",
    };
    const kick = run(dm, memberEvent("dm", alice, bob, "leave"));
    expect(kick.verdict).toEqual(expected);
    expect(kick.seen).toEqual([["fixed-membership.no-removal", "reject"]]);
    expect(run(dm, memberEvent("dm", alice, bob, "ban")).verdict).toEqual(expected);
  });

  it("count a member banning themselves as a removal, not as leaving", () => {
    const { verdict, seen } = run(dm, memberEvent("dm", bob, bob, "ban"));
    expect(verdict).toEqual({
      accepted: false,
      guard: "fixed-membership.no-removal",
      requirements: ["OQ-MGMT-7"],
      reason: "nobody can be kicked or banned from a dm: @bob:b.example cannot remove @bob:b.example",
    });
    expect(seen).toEqual([["fixed-membership.no-removal", "reject"]]);
  });

  it("keep their join rule invite (CHAT-6, CHAT-7)", () => {
    const { verdict, seen } = run(dm, joinRulesEvent("dm", { join_rule: "public" }));
    expect(verdict).toEqual({
      accepted: false,
      guard: "fixed-membership.fixed-join-rule",
      requirements: ["CHAT-6", "CHAT-7"],
      reason: "the join rule of a dm stays invite: setting it to public would let others in",
    });
    expect(seen).toEqual([["fixed-membership.fixed-join-rule", "reject"]]);
    expect(run(dm, joinRulesEvent("dm", {})).verdict).toEqual({
      accepted: false,
      guard: "fixed-membership.fixed-join-rule",
      requirements: ["CHAT-6", "CHAT-7"],
      reason: "the join rule of a dm stays invite: setting it to (unknown) would let others in",
    });
  });

  it("accept re-sending the invite join rule, and ignore join_rules with a non-empty state key", () => {
    const same = run(dm, joinRulesEvent("dm", { join_rule: "invite" }));
    expect(same.verdict).toBeUndefined();
    expect(same.seen).toEqual([["fixed-membership.fixed-join-rule", "pass"]]);
    expect(run(dm, joinRulesEvent("dm", { join_rule: "public" }, "x"))).toEqual({
      verdict: undefined,
      seen: [],
    });
  });
});

describe("checkChatRules: group DMs", () => {
  it("refuse adding someone outside the fixed members (CHAT-7)", () => {
    const { verdict, seen } = run(groupDm, memberEvent("gdm", alice, dave, "invite"));
    expect(verdict).toEqual({
      accepted: false,
      guard: "group-dm.no-add",
      requirements: ["CHAT-7"],
      reason:
        "nobody can be added to a group DM: @dave:d.example is not one of its members (@alice:a.example, @bob:b.example, @carol:c.example)",
    });
    expect(seen).toEqual([
      ["dm.no-add", "pass"],
      ["group-dm.no-add", "reject"],
    ]);
  });

  it("refuse a member who left coming back, by invite or join (CHAT-15)", () => {
    const expected = {
      accepted: false,
      guard: "group-dm.no-rejoin",
      requirements: ["CHAT-15"],
      reason: "@carol:c.example left the group DM !gdm:a.example and cannot rejoin it",
    };
    const invite = run(groupDm, memberEvent("gdm", alice, carol, "invite"));
    expect(invite.verdict).toEqual(expected);
    expect(invite.seen).toEqual([
      ["dm.no-add", "pass"],
      ["group-dm.no-add", "pass"],
      ["group-dm.no-rejoin", "reject"],
    ]);
    expect(run(groupDm, memberEvent("gdm", carol, carol, "join")).verdict).toEqual(expected);
  });

  it("let a member who never left join", () => {
    expect(run(groupDm, memberEvent("gdm", bob, bob, "join"))).toEqual({
      verdict: undefined,
      seen: addPasses,
    });
  });

  it("let members leave under the default profile (CHAT-10), but not under fixed membership", () => {
    const leave = memberEvent("gdm", bob, bob, "leave");
    expect(run(groupDm, leave)).toEqual({ verdict: undefined, seen: [["dm.no-leave", "pass"]] });
    const fixed = profile({ "mgmt.fixed-membership-rooms": "no-membership-changes" });
    const { verdict, seen } = run(groupDm, leave, fixed);
    expect(verdict).toEqual({
      accepted: false,
      guard: "fixed-membership.no-leave",
      requirements: ["OQ-MGMT-7", "CHAT-10"],
      reason:
        "under RPOL-03 fixed membership @bob:b.example cannot leave the group DM !gdm:a.example (this profile contradicts CHAT-10)",
    });
    expect(seen).toEqual([
      ["dm.no-leave", "pass"],
      ["fixed-membership.no-leave", "reject"],
    ]);
  });

  it("refuse removing a member, and keep their join rule", () => {
    expect(run(groupDm, memberEvent("gdm", alice, bob, "ban")).verdict).toEqual({
      accepted: false,
      guard: "fixed-membership.no-removal",
      requirements: ["OQ-MGMT-7"],
      reason: "nobody can be kicked or banned from a group-dm: @alice:a.example cannot remove @bob:b.example",
    });
    expect(run(groupDm, joinRulesEvent("gdm", { join_rule: "knock" })).verdict).toEqual({
      accepted: false,
      guard: "fixed-membership.fixed-join-rule",
      requirements: ["CHAT-6", "CHAT-7"],
      reason: "the join rule of a group-dm stays invite: setting it to knock would let others in",
    });
  });
});

describe("checkChatRules: public chats", () => {
  it("consult the fixed-join-rule guard, which does not cover them", () => {
    const pub = roomState("pub", { chat_type: "public-chat" });
    expect(run(pub, joinRulesEvent("pub", { join_rule: "invite" }))).toEqual({
      verdict: undefined,
      seen: [["fixed-membership.fixed-join-rule", "pass"]],
    });
  });
});

it("works without an observer", () => {
  expect(checkChatRules({ profile: lm }, dm, memberEvent("dm", alice, carol, "invite"))?.guard).toBe(
    "dm.no-add",
  );
  expect(
    checkChatRules({ profile: lm }, groupChat, memberEvent("chat", alice, carol, "invite")),
  ).toBeUndefined();
});
