import { describe, expect, it } from "vitest";
import type { GuardId } from "../../src/generated/guards.ts";
import {
  ACCEPTED,
  type CheckContext,
  check,
  guardEnabled,
  rejection,
  renderReason,
} from "../../src/policy/guard.ts";
import { type Profile, profileNamed, resolveProfile } from "../../src/profile.ts";

const lm = profileNamed("lm-i1");
function profile(options: Record<string, string>): Profile {
  const r = resolveProfile("lm-i1", options);
  if (!r.ok) throw new Error(r.message);
  return r.profile;
}

/** A context whose observer records every evaluation. */
function recording(p: Profile = lm): { ctx: CheckContext; seen: Array<[GuardId, string]> } {
  const seen: Array<[GuardId, string]> = [];
  return { ctx: { profile: p, observe: (guard, outcome) => seen.push([guard, outcome]) }, seen };
}

describe("ACCEPTED", () => {
  it("is the frozen accepted verdict", () => {
    expect(ACCEPTED).toEqual({ accepted: true });
    expect(Object.isFrozen(ACCEPTED)).toBe(true);
  });
});

describe("renderReason", () => {
  it("fills every placeholder, repeated ones included", () => {
    expect(renderReason("{sender} asked {target}; {sender} again", { sender: "@a:x", target: "@b:y" })).toBe(
      "@a:x asked @b:y; @a:x again",
    );
  });

  it("shows numbers, zero and empty strings as given", () => {
    expect(
      renderReason("level {senderLevel}, count {count}, detail [{detail}]", {
        senderLevel: 0,
        count: 12,
        detail: "",
      }),
    ).toBe("level 0, count 12, detail []");
  });

  it("shows a value the caller did not supply as (unknown)", () => {
    expect(renderReason("{sender} cannot: {detail}", { sender: "@a:x" })).toBe("@a:x cannot: (unknown)");
    expect(renderReason("{sender}", { sender: undefined })).toBe("(unknown)");
  });

  it("leaves text without placeholders alone", () => {
    expect(renderReason("no placeholders here", { sender: "@a:x" })).toBe("no placeholders here");
    expect(renderReason("", {})).toBe("");
  });
});

describe("rejection", () => {
  it("names the guard, its requirements and its filled reason", () => {
    expect(
      rejection("power-levels.change", { sender: "@bob:b.example", senderLevel: 50, detail: "why" }),
    ).toEqual({
      accepted: false,
      guard: "power-levels.change",
      requirements: ["OQ-AUTH-2", "OQ-AUTH-12", "OQ-AUTH-14"],
      reason: "@bob:b.example (power level 50) cannot make this change: why",
    });
  });

  it("fills missing values with (unknown)", () => {
    expect(rejection("power-levels.valid-content", {})).toEqual({
      accepted: false,
      guard: "power-levels.valid-content",
      requirements: ["SIG-POLICY-3"],
      reason: "the power levels content is invalid: (unknown)",
    });
  });
});

describe("guardEnabled", () => {
  it("is always true for a guard without enabledWhen", () => {
    expect(guardEnabled({ profile: lm }, "power-levels.change")).toBe(true);
    expect(
      guardEnabled({ profile: profile({ "auth.kick-target": "joined-only" }) }, "power-levels.change"),
    ).toBe(true);
  });

  it("follows the profile for a guard with enabledWhen", () => {
    expect(guardEnabled({ profile: lm }, "membership.kick.target-joined")).toBe(false);
    expect(
      guardEnabled(
        { profile: profile({ "auth.kick-target": "joined-only" }) },
        "membership.kick.target-joined",
      ),
    ).toBe(true);
    expect(guardEnabled({ profile: lm }, "create.lowest-id-creates")).toBe(true);
    expect(
      guardEnabled({ profile: profile({ "chat.dm-creation": "any-member" }) }, "create.lowest-id-creates"),
    ).toBe(false);
  });
});

describe("check", () => {
  it("passes a guard that holds, reports the pass and never builds the reason", () => {
    const { ctx, seen } = recording();
    let built = 0;
    const values = () => {
      built += 1;
      return {};
    };
    expect(check(ctx, "power-levels.change", true, values)).toBeUndefined();
    expect(seen).toEqual([["power-levels.change", "pass"]]);
    expect(built).toBe(0);
  });

  it("refuses with the guard's rejection when the guard does not hold, and reports it", () => {
    const { ctx, seen } = recording();
    expect(
      check(ctx, "power-levels.valid-content", false, () => ({ detail: "ban must be an integer" })),
    ).toEqual({
      accepted: false,
      guard: "power-levels.valid-content",
      requirements: ["SIG-POLICY-3"],
      reason: "the power levels content is invalid: ban must be an integer",
    });
    expect(seen).toEqual([["power-levels.valid-content", "reject"]]);
  });

  it("works without an observer", () => {
    expect(check({ profile: lm }, "power-levels.change", true, () => ({}))).toBeUndefined();
    expect(check({ profile: lm }, "power-levels.change", false, () => ({}))?.guard).toBe(
      "power-levels.change",
    );
  });
});
