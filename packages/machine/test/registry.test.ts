import { REQUIREMENTS, type RequirementEntry, requirementById, validateRegistry } from "@mimi-spec/schema";
import { describe, expect, it } from "vitest";
import { ALLOW_RULES, GUARD_IDS, GUARDS, type GuardId, invariants, runTrace } from "../src/index.ts";
import { BROKEN_BY_HAND } from "./invariants/breakers.ts";
import { loadTrace, TRACE_FILES } from "./trace/traces.ts";

const guardIds = new Set<string>(GUARD_IDS);
const invariantIds = new Set(invariants.map((i) => i.id));
const machineCheckExists = (kind: "guard" | "invariant", name: string) =>
  kind === "guard" ? guardIds.has(name) : invariantIds.has(name);

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
    const report = validateRegistry(REQUIREMENTS, { machineCheckExists });
    expect(report.problems).toEqual([]);
    const plannedMachineChecks = REQUIREMENTS.filter(
      (e) => e.check.kind === "planned" && e.check.by !== "schema",
    ).map((e) => e.id);
    expect(plannedMachineChecks).toEqual([]);
  });

  it("guard ids and invariant ids are unique", () => {
    expect(guardIds.size).toBe(GUARD_IDS.length);
    expect(invariantIds.size).toBe(invariants.length);
  });
});

/** The requirement kinds the done-when names: each must be enforced by the machine. */
const ENFORCED_KINDS: ReadonlyArray<RequirementEntry["kind"]> = ["transition-rule", "state-invariant"];

/** Why each entry of those kinds is not enforced by a guard or invariant the machine has (empty: all are). */
function unenforced(registry: ReadonlyArray<RequirementEntry>): string[] {
  return registry.flatMap(({ id, kind, check }) => {
    if (!ENFORCED_KINDS.includes(kind)) return [];
    if (check.kind !== "guard" && check.kind !== "invariant")
      return [`${id} (${kind}) has a ${check.kind} check, not a guard or invariant`];
    return machineCheckExists(check.kind, check.name)
      ? []
      : [`${id} cites ${check.kind} ${check.name}, which the machine does not have`];
  });
}

/** The guards and invariants that enforce the registry's transition rules and state invariants. */
const enforcing = REQUIREMENTS.filter((e) => ENFORCED_KINDS.includes(e.kind)).map((e) => ({
  id: e.id,
  kind: e.check.kind,
  name: "name" in e.check ? e.check.name : "",
}));

describe("done when: every transition rule and state invariant is enforced", () => {
  it("by a named guard or invariant the machine has", () => {
    expect(enforcing.length).toBeGreaterThan(30);
    expect(unenforced(REQUIREMENTS)).toEqual([]);
  });

  it("and the check notices an entry left planned, unchecked, or naming a guard that does not exist", () => {
    const replace = (id: string, check: RequirementEntry["check"]) =>
      REQUIREMENTS.map((e) => (e.id === id ? { ...e, check } : e));
    expect(
      unenforced(replace("SIG-POLICY-2", { kind: "planned", by: "guard", name: "policy.x", why: "later" })),
    ).toEqual(["SIG-POLICY-2 (transition-rule) has a planned check, not a guard or invariant"]);
    expect(unenforced(replace("CHAT-9", { kind: "none", why: "no reason to check" }))).toHaveLength(1);
    expect(unenforced(replace("HUB-3", { kind: "guard", name: "hub.no-such-guard" }))).toEqual([
      "HUB-3 cites guard hub.no-such-guard, which the machine does not have",
    ]);
  });

  describe("and the shipped traces show each", () => {
    const seen = new Map<GuardId, Set<"pass" | "reject">>();
    const expectedViolations = new Set<string>();
    for (const file of TRACE_FILES) {
      const trace = loadTrace(file);
      for (const id of trace.expectViolations ?? []) expectedViolations.add(id);
      const result = runTrace(trace, {
        observe: (guard, outcome) => {
          const set = seen.get(guard) ?? new Set();
          set.add(outcome);
          seen.set(guard, set);
        },
      });
      if (!result.ok || !result.run.ok) throw new Error(`${file} does not run cleanly`);
    }

    it.each(enforcing.filter((e) => e.kind === "guard"))(
      "guard enforcing $id ($name) accepting and rejecting",
      ({ name }) => {
        expect([...(seen.get(name as GuardId) ?? [])].sort()).toEqual(["pass", "reject"]);
      },
    );

    it.each(enforcing.filter((e) => e.kind === "invariant"))(
      "invariant enforcing $id ($name) catching a violation, in a trace or a hand-made world",
      ({ name }) => {
        // Invariants hold on every trace step unless the trace expects otherwise (run.test.ts);
        // the machine never breaks most of them, so their violation is shown on a world made by hand.
        expect(expectedViolations.has(name) || BROKEN_BY_HAND.has(name), name).toBe(true);
      },
    );
  });
});
