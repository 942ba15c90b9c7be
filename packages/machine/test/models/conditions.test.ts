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

  it("parses every simple predicate by name", () => {
    for (const kind of [
      "sender-is-target",
      "target-is-creator",
      "previous-is-create",
      "sender-joined",
      "target-has-membership",
    ])
      expect(parsePredicate(kind)).toEqual({ ok: true, predicate: { kind } });
  });

  it("trims the items of a list, so `invite, join` reads as two memberships", () => {
    expect(parsePredicate("target-membership-in: invite , join")).toEqual({
      ok: true,
      predicate: { kind: "target-membership-in", values: ["invite", "join"] },
    });
    expect(parsePredicate("sender-level>= ban")).toEqual({
      ok: true,
      predicate: { kind: "sender-level-at-least", action: "ban" },
    });
  });

  it("names every unknown list item and the allowed ones", () => {
    expect(parsePredicate("target-membership-not-in:joined,ban,left")).toEqual({
      ok: false,
      message: 'unknown membership "joined", "left"; use leave, invite, join, knock, ban',
    });
    expect(parsePredicate("join-rule-in:private")).toEqual({
      ok: false,
      message: 'unknown join rule "private"; use public, invite, knock, none',
    });
    expect(parsePredicate("sender-level>=mute")).toEqual({
      ok: false,
      message: 'unknown levelled action "mute"; use invite, kick, ban, redact',
    });
  });

  it("names the whole vocabulary for an unknown predicate", () => {
    expect(parsePredicate("sender-is-admin")).toEqual({
      ok: false,
      message:
        'unknown predicate "sender-is-admin"; use sender-is-target, target-is-creator, previous-is-create, sender-joined, target-has-membership, target-level<sender-level, sender-level>=ACTION, target-membership-in:LIST, target-membership-not-in:LIST or join-rule-in:LIST',
    });
  });

  it("says why a condition with no alternatives is refused", () => {
    expect(parseCondition([])).toEqual({
      ok: false,
      problems: [{ index: 0, message: "a condition needs at least one alternative" }],
    });
  });
});
