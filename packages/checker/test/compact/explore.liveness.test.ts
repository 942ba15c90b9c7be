import { type Action, runTrace, type World } from "@mimi-spec/machine";
import { describe, expect, it } from "vitest";
import { exploreCompactWith } from "../../src/compact/explore.ts";
import type { ExploreOptions } from "../../src/explore/api.ts";
import { exploreWith } from "../../src/explore/explore.ts";
import { type Settled, settle } from "../../src/explore/liveness.ts";
import { DEFAULT_EXPLORE_SCOPE } from "../../src/explore/scope.ts";
import { replay, startWorld } from "../explore/walk.ts";

/** A stand-in delivery check that fails wherever a message is in flight (after really settling). */
function inFlightFails(world: World): Settled {
  const settled = settle(world);
  const count = world.inFlight.length;
  return { ...settled, problem: count > 0 ? `${count} message(s) were in flight` : undefined };
}

/** One room on the default providers, depth 3: many states with messages in flight, in well under a second. */
const OPTIONS: ExploreOptions = {
  profile: "lm-i1",
  depth: 3,
  scope: { ...DEFAULT_EXPLORE_SCOPE, maxRooms: 1 },
};

/**
 * Splits a failure's actions into the path to the failing state and the settling actions: the
 * shortest path whose world the stand-in fails with `message` and whose settling actions are the rest.
 */
function split(
  actions: ReadonlyArray<Action>,
  message: string,
): { path: Action[]; world: World } | undefined {
  const start = startWorld(OPTIONS.profile);
  for (let k = 0; k <= Math.min(OPTIONS.depth, actions.length); k++) {
    const path = actions.slice(0, k);
    const world = replay(start, path);
    const settled = inFlightFails(world);
    if (settled.problem === message && JSON.stringify(settled.actions) === JSON.stringify(actions.slice(k)))
      return { path, world };
  }
  return undefined;
}

let explored: ReturnType<typeof exploreCompactWith> | undefined;
/** The exploration under test, run once for the tests that read it. */
function exploration(): ReturnType<typeof exploreCompactWith> {
  explored ??= exploreCompactWith(OPTIONS, inFlightFails);
  return explored;
}

describe("exploreCompactWith reports delivery-check failures", () => {
  it("counts every failing state and keeps the first ten", () => {
    const report = exploration();
    const liveness = report.liveness;
    expect(report.engine).toBe("compact");
    expect(liveness?.checked).toBe(report.distinctStates);
    // Many states have a message in flight, not all (the empty world has none).
    expect(liveness?.failed).toBeGreaterThan(10);
    expect(liveness?.failed).toBeLessThan(report.distinctStates);
    expect(liveness?.failures).toHaveLength(10);
    // The reference explorer, with the same stand-in, counts and keeps the same failures.
    const reference = exploreWith(OPTIONS, inFlightFails);
    expect(reference.distinctStates).toBe(report.distinctStates);
    expect(liveness).toEqual(reference.liveness);
  });

  it("gives each failure a trace that replays: the path to the failing state, then its settling actions", () => {
    const pathLengths: number[] = [];
    for (const failure of exploration().liveness?.failures ?? []) {
      expect(failure.message).toMatch(/^\d message\(s\) were in flight$/u);
      const run = runTrace(failure.trace);
      if (!run.ok) throw new Error(run.message);
      expect(run.run.ok).toBe(true);
      const actions = failure.trace.steps.map((s) => s.action);
      const found = split(actions, failure.message);
      expect(found, failure.trace.description).toBeDefined();
      if (found === undefined) continue;
      // The path is accepted step by step and reaches a state with messages in flight; settling flushes them.
      expect(run.run.steps.slice(0, found.path.length).every((s) => s.verdict.accepted)).toBe(true);
      expect(found.world.inFlight.length).toBeGreaterThan(0);
      expect(actions[found.path.length]).toEqual({ kind: "flush" });
      expect(run.run.world.inFlight).toHaveLength(0);
      pathLengths.push(found.path.length);
    }
    expect(pathLengths).toHaveLength(10);
    // Breadth first: the kept failures are the shallowest, in order.
    expect(pathLengths).toEqual([...pathLengths].sort((a, b) => a - b));
    expect(pathLengths[0]).toBe(1);
  });

  it("reports no failure when the check passes everywhere, and no delivery check when it is off", () => {
    const passing = exploreCompactWith(OPTIONS, (world) => ({ ...settle(world), problem: undefined }));
    expect(passing.liveness).toEqual({ checked: passing.distinctStates, failed: 0, failures: [] });
    let calls = 0;
    const off = exploreCompactWith({ ...OPTIONS, liveness: false }, (world) => {
      calls++;
      return inFlightFails(world);
    });
    expect(off.liveness).toBeUndefined();
    expect(calls).toBe(0);
    expect(off.distinctStates).toBe(exploration().distinctStates);
  });
});
