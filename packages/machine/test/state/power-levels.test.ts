import type { JsonObject, UserId } from "@mimi-spec/schema";
import { describe, expect, it } from "vitest";
import { type OptionValues, type Profile, profileNamed, resolveProfile } from "../../src/profile.ts";
import {
  actionLevel,
  defaultScalarLevel,
  eventLevel,
  integerOrUndefined,
  levelMap,
  type PowerLevelSource,
  scalarLevel,
  userLevel,
} from "../../src/state/power-levels.ts";
import { alice, bob, carol } from "../support.ts";

const lm = profileNamed("lm-i1");
function profile(options: Record<string, string>): Profile {
  const r = resolveProfile("lm-i1", options);
  if (!r.ok) throw new Error(r.message);
  return r.profile;
}
/** A profile missing every option value (what a caller with a partial profile would pass). */
const bare: Profile = { name: "bare", values: {} as OptionValues };

const noEvent: PowerLevelSource = { powerLevels: undefined, creator: alice };
const withLevels = (powerLevels: JsonObject): PowerLevelSource => ({ powerLevels, creator: alice });

describe("integerOrUndefined", () => {
  it("keeps safe integers, zero and negatives included", () => {
    expect(integerOrUndefined(5)).toBe(5);
    expect(integerOrUndefined(0)).toBe(0);
    expect(integerOrUndefined(-3)).toBe(-3);
    expect(integerOrUndefined(Number.MAX_SAFE_INTEGER)).toBe(Number.MAX_SAFE_INTEGER);
  });

  it("drops fractions, unsafe integers and non-numbers", () => {
    expect(integerOrUndefined(1.5)).toBeUndefined();
    expect(integerOrUndefined(2 ** 53)).toBeUndefined();
    expect(integerOrUndefined("5")).toBeUndefined();
    expect(integerOrUndefined(null)).toBeUndefined();
    expect(integerOrUndefined(true)).toBeUndefined();
    expect(integerOrUndefined(undefined)).toBeUndefined();
  });
});

describe("defaultScalarLevel", () => {
  it("uses LM's defaults and the profile's invite, kick and ban levels", () => {
    expect(defaultScalarLevel("invite", lm)).toBe(0);
    expect(defaultScalarLevel("kick", lm)).toBe(50);
    expect(defaultScalarLevel("ban", lm)).toBe(50);
    expect(defaultScalarLevel("redact", lm)).toBe(50);
    expect(defaultScalarLevel("users_default", lm)).toBe(0);
    expect(defaultScalarLevel("events_default", lm)).toBe(0);
    expect(defaultScalarLevel("state_default", lm)).toBe(50);
  });

  it("follows each of the three action options", () => {
    const p = profile({
      "mgmt.invite-level": "level-50",
      "mgmt.kick-level": "level-0",
      "mgmt.ban-level": "level-100",
    });
    expect(defaultScalarLevel("invite", p)).toBe(50);
    expect(defaultScalarLevel("kick", p)).toBe(0);
    expect(defaultScalarLevel("ban", p)).toBe(100);
    expect(defaultScalarLevel("redact", p)).toBe(50);
  });

  it("falls back to LM's default when the profile has no value for the option", () => {
    expect(defaultScalarLevel("invite", bare)).toBe(0);
    expect(defaultScalarLevel("kick", bare)).toBe(50);
    expect(defaultScalarLevel("ban", bare)).toBe(50);
  });
});

describe("scalarLevel and actionLevel", () => {
  it("read the content's integer value", () => {
    const source = withLevels({ kick: 30, ban: 0, redact: 70, invite: 5 });
    expect(scalarLevel(source, "kick", lm)).toBe(30);
    expect(scalarLevel(source, "ban", lm)).toBe(0);
    expect(actionLevel(source, "kick", lm)).toBe(30);
    expect(actionLevel(source, "redact", lm)).toBe(70);
    expect(actionLevel(source, "invite", lm)).toBe(5);
  });

  it("fall back to the default without an event, without the field, or with a non-integer", () => {
    const kick0 = profile({ "mgmt.kick-level": "level-0" });
    expect(scalarLevel(noEvent, "kick", lm)).toBe(50);
    expect(scalarLevel(noEvent, "kick", kick0)).toBe(0);
    expect(scalarLevel(withLevels({}), "kick", kick0)).toBe(0);
    expect(scalarLevel(withLevels({ kick: "30" }), "kick", lm)).toBe(50);
    expect(actionLevel(withLevels({ ban: 1.5 }), "ban", lm)).toBe(50);
  });
});

describe("userLevel", () => {
  it("gives the creator 100 and everyone else 0 while the room has no power_levels event", () => {
    expect(userLevel(noEvent, alice, lm)).toBe(100);
    expect(userLevel(noEvent, bob, lm)).toBe(0);
  });

  it("reads users[user], else users_default, once the event exists (the creator included)", () => {
    const source = withLevels({ users: { [bob]: 40 } });
    expect(userLevel(source, bob, lm)).toBe(40);
    expect(userLevel(source, alice, lm)).toBe(0);
    const withDefault = withLevels({ users: { [bob]: 40 }, users_default: 7 });
    expect(userLevel(withDefault, carol, lm)).toBe(7);
    expect(userLevel(withDefault, alice, lm)).toBe(7);
    expect(userLevel(withLevels({ users: { [bob]: 0 }, users_default: 7 }), bob, lm)).toBe(0);
  });

  it("ignores a non-integer level and a users field that is not an object", () => {
    expect(userLevel(withLevels({ users: { [bob]: "40" }, users_default: 3 }), bob, lm)).toBe(3);
    expect(userLevel(withLevels({ users: [40], users_default: 3 }), "0" as UserId, lm)).toBe(3);
    expect(userLevel(withLevels({ users_default: "x" }), bob, lm)).toBe(0);
  });
});

describe("eventLevel", () => {
  it("uses state_default for state events and events_default for others without an entry", () => {
    expect(eventLevel(noEvent, "m.room.name", true, lm)).toBe(50);
    expect(eventLevel(noEvent, "m.room.encrypted", false, lm)).toBe(0);
    const source = withLevels({ state_default: 20, events_default: 5 });
    expect(eventLevel(source, "m.room.name", true, lm)).toBe(20);
    expect(eventLevel(source, "m.room.encrypted", false, lm)).toBe(5);
  });

  it("prefers events[type], for state and message events alike", () => {
    const source = withLevels({ events: { "m.room.name": 10, "m.room.encrypted": 0 }, events_default: 5 });
    expect(eventLevel(source, "m.room.name", true, lm)).toBe(10);
    expect(eventLevel(source, "m.room.name", false, lm)).toBe(10);
    expect(eventLevel(source, "m.room.encrypted", false, lm)).toBe(0);
    expect(eventLevel(source, "m.room.topic", true, lm)).toBe(50);
  });

  it("ignores non-integer entries and an events field that is not an object", () => {
    expect(eventLevel(withLevels({ events: { "m.room.name": "10" } }), "m.room.name", true, lm)).toBe(50);
    expect(eventLevel(withLevels({ events: [7] }), "0", false, lm)).toBe(0);
    expect(eventLevel(withLevels({ events: null }), "m.room.name", true, lm)).toBe(50);
  });

  it("does not find Object's own members for types such as constructor", () => {
    expect(eventLevel(noEvent, "constructor", false, lm)).toBe(0);
    expect(eventLevel(noEvent, "toString", true, lm)).toBe(50);
    expect(eventLevel(withLevels({ events: {} }), "constructor", false, lm)).toBe(0);
  });
});

describe("levelMap", () => {
  it("returns the named map when it is an object", () => {
    expect(levelMap({ events: { a: 1 } }, "events")).toEqual({ a: 1 });
    expect(levelMap({ users: {} }, "users")).toEqual({});
  });

  it("returns undefined without content, without the field, or for a non-object", () => {
    expect(levelMap(undefined, "events")).toBeUndefined();
    expect(levelMap({}, "events")).toBeUndefined();
    expect(levelMap({ events: 5 }, "events")).toBeUndefined();
    expect(levelMap({ events: null }, "events")).toBeUndefined();
    expect(levelMap({ events: [1] }, "events")).toBeUndefined();
    expect(levelMap({ events: "x" }, "events")).toBeUndefined();
  });
});
