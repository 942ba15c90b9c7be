import { describe, expect, it } from "vitest";
import {
  CreateRoomVersion,
  LM_ROOM_VERSION,
  LM_UNSTABLE_ROOM_VERSION,
  RoomVersion,
} from "../../src/events/index.ts";
import { messages } from "./support.ts";

describe("RoomVersion", () => {
  it("accepts LM's grammatical examples and rejects its own I.1", () => {
    for (const v of ["1", "org.example.my-room-version", LM_UNSTABLE_ROOM_VERSION, "a".repeat(128)]) {
      expect(messages(RoomVersion, v), v).toEqual([]);
    }
    expect(messages(RoomVersion, LM_ROOM_VERSION)).toEqual([
      `not a valid room_version: unexpected 'I' (U+0049) at column 1 in room_version_char; expected "-" / "." / "0"-"9" / "a"-"z"`,
    ]);
    expect(messages(RoomVersion, "a".repeat(129))[0]).toMatch(
      /^not a valid room_version: unexpected 'a' \(U\+0061\) at column 129/,
    );
    expect(messages(RoomVersion, "")).toHaveLength(1);
  });

  it("the create event's room_version also admits I.1 by name", () => {
    expect(messages(CreateRoomVersion, "I.1")).toEqual([]);
    expect(messages(CreateRoomVersion, "1")).toEqual([]);
    expect(messages(CreateRoomVersion, "I.2")[0]).toMatch(/^not a valid room_version/);
    expect(messages(CreateRoomVersion, 1)).toEqual(["Expected CreateRoomVersion"]);
  });
});
