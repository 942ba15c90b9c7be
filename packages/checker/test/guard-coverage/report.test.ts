import { GUARD_IDS, invariants } from "@mimi-spec/machine";
import { describe, expect, it } from "vitest";
import {
  COVERAGE_CAMPAIGN,
  CoverageCounter,
  coverageReport,
  EXCLUSIONS,
  formatCoverage,
  requirementChecks,
  runCampaign,
} from "../../src/index.ts";

/** The campaign's own seed: coverage is asserted for this run, whatever seed other tests use. */
const SEED = 20_261_203;

describe("coverage report", () => {
  it("over the fixed-seed campaign, every guard, invariant and requirement is exercised", () => {
    const result = runCampaign({ runsPerConfig: 15, seed: SEED });
    expect(result.counterexamples.map((c) => c.counterexample.story)).toEqual([]);
    const report = coverageReport(result.coverage);
    expect(report.gaps).toEqual({ guards: [], invariants: [], requirements: [] });
    expect(report.ok).toBe(true);
    // Every profile-dependent guard is switched on by some configuration of the campaign.
    expect(report.guards.filter((g) => g.status === "disabled")).toEqual([]);
    expect(report.guards.map((g) => g.id)).toEqual([...GUARD_IDS]);
    expect(report.invariants.map((i) => i.id)).toEqual(invariants.map((i) => i.id));
    // Most guards both held and refused somewhere.
    const both = report.guards.filter((g) => g.pass > 0 && g.reject > 0).length;
    expect(both / report.guards.length).toBeGreaterThan(0.7);
    const text = formatCoverage(report);
    expect(text).toContain("every guard, invariant and requirement was exercised");
  });

  it("reports what was never exercised, and what the profiles switch off", () => {
    const report = coverageReport(new CoverageCounter());
    expect(report.ok).toBe(false);
    expect(report.gaps.guards).toContain("dm.no-add");
    expect(report.gaps.invariants).toContain("history.linear");
    expect(report.gaps.requirements).toContain("CHAT-6");
    expect(formatCoverage(report)).toContain("NEVER EXERCISED: guard dm.two-members");
  });

  it("marks guards off under the run's profiles as disabled, not as gaps", () => {
    const counter = new CoverageCounter().merge(
      runCampaign({ runsPerConfig: 2, seed: SEED, configs: COVERAGE_CAMPAIGN.slice(0, 1) }).coverage,
    );
    expect([...counter.profiles.keys()]).toEqual(["lm-i1"]);
    const report = coverageReport(counter);
    const left = report.guards.find((g) => g.id === "hub.hub-server-left");
    expect(left?.status).toBe("disabled");
    expect(left?.note).toContain("hub.when-hub-server-leaves=room-closed");
    expect(report.gaps.guards).not.toContain("hub.hub-server-left");
  });

  it("maps requirements to the guards and invariants that check them, from the registry and the machine", () => {
    const checks = requirementChecks();
    expect(checks.get("CHAT-6")).toContain("guard:dm.no-add");
    expect(checks.get("CHAT-2")).toContain("invariant:dm.unique-per-pair");
    expect(checks.get("SIG-POLICY-3")?.size).toBeGreaterThan(3);
  });

  it("documents a reason for every exclusion", () => {
    for (const table of [EXCLUSIONS.guards, EXCLUSIONS.invariants, EXCLUSIONS.requirements])
      for (const [id, why] of Object.entries(table)) expect(why.length, id).toBeGreaterThan(20);
  });
});
