import { describe, expect, it } from "vitest";
import { parseCondition, parsePredicate, predicateText } from "../../src/models/index.ts";

describe("the condition language", () => {
  it.each([
    "sender-is-target",
    "target-level<sender-level",
    "sender-level>=ban",
    "target-membership-in:invite,join",
    "target-membership-not-in:ban",
    "join-rule-in:public,none",
  ])("parses %s and prints it back", (text) => {
    const parsed = parsePredicate(text);
    expect(parsed.ok && predicateText(parsed.predicate)).toBe(text);
  });

  it.each([
    ["sender-level>=invite,kick", /exactly one action/],
    ["sender-level>=mute", /unknown levelled action "mute"/],
    ["join-rule-in:public,public", /listed twice/],
    ["join-rule-in:", /unknown join rule ""/],
    ["sender-is-admin", /unknown predicate "sender-is-admin"/],
  ])("refuses %s", (text, message) => {
    const parsed = parsePredicate(text);
    expect(parsed.ok).toBe(false);
    if (!parsed.ok) expect(parsed.message).toMatch(message);
  });

  it("reads alternatives of conjunctions", () => {
    const parsed = parseCondition([
      "join-rule-in:public",
      "join-rule-in:invite & target-membership-in:invite",
    ]);
    expect(parsed.ok && parsed.condition.map((c) => c.length)).toEqual([1, 2]);
    const bad = parseCondition(["sender-joined & nonsense", "also-bad"]);
    expect(!bad.ok && bad.problems.map((p) => p.index)).toEqual([0, 1]);
    expect(parseCondition([]).ok).toBe(false);
  });
});
