import { Result, Schema } from "effect";
import { describe, expect, it } from "vitest";
import { ProfileOption } from "../../src/requirements/profile-option.ts";

const decode = Schema.decodeUnknownResult(ProfileOption);
const accepts = (value: unknown): boolean => Result.isSuccess(decode(value));

const option = {
  name: "auth.knock-from-invite",
  choices: [
    { value: "allow", summary: "Allowed.", sources: ["LM", "EIGEN-SERVER"] },
    { value: "reject", summary: "Rejected.", sources: ["MX-V11"] },
  ],
  default: "allow",
  defaultBasis: "lm-text",
  rationale: "LM text.",
} as const;

describe("ProfileOption", () => {
  it("decodes a well-formed option unchanged", () => {
    expect(decode(option)).toEqual(Result.succeed(option));
  });

  it.each([
    ["a name without a dot", { name: "knock" }],
    ["a name in camel case", { name: "auth.knockFromInvite" }],
    ["a single choice", { choices: [option.choices[0]] }],
    ["no choices", { choices: [] }],
    [
      "a choice value with spaces",
      { choices: [{ ...option.choices[0], value: "al low" }, option.choices[1]] },
    ],
    [
      "a choice citing an unknown source",
      { choices: [{ ...option.choices[0], sources: ["IETF"] }, option.choices[1]] },
    ],
    ["an unknown default basis", { defaultBasis: "vibes" }],
    ["a blank rationale", { rationale: " " }],
  ])("rejects %s", (_label, patch) => {
    expect(accepts({ ...option, ...patch })).toBe(false);
  });

  it("leaves 'default is one of the choices' to validateRegistry (a cross-field rule)", () => {
    expect(accepts({ ...option, default: "maybe" })).toBe(true);
  });
});
