import { describe, expect, it } from "vitest";
import { ReferenceGrammar, referenceKey } from "../../src/check/reference-grammar.ts";
import { projectReference } from "../support/reference.ts";

describe("ReferenceGrammar", () => {
  it("matches draft rule names to reference rules, `_` and `-` alike, any case", () => {
    const reference = projectReference();
    expect(referenceKey("User_ID")).toBe("user-id");
    expect(reference.counterpart("user-id")?.name).toBe("user_id");
    expect(reference.counterpart("ROOM_ID")?.name).toBe("room_id");
    expect(reference.counterpart("sha256-event-id")?.name).toBe("sha256-event-id");
    expect(reference.counterpart("nickname")).toBeUndefined();
    expect(reference.counterpart("DIGIT")).toBeUndefined(); // core rules are not the reference's own
  });

  it("prefers the exact spelling when the reference has both", () => {
    const reference = new ReferenceGrammar([{ name: "r.abnf", text: 'a-b = "1"\na_b = "2"\n' }]);
    expect(reference.counterpart("a_b")?.name).toBe("a_b");
    expect(reference.counterpart("A-B")?.name).toBe("a-b");
    expect(new ReferenceGrammar([{ name: "r.abnf", text: 'a_b = "2"\n' }]).counterpart("A-B")?.name).toBe(
      "a_b",
    );
  });

  it("cites where a reference rule is defined", () => {
    const reference = projectReference();
    const rule = reference.counterpart("user_id");
    expect(rule && reference.where(rule)).toMatch(/^spec\/grammar\/identifiers\.abnf:\d+$/);
  });

  it("reports errors in the reference texts", () => {
    expect(new ReferenceGrammar([{ name: "bad.abnf", text: 'a = ( "x"\n' }]).errors[0]).toMatch(
      /^bad\.abnf:1:\d+: /,
    );
    expect(projectReference().errors).toEqual([]);
  });
});
