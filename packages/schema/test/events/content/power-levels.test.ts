import { Schema } from "effect";
import { describe, expect, it } from "vitest";
import { POWER_LEVEL_DEFAULTS, PowerLevelsEventContent } from "../../../src/events/index.ts";
import { problems } from "../support.ts";

describe("PowerLevelsEventContent", () => {
  it("accepts the empty content (all defaults) and full content", () => {
    expect(problems(PowerLevelsEventContent, {})).toEqual([]);
    const full = {
      ...POWER_LEVEL_DEFAULTS,
      events: { "m.room.name": 50, "org.example.x": 0 },
      users: { "@alice:example.org": 100 },
    };
    expect(Schema.decodeUnknownSync(PowerLevelsEventContent)(full)).toEqual(full);
  });

  it("rejects non-integer levels (LM auth rule 9.1, 9.2)", () => {
    expect(problems(PowerLevelsEventContent, { kick: "50" })).toEqual([
      { path: ["kick"], message: "Expected SafeInteger" },
    ]);
    expect(problems(PowerLevelsEventContent, { events: { "m.room.name": 1.5 } })).toEqual([
      { path: ["events", "m.room.name"], message: "1.5 is not an integer" },
    ]);
  });

  it("rejects keys that are not user IDs or event types, instead of dropping them (LM auth rule 9.3)", () => {
    expect(problems(PowerLevelsEventContent, { users: { "@alice:example.org": 100, Alice: 50 } })).toEqual([
      {
        path: ["users", "Alice"],
        message: `the key is not a valid user ID: not a valid user_id: unexpected 'A' (U+0041) at column 1 in user_id; expected "@"`,
      },
    ]);
    expect(problems(PowerLevelsEventContent, { events: { "": 5 } })).toEqual([
      {
        path: ["events", ""],
        message: "the key is not a valid event type: event type is 0 characters long; at least 1 is required",
      },
    ]);
  });
});
