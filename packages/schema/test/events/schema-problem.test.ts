import { describe, expect, it } from "vitest";
import { schemaProblem } from "../../src/events/schema-problem.ts";
import { UserId } from "../../src/identifiers/user-id.ts";

describe("schemaProblem", () => {
  it("quotes a schema's verdict, or says nothing for valid input", () => {
    expect(schemaProblem(UserId, "@a:x")).toBeUndefined();
    expect(schemaProblem(UserId, 5)).toBe("Expected UserId");
  });
});
