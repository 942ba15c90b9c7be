import type { JsonObject, UserId } from "@mimi-spec/schema";
import { describe, expect, it } from "vitest";
import type { EventFields, FullEvent } from "../../src/event.ts";
import { selectAuthEvents } from "../../src/policy/auth-selection.ts";
import { type Profile, profileNamed, resolveProfile } from "../../src/profile.ts";
import { applyEvent, initialState, type RoomState } from "../../src/state/room-state.ts";
import { alice, bob, carol, room } from "../support.ts";

const lm = profileNamed("lm-i1");
function profile(options: Record<string, string>): Profile {
  const r = resolveProfile("lm-i1", options);
  if (!r.ok) throw new Error(r.message);
  return r.profile;
}

const roomId = room("r");
function event(
  event_id: string,
  fields: { type: string; sender: UserId; state_key?: string; content: JsonObject },
): FullEvent {
  return {
    room_id: roomId,
    origin_server_ts: 1,
    event_id,
    auth_events: [],
    prev_events: [],
    signedBy: [],
    ...fields,
  };
}
const member = (id: string, sender: UserId, target: UserId, membership: string) =>
  event(id, { type: "m.room.member", sender, state_key: target, content: { membership } });

const create = event("$create", { type: "m.room.create", state_key: "", sender: alice, content: {} });
const aliceJoin = member("$alice", alice, alice, "join");
const powerLevels = event("$pl", {
  type: "m.room.power_levels",
  state_key: "",
  sender: alice,
  content: { users: { [alice]: 100 } },
});
const joinRules = event("$jr", {
  type: "m.room.join_rules",
  state_key: "",
  sender: alice,
  content: { join_rule: "invite" },
});
const bobInvite = member("$bob", alice, bob, "invite");

const stateOf = (...events: FullEvent[]): RoomState => events.reduce(applyEvent, initialState(create));
/** alice created and joined, set power levels and join rules, and invited bob. */
const full = stateOf(aliceJoin, powerLevels, joinRules, bobInvite);

/** The fields of a membership event about to be sent (no ID yet). */
const proposed = (sender: UserId, target: UserId, membership: string): EventFields => ({
  room_id: roomId,
  type: "m.room.member",
  sender,
  state_key: target,
  content: { membership },
  origin_server_ts: 9,
});
const messageBy = (sender: UserId): EventFields => ({
  room_id: roomId,
  type: "m.room.encrypted",
  sender,
  content: { ciphertext: "x" },
  origin_server_ts: 9,
});

describe("selectAuthEvents (LM §int-auth-selection)", () => {
  it("selects only the create event in a room that has nothing else", () => {
    expect(selectAuthEvents(stateOf(), messageBy(alice), lm)).toEqual(["$create"]);
  });

  it("selects create, power levels and the sender's membership for a message, in that order", () => {
    expect(selectAuthEvents(full, messageBy(alice), lm)).toEqual(["$create", "$pl", "$alice"]);
  });

  it("leaves out the membership of a sender who has none", () => {
    expect(selectAuthEvents(full, messageBy(carol), lm)).toEqual(["$create", "$pl"]);
  });

  it("does not add the target's membership or join rules for a non-membership state event", () => {
    const name: EventFields = {
      ...messageBy(alice),
      type: "m.room.name",
      state_key: "",
      content: { name: "n" },
    };
    expect(selectAuthEvents(full, name, lm)).toEqual(["$create", "$pl", "$alice"]);
    const rules: EventFields = { ...name, type: "m.room.join_rules", content: { join_rule: "public" } };
    expect(selectAuthEvents(full, rules, lm)).toEqual(["$create", "$pl", "$alice"]);
  });

  it("adds the target's membership and the join rules for an invite", () => {
    expect(selectAuthEvents(full, proposed(alice, bob, "invite"), lm)).toEqual([
      "$create",
      "$pl",
      "$alice",
      "$bob",
      "$jr",
    ]);
    // a target without a membership event adds nothing for the target
    expect(selectAuthEvents(full, proposed(alice, carol, "invite"), lm)).toEqual([
      "$create",
      "$pl",
      "$alice",
      "$jr",
    ]);
  });

  it("never selects an event twice: a join's sender is its target", () => {
    expect(selectAuthEvents(full, proposed(bob, bob, "join"), lm)).toEqual(["$create", "$pl", "$bob", "$jr"]);
  });

  it("leaves out join rules the room does not have", () => {
    const noRules = stateOf(aliceJoin, powerLevels, bobInvite);
    expect(selectAuthEvents(noRules, proposed(bob, bob, "join"), lm)).toEqual(["$create", "$pl", "$bob"]);
  });

  it("does not select the join rules for a leave or a ban", () => {
    expect(selectAuthEvents(full, proposed(bob, bob, "leave"), lm)).toEqual(["$create", "$pl", "$bob"]);
    expect(selectAuthEvents(full, proposed(alice, bob, "ban"), lm)).toEqual([
      "$create",
      "$pl",
      "$alice",
      "$bob",
    ]);
  });

  it("selects the join rules for a knock only under select-join-rules-for-knock = include", () => {
    expect(selectAuthEvents(full, proposed(carol, carol, "knock"), lm)).toEqual(["$create", "$pl", "$jr"]);
    const omit = profile({ "auth.select-join-rules-for-knock": "omit" });
    expect(selectAuthEvents(full, proposed(carol, carol, "knock"), omit)).toEqual(["$create", "$pl"]);
    // the option only concerns knocks
    expect(selectAuthEvents(full, proposed(bob, bob, "join"), omit)).toEqual([
      "$create",
      "$pl",
      "$bob",
      "$jr",
    ]);
    expect(selectAuthEvents(full, proposed(alice, carol, "invite"), omit)).toEqual([
      "$create",
      "$pl",
      "$alice",
      "$jr",
    ]);
  });

  it("does not select the join rules for a membership that is not one of LM's five", () => {
    expect(selectAuthEvents(full, proposed(alice, bob, "kidnap"), lm)).toEqual([
      "$create",
      "$pl",
      "$alice",
      "$bob",
    ]);
  });

  it("selects no target member or join rules for another state event keyed by a user, whatever its content", () => {
    // Only m.room.member events have a target: a custom state event keyed by bob, even one whose
    // content says "membership: join", needs the create, power levels and sender events only.
    const status = { ...proposed(alice, bob, "join"), type: "org.example.status" };
    expect(selectAuthEvents(full, status, lm)).toEqual(["$create", "$pl", "$alice"]);
  });

  it("treats a membership event without a state key as having no target", () => {
    const { state_key: _, ...keyless } = proposed(alice, bob, "invite");
    expect(selectAuthEvents(full, keyless, lm)).toEqual(["$create", "$pl", "$alice"]);
  });
});
