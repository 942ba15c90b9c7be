import { describe, expect, it } from "vitest";
import {
  AuthEventType,
  eventKind,
  isMessageEventType,
  isModelledEventType,
  isStateEvent,
  MESSAGE_EVENT_TYPES,
  STATE_EVENT_TYPES,
} from "../../src/events/index.ts";
import { messages } from "./support.ts";

describe("event types", () => {
  it("no modelled type is both a state and a message type", () => {
    for (const t of STATE_EVENT_TYPES) expect(isMessageEventType(t), t).toBe(false);
    for (const t of MESSAGE_EVENT_TYPES) expect(isModelledEventType(t), t).toBe(true);
    expect(isModelledEventType("org.example.x")).toBe(false);
  });

  it("auth event types are LM's four state types", () => {
    for (const t of ["m.room.create", "m.room.power_levels", "m.room.member", "m.room.join_rules"]) {
      expect(messages(AuthEventType, t)).toEqual([]);
    }
    expect(messages(AuthEventType, "m.room.encrypted")).toEqual([
      'Expected "m.room.create" | "m.room.power_levels" | "m.room.member" | "m.room.join_rules"',
    ]);
  });

  it("a state key, even empty, makes a state event", () => {
    expect(eventKind({ state_key: "" })).toBe("state");
    expect(isStateEvent({})).toBe(false);
  });
});
