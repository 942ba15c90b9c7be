import { readFileSync } from "node:fs";
import { join } from "node:path";
import type { Schema } from "effect";
import { describe, expect, it } from "vitest";
import {
  AllowRuleModel,
  MembershipChangeModel,
  MembershipFile,
  RequireRuleModel,
} from "../../src/models/membership.ts";
import { decodeModel, formatProblem, ProblemSink } from "../../src/models/problems.ts";

const root = join(import.meta.dirname, "..", "..", "..", "..");

function decode<S extends Schema.Top>(schema: S, value: unknown) {
  const sink = new ProblemSink("models/membership.json");
  const decoded = decodeModel(schema, value, sink);
  return { decoded, problems: sink.problems.map(formatProblem) };
}
const problems = (schema: Schema.Top, value: unknown) => decode(schema, value).problems;
const at = (path: string, message: string) => `models/membership.json: ${path}: ${message}`;

const allow = {
  allow: "membership.join.creator-first",
  lm: "5.2.1",
  when: ["previous-is-create & target-is-creator"],
  requirements: ["SIG-POLICY-3"],
};
const require_ = {
  guard: "membership.join.self-only",
  lm: "5.2.2",
  require: ["sender-is-target"],
  requirements: ["SIG-POLICY-3"],
  reason: "{sender} cannot join for {target}",
};

describe("the shipped membership.json", () => {
  const { decoded, problems: found } = decode(
    MembershipFile,
    JSON.parse(readFileSync(join(root, "models/membership.json"), "utf8")),
  );

  it("decodes without problems", () => {
    expect(found).toEqual([]);
  });

  it("lists LM's five memberships and one ordered rule list for each (LM I.1 rule 5)", () => {
    expect(decoded?.memberships).toEqual(["leave", "invite", "join", "knock", "ban"]);
    expect(decoded?.changes.map((c) => c.membership)).toEqual(["join", "invite", "leave", "ban", "knock"]);
    const join = decoded?.changes[0]?.rules.map((r) => ("allow" in r ? `allow ${r.allow}` : r.guard));
    expect(join).toEqual([
      "allow membership.join.creator-first",
      "membership.join.self-only",
      "membership.join.not-banned",
      "membership.join.rule",
    ]);
  });
});

describe("AllowRuleModel and RequireRuleModel", () => {
  it("decode the fields they declare, the optional ones included", () => {
    expect(decode(AllowRuleModel, allow)).toEqual({ decoded: allow, problems: [] });
    expect(decode(RequireRuleModel, require_)).toEqual({ decoded: require_, problems: [] });
    const full = { ...require_, if: ["sender-joined"], enabledWhen: { "auth.kick-target": "joined-only" } };
    expect(decode(RequireRuleModel, full)).toEqual({ decoded: full, problems: [] });
    const allowWhen = { ...allow, enabledWhen: { "auth.knock-from-invite": "allow" } };
    expect(decode(AllowRuleModel, allowWhen)).toEqual({ decoded: allowWhen, problems: [] });
  });

  it("take conditions as lists of text (parsed later), an empty list included", () => {
    expect(problems(AllowRuleModel, { ...allow, when: [] })).toEqual([]);
    expect(problems(AllowRuleModel, { ...allow, when: "sender-joined" })).toEqual([
      at("$.when", "Expected array"),
    ]);
    expect(problems(RequireRuleModel, { ...require_, if: [1] })).toEqual([at("$.if[0]", "Expected string")]);
  });

  it("report bad ids, reasons and requirement lists at their paths", () => {
    expect(problems(AllowRuleModel, { ...allow, allow: "creator-first", requirements: [] })).toEqual([
      at("$.allow", "Expected a dotted guard id such as dm.no-add"),
      at("$.requirements", "Expected at least one requirement id"),
    ]);
    expect(problems(RequireRuleModel, { ...require_, guard: "x", reason: "" })).toEqual([
      at("$.guard", "Expected a dotted guard id such as dm.no-add"),
      at("$.reason", "Expected a non-empty reason"),
    ]);
    expect(
      problems(RequireRuleModel, { guard: "a.b", require: [], requirements: ["X"], reason: "r" }),
    ).toEqual([at("$.lm", "Missing key")]);
  });
});

describe("MembershipChangeModel", () => {
  it("takes allow and require rules in one list, in order", () => {
    const change = { membership: "join", lm: "5.2", rules: [allow, require_] };
    expect(decode(MembershipChangeModel, change)).toEqual({ decoded: change, problems: [] });
  });

  it("takes every LM membership, and refuses others naming them", () => {
    for (const membership of ["leave", "invite", "join", "knock", "ban"])
      expect(problems(MembershipChangeModel, { membership, lm: "5", rules: [] })).toEqual([]);
    expect(problems(MembershipChangeModel, { membership: "joined", lm: "5", rules: [] })).toEqual([
      at("$.membership", 'Expected "leave" | "invite" | "join" | "knock" | "ban"'),
    ]);
  });

  it("refuses a rule that is neither an allow rule nor a require rule", () => {
    // Both alternatives say what they miss, so the author sees either way to fix it.
    expect(problems(MembershipChangeModel, { membership: "join", lm: "5", rules: [{ lm: "x" }] })).toEqual([
      at("$.rules[0].allow", "Missing key"),
      at("$.rules[0].when", "Missing key"),
      at("$.rules[0].requirements", "Missing key"),
      at("$.rules[0].guard", "Missing key"),
      at("$.rules[0].require", "Missing key"),
      at("$.rules[0].requirements", "Missing key"),
      at("$.rules[0].reason", "Missing key"),
    ]);
  });
});

describe("MembershipFile", () => {
  it("decodes a whole file, $comment optional, and reports problems with their paths", () => {
    const file = { memberships: ["join"], changes: [{ membership: "join", lm: "5.2", rules: [require_] }] };
    expect(decode(MembershipFile, file)).toEqual({ decoded: file, problems: [] });
    expect(problems(MembershipFile, { $comment: "c", ...file })).toEqual([]);
    expect(problems(MembershipFile, { memberships: ["joined"], changes: [] })).toEqual([
      at("$.memberships[0]", 'Expected "leave" | "invite" | "join" | "knock" | "ban"'),
    ]);
  });
});
