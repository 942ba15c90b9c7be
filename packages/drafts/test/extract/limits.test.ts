import { describe, expect, it } from "vitest";
import { extractDraft } from "../../src/extract/extract-draft.ts";
import { positionOf } from "../support/fixtures.ts";

function limits(text: string) {
  const r = extractDraft("d.md", text);
  if (!r.ok) throw new Error(r.error.message);
  return r.extraction.limits.map((l) => ({
    value: l.value,
    unit: l.unit,
    subjects: l.subjects,
    phrase: l.phrase,
  }));
}

describe("stated limits", () => {
  it("reads the phrasings drafts use, with units", () => {
    expect(limits("A user ID is at most 255 characters.")).toEqual([
      { value: 255, unit: "characters", subjects: ["user_id"], phrase: "at most 255 characters" },
    ]);
    expect(limits("An event MUST NOT exceed 65,536 bytes.")[0]).toMatchObject({
      value: 65536,
      unit: "bytes",
      subjects: ["event"],
    });
    expect(limits("Room IDs: ≤255 code points.")[0]).toMatchObject({
      value: 255,
      unit: "characters",
      subjects: ["room_id"],
    });
    expect(limits("The state key is 255 octets or less.")[0]).toMatchObject({
      value: 255,
      unit: "bytes",
      subjects: ["state_key"],
    });
    expect(limits("The event type MUST NOT be longer than 255\ncharacters.")[0]).toMatchObject({
      value: 255,
      subjects: ["event_type"],
      phrase: "MUST NOT be longer than 255 characters",
    });
  });

  it("gives a limit every subject named before it, and 'event ID' is not 'event'", () => {
    expect(limits("Room IDs and user IDs are at most 255 characters.")[0]?.subjects).toEqual([
      "room_id",
      "user_id",
    ]);
    expect(limits("An event ID is at most 100 characters.")[0]?.subjects).toEqual(["event_id"]);
    expect(limits("A user ID, or an alias, is at most 300 characters.")[0]?.subjects).toEqual(["user_id"]);
  });

  it("gives a limit that belongs to another noun no subject, and keeps to its clause", () => {
    // "host names" is no subject the check knows; the room ID is not what is limited.
    expect(
      limits("Letters only in a room ID, and host names of at most 63 characters.")[0]?.subjects,
    ).toEqual([]);
    expect(limits("Servers accept user IDs of at most 255 characters.")[0]?.subjects).toEqual(["user_id"]);
    expect(limits("A user ID has a length of at most 255 characters.")[0]?.subjects).toEqual(["user_id"]);
    expect(limits("User IDs, room IDs, and server names are at most 255 characters.")[0]?.subjects).toEqual([
      "user_id",
      "room_id",
      "server_name",
    ]);
    expect(limits("Room IDs are opaque; at most 255 characters for user IDs.")[0]?.subjects).toEqual([
      "user_id",
    ]);
  });

  it("finds subjects whose two words are wrapped across lines", () => {
    expect(limits("Event\ntypes MUST NOT exceed 255 characters.")[0]?.subjects).toEqual(["event_type"]);
    expect(limits("A user\nID is at most 255 characters.")[0]?.subjects).toEqual(["user_id"]);
  });

  it("skips counts of things, which are no lengths, and finds a unit a few words on", () => {
    expect(limits("Retry up to 3 times.")).toEqual([]);
    expect(limits("There MUST NOT be more than 50 entries in pdus.")).toEqual([]);
    expect(limits("A room ID MUST NOT exceed 255 ASCII characters.")[0]).toMatchObject({
      value: 255,
      unit: "characters",
      subjects: ["room_id"],
    });
    expect(limits("A room ID MUST NOT exceed 255.")[0]).toMatchObject({ value: 255, subjects: ["room_id"] });
    expect(limits("A room ID MUST NOT exceed 255 in length.")[0]).toMatchObject({ value: 255 });
  });

  it("points at the limiting phrase", () => {
    const text = "# Limits\n\nServers accept user IDs of at most\n300 characters.\n";
    const r = extractDraft("d.md", text);
    const l = r.ok ? r.extraction.limits[0] : undefined;
    expect(l && { line: l.line, column: l.column }).toEqual(positionOf(text, "at most"));
    expect(l && { line: l.endLine, column: l.endColumn }).toEqual({ line: 4, column: 15 });
  });
});
