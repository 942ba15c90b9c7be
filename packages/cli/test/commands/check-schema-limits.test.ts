import { EXPECTED_LIMITS } from "@mimi-spec/drafts";
import { MAX_EVENT_BYTES, MAX_IDENTIFIER_LENGTH } from "@mimi-spec/schema";
import { describe, expect, it } from "vitest";
import { longestAccepted, schemaLimits } from "../../src/commands/check-schema-limits.ts";

describe("schemaLimits", () => {
  it("reads each limit from the schema that enforces it", () => {
    const bySubject = Object.fromEntries(schemaLimits().map((l) => [l.subject, l]));
    expect(bySubject.user_id).toMatchObject({ max: MAX_IDENTIFIER_LENGTH, unit: "characters" });
    expect(bySubject.user_id?.source).toMatch(/^the UserId schema/);
    expect(bySubject.room_id?.source).toMatch(/^the RoomId schema/);
    expect(bySubject.server_name?.source).toMatch(/^the ServerName schema/);
    expect(bySubject.event_type?.source).toMatch(/^the EventType schema/);
    expect(bySubject.state_key?.source).toMatch(/^the StateKey schema/);
    expect(bySubject.event).toMatchObject({ max: MAX_EVENT_BYTES, unit: "bytes" });
  });

  it("agrees with the drafts package's own table, so the checks agree without the CLI", () => {
    const fromSchemas = schemaLimits().map((l) => [l.subject, l.max]);
    expect(EXPECTED_LIMITS.map((l) => [l.subject, l.max])).toEqual(fromSchemas);
  });
});

describe("longestAccepted", () => {
  it("finds the longest value a check accepts", () => {
    const probe = {
      schema: "T",
      is: (s: string) => s.length <= 40,
      make: (n: number) => "x".repeat(n),
      min: 1,
    };
    expect(longestAccepted(probe)).toBe(40);
  });

  it("says nothing for a check without a length limit, or one refusing the shortest value", () => {
    expect(
      longestAccepted({ schema: "T", is: () => true, make: (n) => "x".repeat(n), min: 1 }),
    ).toBeUndefined();
    expect(
      longestAccepted({ schema: "T", is: () => false, make: (n) => "x".repeat(n), min: 1 }),
    ).toBeUndefined();
  });
});
