import { describe, expect, it } from "vitest";
import { MembershipEventContent } from "../../../src/events/index.ts";
import { problems } from "../support.ts";

describe("MembershipEventContent", () => {
  it("takes LM's five memberships and an optional reason", () => {
    for (const membership of ["invite", "join", "leave", "ban", "knock"]) {
      expect(problems(MembershipEventContent, { membership }), membership).toEqual([]);
    }
    expect(problems(MembershipEventContent, { membership: "ban", reason: "spam", displayname: "B" })).toEqual(
      [],
    );
  });

  it("rejects POL-00's field name and wrong types", () => {
    expect(problems(MembershipEventContent, { participation: "join" })).toEqual([
      { path: ["membership"], message: "Missing key" },
    ]);
    expect(problems(MembershipEventContent, { membership: "join", reason: 1 })).toEqual([
      { path: ["reason"], message: "Expected string" },
    ]);
  });
});
