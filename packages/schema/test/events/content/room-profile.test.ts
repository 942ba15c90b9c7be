import { describe, expect, it } from "vitest";
import { AvatarEventContent, NameEventContent, TopicEventContent } from "../../../src/events/index.ts";
import { problems } from "../support.ts";

describe("name, topic and avatar content", () => {
  it("every field is optional (redaction removes it), but must be a string when present", () => {
    for (const [schema, key] of [
      [NameEventContent, "name"],
      [TopicEventContent, "topic"],
      [AvatarEventContent, "url"],
    ] as const) {
      expect(problems(schema, {})).toEqual([]);
      expect(problems(schema, { [key]: "x" })).toEqual([]);
      expect(problems(schema, { [key]: 5 })).toEqual([{ path: [key], message: "Expected string" }]);
    }
  });
});
