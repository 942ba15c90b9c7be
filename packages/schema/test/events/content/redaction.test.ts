import { describe, expect, it } from "vitest";
import { RedactionEventContent } from "../../../src/events/index.ts";
import { problems } from "../support.ts";

describe("RedactionEventContent", () => {
  it("names the target by a strict event ID", () => {
    expect(
      problems(RedactionEventContent, {
        redacts: "$nKHVqt3iyLA_HEE8lT1yUaaVjjBRR-fAqpN4t7opadc",
        reason: "x",
      }),
    ).toEqual([]);
    expect(
      problems(RedactionEventContent, { redactedEventId: "$nKHVqt3iyLA_HEE8lT1yUaaVjjBRR-fAqpN4t7opadc" }),
    ).toEqual([{ path: ["redacts"], message: "Missing key" }]);
    expect(problems(RedactionEventContent, { redacts: "$first" })[0]?.path).toEqual(["redacts"]);
  });
});
