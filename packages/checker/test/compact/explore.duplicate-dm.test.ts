import { describe, expect, it } from "vitest";
import { DUPLICATE_DM_SCOPE } from "../../src/explore/scope.ts";
import { ANY_MEMBER, compareWithReference } from "./compare.ts";

// Apart from explore.test.ts so each file stays short: these two searches are the slowest.
describe("exploreCompact reports what explore reports in the duplicate-DM scope", () => {
  it("under lm-i1 (depth 5): the race is absent", () => {
    const { compact } = compareWithReference({
      profile: "lm-i1",
      options: {},
      depth: 5,
      scope: DUPLICATE_DM_SCOPE,
    });
    expect(compact.statesPerDepth).toHaveLength(6);
    expect(compact.violations).toEqual([]);
    // Most steps are lookups.
    expect(compact.referenceSteps).toBeLessThan(compact.transitions / 10);
  });

  it("when any member may create the DM (depth 5): the race is found", () => {
    const { compact } = compareWithReference({
      profile: "lm-i1",
      options: ANY_MEMBER,
      depth: 5,
      scope: DUPLICATE_DM_SCOPE,
    });
    const race = compact.violations.find((v) => v.invariant === "dm.unique-per-pair");
    expect(race).toBeDefined();
    // The shortest race: each provider's user creates the DM before the other's invite arrives.
    const steps = race?.trace.steps.map((s) => s.action) ?? [];
    expect(steps.map((a) => a.kind)).toEqual(["create-room", "create-room"]);
    expect(new Set(steps.map((a) => (a as { user: string }).user.split(":")[1])).size).toBe(2);
  });
});
