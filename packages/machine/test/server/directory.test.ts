import type { RoomId, UserId } from "@mimi-spec/schema";
import { describe, expect, it } from "vitest";
import {
  type DirectoryEntry,
  directoryKey,
  emptyDirectory,
  roomsWithMembers,
  withDirectoryEntry,
} from "../../src/server/directory.ts";
import { alice, bob, carol, room } from "../support.ts";

const r1 = room("one");
const r2 = room("two");
const entry = (members: UserId[], chatType: DirectoryEntry["chatType"] = "group-dm", reduced = false) => ({
  chatType,
  members,
  reduced,
});

describe("emptyDirectory", () => {
  it("knows no room and no key", () => {
    const directory = emptyDirectory();
    expect(directory.entries.size).toBe(0);
    expect(directory.byKey.size).toBe(0);
    expect(roomsWithMembers(directory, "dm", [alice, bob])).toEqual([]);
  });
});

describe("directoryKey", () => {
  it("is the chat type and the sorted member set", () => {
    expect(directoryKey("dm", [bob, alice])).toBe("dm|@alice:a.example @bob:b.example");
    expect(directoryKey("group-dm", [carol, alice, bob])).toBe(
      "group-dm|@alice:a.example @bob:b.example @carol:c.example",
    );
    expect(directoryKey("dm", [])).toBe("dm|");
  });

  it("does not reorder the caller's array", () => {
    const members = [bob, alice];
    directoryKey("dm", members);
    expect(members).toEqual([bob, alice]);
  });

  it("tells chat types and member sets apart", () => {
    expect(directoryKey("dm", [alice, bob])).not.toBe(directoryKey("group-dm", [alice, bob]));
    expect(directoryKey("dm", [alice, bob])).not.toBe(directoryKey("dm", [alice, carol]));
  });
});

describe("withDirectoryEntry and roomsWithMembers", () => {
  it("record a room under its chat type and member set, in any order", () => {
    const e = entry([alice, bob], "dm");
    const directory = withDirectoryEntry(emptyDirectory(), r1, e);
    expect(directory.entries.get(r1)).toBe(e);
    expect([...directory.byKey]).toEqual([["dm|@alice:a.example @bob:b.example", [r1]]]);
    expect(roomsWithMembers(directory, "dm", [bob, alice])).toEqual([r1]);
    expect(roomsWithMembers(directory, "group-dm", [alice, bob])).toEqual([]);
    expect(roomsWithMembers(directory, "dm", [alice])).toEqual([]);
    expect(roomsWithMembers(directory, "dm", [alice, bob, carol])).toEqual([]);
  });

  it("keep every room of one member set, in the order they were recorded", () => {
    const members = [alice, bob, carol];
    const directory = withDirectoryEntry(
      withDirectoryEntry(emptyDirectory(), r1, entry(members)),
      r2,
      entry(members),
    );
    expect(roomsWithMembers(directory, "group-dm", members)).toEqual([r1, r2]);
    expect(directory.entries.size).toBe(2);
  });

  it("move a room to its new member set when a member leaves, dropping the emptied key", () => {
    const before = withDirectoryEntry(emptyDirectory(), r1, entry([alice, bob, carol]));
    const after = withDirectoryEntry(before, r1, entry([alice, bob], "group-dm", true));
    expect(roomsWithMembers(after, "group-dm", [alice, bob, carol])).toEqual([]);
    expect(roomsWithMembers(after, "group-dm", [alice, bob])).toEqual([r1]);
    expect([...after.byKey.keys()]).toEqual(["group-dm|@alice:a.example @bob:b.example"]);
    expect(after.entries.get(r1)).toEqual({ chatType: "group-dm", members: [alice, bob], reduced: true });
    expect(after.entries.size).toBe(1);
  });

  it("keep the other rooms of the old member set when one room moves", () => {
    const members = [alice, bob, carol];
    const both = withDirectoryEntry(
      withDirectoryEntry(emptyDirectory(), r1, entry(members)),
      r2,
      entry(members),
    );
    const moved = withDirectoryEntry(both, r1, entry([alice, bob], "group-dm", true));
    expect(roomsWithMembers(moved, "group-dm", members)).toEqual([r2]);
    expect(roomsWithMembers(moved, "group-dm", [alice, bob])).toEqual([r1]);
  });

  it("record a room again under the same key only once", () => {
    const e = entry([alice, bob], "dm");
    const twice = withDirectoryEntry(withDirectoryEntry(emptyDirectory(), r1, e), r1, e);
    expect(roomsWithMembers(twice, "dm", [alice, bob])).toEqual([r1]);
  });

  it("leave the directory they started from unchanged", () => {
    const before = withDirectoryEntry(emptyDirectory(), r1, entry([alice, bob, carol]));
    withDirectoryEntry(before, r1, entry([alice, bob], "group-dm", true));
    withDirectoryEntry(before, r2, entry([alice, bob, carol]));
    expect(roomsWithMembers(before, "group-dm", [alice, bob, carol])).toEqual([r1]);
    expect(roomsWithMembers(before, "group-dm", [alice, bob])).toEqual([]);
    expect(before.entries.size).toBe(1);
    expect(before.entries.has("!two:a.example" as RoomId)).toBe(false);
  });
});

describe("withDirectoryEntry on a directory whose index lacks the room's old key", () => {
  it("records the room under its new key and invents no entry for the old one", () => {
    // A directory built by hand, out of step with itself: r1 has an entry but no index key.
    const inconsistent = { entries: new Map([[r1, entry([alice, bob, carol])]]), byKey: new Map() };
    const after = withDirectoryEntry(inconsistent, r1, entry([alice, bob], "group-dm", true));
    expect([...after.byKey]).toEqual([["group-dm|@alice:a.example @bob:b.example", [r1]]]);
    expect(roomsWithMembers(after, "group-dm", [alice, bob, carol])).toEqual([]);
  });
});
