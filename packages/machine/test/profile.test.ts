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
