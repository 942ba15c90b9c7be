import type { JsonObject, UserId } from "@mimi-spec/schema";
import { describe, expect, it } from "vitest";
import type { FullEvent } from "../../src/event.ts";
import type { GuardId } from "../../src/generated/guards.ts";
import type { CheckContext } from "../../src/policy/guard.ts";
import { checkPowerLevels, powerLevelsContentProblem } from "../../src/policy/power-levels.ts";
import { type Profile, profileNamed, resolveProfile } from "../../src/profile.ts";
import { applyEvent, initialState, type RoomState } from "../../src/state/room-state.ts";
import { alice, bob, carol, dave, room } from "../support.ts";

const lm = profileNamed("lm-i1");
function profile(options: Record<string, string>): Profile {
  const r = resolveProfile("lm-i1", options);
  if (!r.ok) throw new Error(r.message);
  return r.profile;
}

const roomId = room("r");
const create: FullEvent = {
  room_id: roomId,
  type: "m.room.create",
  state_key: "",
  sender: alice,
  content: {},
  origin_server_ts: 1,
  event_id: "$create",
  auth_events: [],
  prev_events: [],
  signedBy: [],
};
const powerLevelsEvent = (sender: UserId, content: JsonObject, id = "$new"): FullEvent => ({
  ...create,
  type: "m.room.power_levels",
  sender,
  content,
  event_id: id,
});
/** A room whose current power levels are `content` (or that has none). */
const roomWith = (content?: JsonObject): RoomState =>
  content === undefined
    ? initialState(create)
    : applyEvent(initialState(create), powerLevelsEvent(alice, content, "$pl"));

/** checkPowerLevels, with every guard evaluation recorded. */
function run(state: RoomState, sender: UserId, content: JsonObject, p: Profile = lm) {
  const seen: Array<[GuardId, string]> = [];
  const ctx: CheckContext = { profile: p, observe: (guard, outcome) => seen.push([guard, outcome]) };
  return { verdict: checkPowerLevels(ctx, state, powerLevelsEvent(sender, content)), seen };
}
const invalid = (detail: string) => ({
  accepted: false,
  guard: "power-levels.valid-content",
  requirements: ["SIG-POLICY-3"],
  reason: `the power levels content is invalid: ${detail}`,
});
const forbidden = (sender: UserId, level: number, detail: string) => ({
  accepted: false,
  guard: "power-levels.change",
  requirements: ["OQ-AUTH-2", "OQ-AUTH-12", "OQ-AUTH-14"],
  reason: `${sender} (power level ${level}) cannot make this change: ${detail}`,
});

describe("powerLevelsContentProblem (LM rules 9.1-9.3)", () => {
  it("accepts empty and well-formed content", () => {
    expect(powerLevelsContentProblem({}, false)).toBeUndefined();
    expect(
      powerLevelsContentProblem(
        {
          users_default: 0,
          events_default: 0,
          state_default: 50,
          ban: 50,
          redact: 50,
          kick: 50,
          invite: 0,
          events: { "m.room.name": 50 },
          users: { [alice]: 100, [bob]: -1 },
          notifications: { room: 50 },
        },
        true,
      ),
    ).toBeUndefined();
  });

  it("names each scalar field that is not an integer, in LM's field order", () => {
    for (const field of [
      "users_default",
      "events_default",
      "state_default",
      "ban",
      "redact",
      "kick",
      "invite",
    ])
      expect(powerLevelsContentProblem({ [field]: "50" }, false)).toBe(
        `${field} must be an integer, got "50"`,
      );
    expect(powerLevelsContentProblem({ kick: 1.5, ban: "x" }, false)).toBe('ban must be an integer, got "x"');
    expect(powerLevelsContentProblem({ ban: null }, false)).toBe("ban must be an integer, got null");
  });

  it("requires events and users to be objects", () => {
    expect(powerLevelsContentProblem({ events: "x" }, false)).toBe("events must be an object");
    expect(powerLevelsContentProblem({ events: null }, false)).toBe("events must be an object");
    expect(powerLevelsContentProblem({ users: [] }, false)).toBe("users must be an object");
    expect(powerLevelsContentProblem({ users: 5 }, false)).toBe("users must be an object");
  });

  it("requires integer levels in the maps, checking events before users", () => {
    expect(powerLevelsContentProblem({ events: { "m.room.name": "50" } }, false)).toBe(
      'events["m.room.name"] must be an integer, got "50"',
    );
    expect(powerLevelsContentProblem({ users: { [bob]: 2.5 } }, false)).toBe(
      'users["@bob:b.example"] must be an integer, got 2.5',
    );
    expect(powerLevelsContentProblem({ events: { e: {} }, users: { [bob]: "x" } }, false)).toBe(
      'events["e"] must be an integer, got {}',
    );
  });

  it("requires users keys to be user IDs, but not events keys", () => {
    expect(powerLevelsContentProblem({ users: { bob: 50 } }, false)).toBe(
      'users key "bob" is not a valid user ID',
    );
    expect(powerLevelsContentProblem({ users: { [bob]: 50, "not a user": 1 } }, false)).toBe(
      'users key "not a user" is not a valid user ID',
    );
    expect(powerLevelsContentProblem({ events: { "not a user": 1 } }, false)).toBeUndefined();
    // an integer check comes first for a key that is both
    expect(powerLevelsContentProblem({ users: { bob: "x" } }, false)).toBe(
      'users["bob"] must be an integer, got "x"',
    );
  });

  it("checks notifications only when asked to", () => {
    expect(powerLevelsContentProblem({ notifications: { room: "x" } }, false)).toBeUndefined();
    expect(powerLevelsContentProblem({ notifications: 5 }, false)).toBeUndefined();
    expect(powerLevelsContentProblem({ notifications: { room: "x" } }, true)).toBe(
      'notifications["room"] must be an integer, got "x"',
    );
    expect(powerLevelsContentProblem({ notifications: 5 }, true)).toBe("notifications must be an object");
  });

  it("still checks events and users when it checks notifications too", () => {
    expect(powerLevelsContentProblem({ events: "x" }, true)).toBe("events must be an object");
    expect(powerLevelsContentProblem({ users: 5 }, true)).toBe("users must be an object");
    expect(powerLevelsContentProblem({ users: { bob: 1 } }, true)).toBe(
      'users key "bob" is not a valid user ID',
    );
  });
});

describe("checkPowerLevels: content (rule 9.1-9.3)", () => {
  it("refuses invalid content, even as the first power_levels event", () => {
    const { verdict, seen } = run(roomWith(), alice, { ban: "x" });
    expect(verdict).toEqual(invalid('ban must be an integer, got "x"'));
    expect(seen).toEqual([["power-levels.valid-content", "reject"]]);
  });

  it("checks notifications under auth.power-levels-notifications = checked only", () => {
    const content = { notifications: { room: "x" } };
    expect(run(roomWith(), alice, content).verdict).toBeUndefined();
    expect(
      run(roomWith(), alice, content, profile({ "auth.power-levels-notifications": "checked" })).verdict,
    ).toEqual(invalid('notifications["room"] must be an integer, got "x"'));
  });
});

describe("checkPowerLevels: the first power_levels event (rule 9.4)", () => {
  it("allows any valid content when the room has none yet, and evaluates no change guard", () => {
    const { verdict, seen } = run(roomWith(), bob, { users: { [bob]: 100 }, kick: 100 });
    expect(verdict).toBeUndefined();
    expect(seen).toEqual([["power-levels.valid-content", "pass"]]);
  });
});

describe("checkPowerLevels: changes (rules 9.5-9.9)", () => {
  /** alice 100, bob 50, carol 50, dave 20; kick 50, ban absent (default 50). */
  const previous = {
    users: { [alice]: 100, [bob]: 50, [carol]: 50, [dave]: 20 },
    kick: 50,
    state_default: 50,
  };
  const state = roomWith(previous);
  const change = (extra: JsonObject) => ({ ...previous, ...extra });

  it("accepts a change within the sender's level and reports both guards passing", () => {
    const { verdict, seen } = run(state, bob, change({ kick: 40 }));
    expect(verdict).toBeUndefined();
    expect(seen).toEqual([
      ["power-levels.valid-content", "pass"],
      ["power-levels.change", "pass"],
    ]);
  });

  it("accepts re-sending the same content, whatever the sender's level", () => {
    expect(run(state, dave, previous).verdict).toBeUndefined();
  });

  it("lets a scalar be set up to and including the sender's level, not above", () => {
    expect(run(state, bob, change({ redact: 50 })).verdict).toBeUndefined();
    expect(run(state, bob, change({ redact: 51 })).verdict).toEqual(
      forbidden(bob, 50, "redact would become 51, above their level"),
    );
  });

  it("compares an absent scalar as its default under power-levels-absent-scalar = default-level (the default)", () => {
    // dave (20) may send power_levels here; ban is absent (default 50), redact present at 60
    const low = roomWith({ ...previous, events: { "m.room.power_levels": 20 }, redact: 60 });
    const pl = (extra: JsonObject) => ({
      ...previous,
      events: { "m.room.power_levels": 20 },
      redact: 60,
      ...extra,
    });
    expect(run(low, dave, pl({ ban: 20 })).verdict).toEqual(
      forbidden(dave, 20, "ban is 50, above their level"),
    );
    // adding a field at or below the sender whose default is not above them is fine
    expect(run(low, dave, pl({ invite: 20 })).verdict).toBeUndefined();
    // removing a present field compares the default it falls back to
    const lowInvite = roomWith({ ...previous, events: { "m.room.power_levels": 20 }, invite: 10 });
    const { invite: _invite, ...withoutInvite } = {
      ...previous,
      events: { "m.room.power_levels": 20 },
      invite: 10,
    };
    expect(run(lowInvite, dave, withoutInvite).verdict).toBeUndefined();
    const lowBan = roomWith({ ...previous, events: { "m.room.power_levels": 20 }, ban: 10 });
    const { ban: _ban, ...withoutBan } = { ...previous, events: { "m.room.power_levels": 20 }, ban: 10 };
    expect(run(lowBan, dave, withoutBan).verdict).toEqual(
      forbidden(dave, 20, "ban would become 50, above their level"),
    );
  });

  it("compares only present scalars under power-levels-absent-scalar = present-only (as Synapse)", () => {
    const presentOnly = profile({ "auth.power-levels-absent-scalar": "present-only" });
    const base = { ...previous, events: { "m.room.power_levels": 20 } };
    const low = roomWith(base);
    // adding ban at the sender's level: nothing to compare on the absent side
    expect(run(low, dave, { ...base, ban: 20 }, presentOnly).verdict).toBeUndefined();
    // the new value is still compared when present
    expect(run(low, dave, { ...base, ban: 21 }, presentOnly).verdict).toEqual(
      forbidden(dave, 20, "ban would become 21, above their level"),
    );
    // removing a field compares only its old value
    const lowBan = roomWith({ ...base, ban: 10 });
    expect(run(lowBan, dave, base, presentOnly).verdict).toBeUndefined();
    const highBan = roomWith({ ...base, ban: 30 });
    expect(run(highBan, dave, base, presentOnly).verdict).toEqual(
      forbidden(dave, 20, "ban is 30, above their level"),
    );
    // the matrix-v11 profile reads it this way
    expect(profileNamed("matrix-v11").values["auth.power-levels-absent-scalar"]).toBe("present-only");
    expect(lm.values["auth.power-levels-absent-scalar"]).toBe("default-level");
  });

  it("refuses to change a scalar that is above the sender's level, and allows it at their level", () => {
    const high = roomWith({ ...previous, state_default: 60 });
    expect(run(high, bob, { ...previous, state_default: 40 }).verdict).toEqual(
      forbidden(bob, 50, "state_default is 60, above their level"),
    );
    expect(run(state, bob, change({ state_default: 10 })).verdict).toBeUndefined();
  });

  it("compares a missing scalar as its default, which the profile may set", () => {
    // ban is absent before: its default 50 is above dave's 20
    expect(run(state, dave, change({ ban: 10 })).verdict).toEqual(
      forbidden(dave, 20, "ban is 50, above their level"),
    );
    expect(
      run(state, dave, change({ ban: 10 }), profile({ "mgmt.ban-level": "level-0" })).verdict,
    ).toBeUndefined();
    // removing kick (10 → default 50) raises it above dave's level
    const low = roomWith({ ...previous, kick: 10 });
    const { kick: _, ...withoutKick } = previous;
    expect(run(low, dave, withoutKick).verdict).toEqual(
      forbidden(dave, 20, "kick would become 50, above their level"),
    );
    expect(run(low, dave, withoutKick, profile({ "mgmt.kick-level": "level-0" })).verdict).toBeUndefined();
  });

  it("applies the same bounds to events entries, added, changed or removed", () => {
    const withEvents = roomWith({ ...previous, events: { "m.room.name": 60, "m.room.topic": 30 } });
    const events = (e: JsonObject) => ({ ...previous, events: e });
    expect(run(withEvents, bob, events({ "m.room.name": 60, "m.room.topic": 50 })).verdict).toBeUndefined();
    expect(run(withEvents, bob, events({ "m.room.name": 60, "m.room.topic": 51 })).verdict).toEqual(
      forbidden(bob, 50, "events[m.room.topic] would become 51, above their level"),
    );
    expect(run(withEvents, bob, events({ "m.room.name": 40, "m.room.topic": 30 })).verdict).toEqual(
      forbidden(bob, 50, "events[m.room.name] is 60, above their level"),
    );
    expect(run(withEvents, bob, events({ "m.room.topic": 30 })).verdict).toEqual(
      forbidden(bob, 50, "events[m.room.name] is 60, above their level"),
    );
    // an entry at exactly the sender's level may be lowered or removed
    const atLevel = roomWith({ ...previous, events: { "m.room.topic": 50 } });
    expect(run(atLevel, bob, events({ "m.room.topic": 0 })).verdict).toBeUndefined();
    expect(run(atLevel, bob, events({})).verdict).toBeUndefined();
    expect(run(state, bob, events({ "m.room.encrypted": 50 })).verdict).toBeUndefined();
    expect(run(state, bob, events({ "m.room.encrypted": 70 })).verdict).toEqual(
      forbidden(bob, 50, "events[m.room.encrypted] would become 70, above their level"),
    );
  });

  it("compares notifications only under auth.power-levels-notifications = checked", () => {
    const withNotifications = roomWith({ ...previous, notifications: { room: 60 } });
    const lowered = { ...previous, notifications: { room: 40 } };
    expect(run(withNotifications, bob, lowered).verdict).toBeUndefined();
    const checked = profile({ "auth.power-levels-notifications": "checked" });
    expect(run(withNotifications, bob, lowered, checked).verdict).toEqual(
      forbidden(bob, 50, "notifications[room] is 60, above their level"),
    );
    expect(run(state, bob, { ...previous, notifications: { room: 51 } }, checked).verdict).toEqual(
      forbidden(bob, 50, "notifications[room] would become 51, above their level"),
    );
    expect(run(state, bob, { ...previous, notifications: { room: 50 } }, checked).verdict).toBeUndefined();
    const atLevel = roomWith({ ...previous, notifications: { room: 50 } });
    expect(run(atLevel, bob, { ...previous, notifications: { room: 0 } }, checked).verdict).toBeUndefined();
  });

  it("still compares events entries when it compares notifications too", () => {
    const checked = profile({ "auth.power-levels-notifications": "checked" });
    expect(run(state, bob, { ...previous, events: { "m.room.name": 70 } }, checked).verdict).toEqual(
      forbidden(bob, 50, "events[m.room.name] would become 70, above their level"),
    );
  });

  it("refuses to demote an equal-level user under demote-equal-power-level = reject (the default)", () => {
    const users = (u: JsonObject) => ({ ...previous, users: u });
    const demoteCarol = users({ [alice]: 100, [bob]: 50, [carol]: 0, [dave]: 20 });
    expect(run(state, bob, demoteCarol).verdict).toEqual(
      forbidden(bob, 50, "@carol:c.example has level 50, not below theirs"),
    );
    // removing carol's entry is a demotion too
    expect(run(state, bob, users({ [alice]: 100, [bob]: 50, [dave]: 20 })).verdict).toEqual(
      forbidden(bob, 50, "@carol:c.example has level 50, not below theirs"),
    );
    // a lower user may be demoted
    expect(
      run(state, bob, users({ [alice]: 100, [bob]: 50, [carol]: 50, [dave]: 0 })).verdict,
    ).toBeUndefined();
  });

  it("allows demoting an equal-level user under demote-equal-power-level = allow, not a higher one", () => {
    const allow = profile({ "auth.demote-equal-power-level": "allow" });
    const users = (u: JsonObject) => ({ ...previous, users: u });
    expect(
      run(state, bob, users({ [alice]: 100, [bob]: 50, [carol]: 0, [dave]: 20 }), allow).verdict,
    ).toBeUndefined();
    expect(run(state, bob, users({ [alice]: 0, [bob]: 50, [carol]: 50, [dave]: 20 }), allow).verdict).toEqual(
      forbidden(bob, 50, "@alice:a.example has level 100, above theirs"),
    );
  });

  it("lets senders demote themselves, even under the strict reading", () => {
    expect(
      run(state, bob, { ...previous, users: { [alice]: 100, [bob]: 0, [carol]: 50, [dave]: 20 } }).verdict,
    ).toBe(undefined);
  });

  it("lets a user be raised up to the sender's level, not above (themselves included)", () => {
    const users = (u: JsonObject) => ({ ...previous, users: { ...previous.users, ...u } });
    expect(run(state, bob, users({ [dave]: 50 })).verdict).toBeUndefined();
    expect(run(state, bob, users({ [dave]: 51 })).verdict).toEqual(
      forbidden(bob, 50, "@dave:d.example would get level 51, above their level"),
    );
    expect(run(state, bob, users({ "@erin:e.example": 60 })).verdict).toEqual(
      forbidden(bob, 50, "@erin:e.example would get level 60, above their level"),
    );
    expect(run(state, bob, users({ [bob]: 51 })).verdict).toEqual(
      forbidden(bob, 50, "@bob:b.example would get level 51, above their level"),
    );
  });

  it("reports scalar problems before map problems and map problems before user problems", () => {
    const all = { ...previous, redact: 99, events: { x: 99 }, users: { ...previous.users, [dave]: 99 } };
    expect(run(state, bob, all).verdict).toEqual(
      forbidden(bob, 50, "redact would become 99, above their level"),
    );
    const { redact: _, ...mapsAndUsers } = all;
    expect(run(state, bob, mapsAndUsers).verdict).toEqual(
      forbidden(bob, 50, "events[x] would become 99, above their level"),
    );
  });

  it("uses the sender's level from the current power levels (users_default for an unlisted sender)", () => {
    const withDefault = roomWith({ ...previous, users_default: 30 });
    const erin = "@erin:e.example" as UserId;
    expect(run(withDefault, erin, { ...previous, users_default: 30, kick: 30 }).verdict).toEqual(
      forbidden(erin, 30, "kick is 50, above their level"),
    );
  });
});
