import { Result, Schema } from "effect";
import { describe, expect, it } from "vitest";
import {
  byGrammarRule,
  bySchema,
  CHECK_KINDS,
  notChecked,
  plannedGuard,
  plannedInvariant,
  plannedSchema,
  RequirementCheck,
} from "../../src/requirements/check.ts";

const decode = Schema.decodeUnknownResult(RequirementCheck);
const accepts = (value: unknown): boolean => Result.isSuccess(decode(value));

describe("RequirementCheck", () => {
  it("accepts what every constructor builds, unchanged", () => {
    const built = [
      bySchema("UserId"),
      byGrammarRule("spec/grammar/identifiers.abnf", "room_id"),
      notChecked("a definition"),
      plannedGuard("dm.no-add", "no machine yet"),
      plannedInvariant("history.linear", "no machine yet"),
      plannedSchema("LimitedEvent", "no event schemas yet"),
    ];
    for (const check of built) {
      expect(decode(check)).toEqual(Result.succeed(check));
      expect(CHECK_KINDS).toContain(check.kind);
    }
  });

  it("accepts enforced guard and invariant checks", () => {
    expect(accepts({ kind: "guard", name: "dm.no-add" })).toBe(true);
    expect(accepts({ kind: "invariant", name: "history.create-first" })).toBe(true);
  });

  it.each([
    ["a none check without why", { kind: "none" }],
    ["a none check with a blank why", { kind: "none", why: "   " }],
    ["a planned check without why", { kind: "planned", by: "guard", name: "dm.no-add" }],
    ["a planned check by an unknown enforcer", { kind: "planned", by: "test", name: "dm.no-add", why: "x" }],
    ["a planned guard with a schema-style name", { kind: "planned", by: "guard", name: "DmNoAdd", why: "x" }],
    [
      "a planned schema with a guard-style name",
      { kind: "planned", by: "schema", name: "dm.no-add", why: "x" },
    ],
    ["a guard id with one segment", { kind: "guard", name: "dm" }],
    ["a guard id with upper case", { kind: "guard", name: "dm.No-add" }],
    ["a schema name in camel case", { kind: "schema", name: "userId" }],
    ["a grammar file outside spec/grammar", { kind: "grammar-rule", file: "grammar/a.abnf", rule: "a" }],
    ["a grammar file that is not .abnf", { kind: "grammar-rule", file: "spec/grammar/a.txt", rule: "a" }],
    [
      "a grammar rule starting with a digit",
      { kind: "grammar-rule", file: "spec/grammar/a.abnf", rule: "1a" },
    ],
    ["a non-object", "none"],
  ])("rejects %s", (_label, value) => {
    expect(accepts(value)).toBe(false);
  });
});
