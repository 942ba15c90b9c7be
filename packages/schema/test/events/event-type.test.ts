import { describe, expect, it } from "vitest";
import { EventType, StateKey } from "../../src/events/index.ts";
import { messages } from "./support.ts";

describe("EventType", () => {
  it("accepts protocol and reverse-DNS types, case-sensitively", () => {
    for (const t of ["m.room.member", "m.mls.commit", "org.example.App.Event", "X", "😀".repeat(255)]) {
      expect(messages(EventType, t), t).toEqual([]);
    }
  });

  it("holds m. types to the namespaced identifier grammar", () => {
    expect(messages(EventType, "m.Room")).toEqual([
      `event types starting with "m." are reserved for the protocol and follow the namespaced-id grammar (spec/grammar/events.abnf): unexpected 'R' (U+0052) at column 3 in namespaced-id-char; expected "-" / "." / "0"-"9" / "_" / "a"-"z" / end of input`,
    ]);
    expect(messages(EventType, "m.room member")).toHaveLength(1);
  });

  it("counts characters, not UTF-16 units, and rejects empty, over-long and ill-formed types", () => {
    expect(messages(EventType, "")).toEqual(["event type is 0 characters long; at least 1 is required"]);
    expect(messages(EventType, "😀".repeat(256))).toEqual([
      "event type is 256 characters long; at most 255 are allowed",
    ]);
    expect(messages(EventType, "a\uDC00")).toEqual([
      "event type holds an unpaired UTF-16 surrogate U+DC00 at index 1, which UTF-8 cannot encode",
    ]);
  });
});

describe("StateKey", () => {
  it("allows the empty key and up to 255 characters", () => {
    expect(messages(StateKey, "")).toEqual([]);
    expect(messages(StateKey, "é".repeat(255))).toEqual([]);
    expect(messages(StateKey, "é".repeat(256))).toEqual([
      "state_key is 256 characters long; at most 255 are allowed",
    ]);
    expect(messages(StateKey, 7)).toEqual(["Expected StateKey"]);
  });
});
