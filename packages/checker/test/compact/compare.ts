/**
 * Test helpers for the compact explorer: run it and the reference explorer on the same options
 * and check that they report the same search.
 *
 * @module
 */
import { runTrace } from "@mimi-spec/machine";
import { expect } from "vitest";
import { exploreCompact } from "../../src/compact/explore.ts";
import type { ExploreOptions, ExploreReport } from "../../src/explore/api.ts";
import { explore } from "../../src/explore/explore.ts";

/** The profile option that lets any member create a DM (so the duplicate-DM race exists). */
export const ANY_MEMBER = { "chat.dm-creation": "any-member" };

/** What the compact explorer must report exactly as the reference explorer does. */
export function summary(report: ExploreReport) {
  return {
    profile: report.profile,
    depthReached: report.depthReached,
    complete: report.complete,
    distinctStates: report.distinctStates,
    transitions: report.transitions,
    statesPerDepth: report.statesPerDepth,
    symmetry: report.symmetry,
    violated: report.violations.map((v) => v.invariant).sort(),
  };
}

/** Runs both explorers (no delivery check unless asked); checks the compact report against the reference one and its traces. */
export function compareWithReference(options: ExploreOptions) {
  const compact = exploreCompact({ liveness: false, ...options });
  const reference = explore({ liveness: false, ...options, engine: "reference" });
  // `explore` may itself run on the compact machine: make sure this compares two machines.
  expect(reference.engine).toBe("reference");
  expect(summary(compact)).toEqual(summary(reference));
  expect(compact.liveness).toEqual(reference.liveness);
  expect(compact.referenceSteps).toBeGreaterThan(0);
  for (const violation of compact.violations) {
    const { trace } = violation;
    expect(trace.expectViolations).toContain(violation.invariant);
    // Breadth first on both: a trace as short as the reference explorer's.
    const same = reference.violations.find((v) => v.invariant === violation.invariant);
    expect(trace.steps.length).toBe(same?.trace.steps.length);
    // The trace replays on the reference machine (what `mimi model run` does) and shows the violation.
    const replay = runTrace(trace);
    expect(replay.ok && replay.run.ok).toBe(true);
    if (replay.ok) expect(Object.keys(replay.run.violated)).toContain(violation.invariant);
  }
  return { compact, reference };
}
