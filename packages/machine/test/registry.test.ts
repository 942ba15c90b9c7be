import { REQUIREMENTS, requirementById, validateRegistry } from "@mimi-spec/schema";
import { describe, expect, it } from "vitest";
import { ALLOW_RULES, GUARD_IDS, GUARDS, invariants } from "../src/index.ts";

const guardIds = new Set<string>(GUARD_IDS);
const invariantIds = new Set(invariants.map((i) => i.id));

describe("the machine and the requirements registry agree", () => {
  it("every guard, allow rule and invariant cites requirements that exist", () => {
    const cited = [
      ...GUARD_IDS.map((id) => ({ id, requirements: GUARDS[id].requirements })),
      ...Object.entries(ALLOW_RULES).map(([id, r]) => ({ id, requirements: r.requirements })),
      ...invariants,
    ];
    for (const check of cited) {
      expect(check.requirements.length, check.id).toBeGreaterThan(0);
      for (const id of check.requirements)
        expect(requirementById(id), `${check.id} cites ${id}`).toBeDefined();
    }
  });

  it("every guard or invariant the registry cites exists, and none is still marked planned", () => {
    const report = validateRegistry(REQUIREMENTS, {
      machineCheckExists: (kind, name) => (kind === "guard" ? guardIds.has(name) : invariantIds.has(name)),
    });
    expect(report.problems).toEqual([]);
  });

  it("guard ids and invariant ids are unique", () => {
    expect(guardIds.size).toBe(GUARD_IDS.length);
    expect(invariantIds.size).toBe(invariants.length);
  });
});
