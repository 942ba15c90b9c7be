import { REQUIREMENTS } from "@mimi-spec/schema";
import { describe, expect, it } from "vitest";
import { PROFILE_OPTIONS, PROFILES, profileNamed, resolveProfile } from "../src/index.ts";

describe("profiles", () => {
  it("lm-i1 gives every registered option the registry's default", () => {
    const lm = profileNamed("lm-i1").values as unknown as Record<string, string>;
    for (const entry of REQUIREMENTS) {
      const option = entry.profileOption;
      if (option !== undefined && option.name in lm)
        expect(lm[option.name], option.name).toBe(option.default);
    }
  });

  it("every named profile assigns an implemented choice to every option", () => {
    for (const [name, profile] of Object.entries(PROFILES))
      for (const [option, info] of Object.entries(PROFILE_OPTIONS))
        expect(info.implemented as ReadonlyArray<string>, `${name} ${option}`).toContain(
          (profile.values as Record<string, string>)[option],
        );
  });

  it("resolve with overrides, and explain what cannot be resolved", () => {
    const ok = resolveProfile("pol-00", { "auth.kick-target": "any-membership" });
    expect(ok.ok && ok.profile.name).toBe("pol-00 +auth.kick-target=any-membership");
    expect(resolveProfile("nope")).toMatchObject({
      ok: false,
      message: expect.stringContaining("known profiles"),
    });
    expect(resolveProfile("lm-i1", { "auth.nope": "x" })).toMatchObject({
      ok: false,
      message: expect.stringContaining("unknown option"),
    });
    expect(resolveProfile("lm-i1", { "mgmt.privilege-model": "ordered-roles" })).toMatchObject({
      ok: false,
      message: expect.stringContaining("implements power-levels"),
    });
  });
});

describe("resolveProfile's messages and names, exactly", () => {
  it("lists the known profiles for an unknown one", () => {
    expect(resolveProfile("nope")).toEqual({
      ok: false,
      message: "unknown profile nope; known profiles: lm-i1, lm-i1-text, matrix-v11, pol-00",
    });
  });

  it("lists every known option, comma-separated, for an unknown one", () => {
    const result = resolveProfile("lm-i1", { "auth.nope": "x" });
    const prefix = "unknown option auth.nope; known options: ";
    expect(result.ok).toBe(false);
    const message = result.ok ? "" : result.message;
    expect(message.startsWith(prefix)).toBe(true);
    expect(message.slice(prefix.length).split(", ")).toEqual(Object.keys(PROFILE_OPTIONS));
    expect(message).toContain("auth.knock-from-invite, auth.demote-equal-power-level, auth.kick-target");
  });

  it("lists the implemented choices of an option for a value it does not implement", () => {
    expect(resolveProfile("lm-i1", { "auth.kick-target": "nope" })).toEqual({
      ok: false,
      message: 'option auth.kick-target cannot be "nope"; the machine implements any-membership, joined-only',
    });
  });

  it("names only the overrides that change the named profile's value", () => {
    expect(profileNamed("lm-i1").values["auth.kick-target"]).toBe("any-membership");
    const same = resolveProfile("lm-i1", { "auth.kick-target": "any-membership" });
    expect(same).toEqual({ ok: true, profile: { name: "lm-i1", values: profileNamed("lm-i1").values } });
    const mixed = resolveProfile("lm-i1", {
      "auth.kick-target": "any-membership",
      "auth.preemptive-ban": "forbid",
    });
    expect(mixed).toEqual({
      ok: true,
      profile: {
        name: "lm-i1 +auth.preemptive-ban=forbid",
        values: { ...profileNamed("lm-i1").values, "auth.preemptive-ban": "forbid" },
      },
    });
  });
});
