import { describe, expect, it } from "vitest";
import { JoinRulesEventContent } from "../../../src/events/index.ts";
import { problems } from "../support.ts";

describe("JoinRulesEventContent", () => {
  it("takes public, knock and invite; rejects what LM leaves TODO", () => {
    for (const join_rule of ["public", "knock", "invite"])
      expect(problems(JoinRulesEventContent, { join_rule })).toEqual([]);
    expect(problems(JoinRulesEventContent, { join_rule: "restricted" })).toEqual([
      { path: ["join_rule"], message: 'Expected "public" | "knock" | "invite"' },
    ]);
    expect(problems(JoinRulesEventContent, { rule: "invite" })).toEqual([
      { path: ["join_rule"], message: "Missing key" },
    ]);
  });
});
