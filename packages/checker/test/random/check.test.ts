import { parseTrace, runTrace } from "@mimi-spec/machine";
import { describe, expect, it } from "vitest";
import {
  ANY_MEMBER_RACES,
  checkRandom,
  focusWeights,
  type RandomProgress,
  traceJson,
} from "../../src/index.ts";

/** Creations and deliveries only: two providers creating the same DM before either invite arrives. */
const RACE = focusWeights({ "create-room": 3, deliver: 1 });

const SEED = 20_261_203;

describe("checkRandom", () => {
  it("runs the reference profile clean, reporting runs, commands and progress", () => {
    const progress: RandomProgress[] = [];
    const report = checkRandom({ runs: 8, seed: SEED, onProgress: (p) => progress.push(p) });
    expect(report.counterexample).toBeUndefined();
    expect(report).toMatchObject({ profile: "lm-i1", delivery: "mixed", seed: SEED, runs: 8 });
    expect(report.commands).toBe(report.accepted + report.rejected);
    expect(report.commands / report.runs).toBeGreaterThan(25);
    expect(progress.map((p) => p.run)).toEqual([...Array(8).keys()].map((i) => i + 1));
    expect(progress.at(-1)?.commands).toBe(report.commands);
    expect(report.coverage.guards.size).toBeGreaterThan(30);
    // The same seed gives the same runs.
    expect(checkRandom({ runs: 8, seed: SEED, coverage: false }).commands).toBe(report.commands);
  });

  it("refuses an unknown profile or option with the machine's message", () => {
    expect(() => checkRandom({ profile: "nope", runs: 1 })).toThrow(/unknown profile nope/u);
    expect(() => checkRandom({ options: { "no.such": "x" }, runs: 1 })).toThrow(/unknown option no\.such/u);
  });

  it("finds the any-member creation race, shrinks it, and its trace and path reproduce it", () => {
    const report = checkRandom({
      profile: "matrix-v11",
      delivery: "network",
      runs: 200,
      seed: SEED,
      coverage: false,
      weights: RACE,
    });
    const cx = report.counterexample;
    expect(cx).toBeDefined();
    if (cx === undefined) return;
    expect(cx.failure.kind).toBe("invariant");
    expect(ANY_MEMBER_RACES).toContain(cx.failure.check);
    expect(cx.run.steps.length).toBeLessThanOrEqual(4);
    expect(cx.story.split("\n")[0]).toMatch(
      /^Counterexample: invariant (dm\.unique-per-pair|group-dm\.unique-per-member-set)/u,
    );
    expect(cx.diagram.startsWith("sequenceDiagram\n")).toBe(true);
    expect(cx.seed).toBe(SEED);
    expect(cx.path).toMatch(/^\d+(:\d+)*$/u);
    // The saved JSON replays to the same violation (what `mimi model run` reports).
    const parsed = parseTrace(traceJson(cx.trace, cx));
    if (!parsed.ok) throw new Error(JSON.stringify(parsed.problems));
    const replay = runTrace(parsed.trace);
    if (!replay.ok) throw new Error(replay.message);
    expect(replay.run.ok).toBe(false);
    expect(replay.run.unexpectedViolations).toContain(cx.failure.check);
    // Seed and path replay the shrunk failure directly.
    expect(cx.replayPath).not.toBe("");
    const again = checkRandom({
      profile: "matrix-v11",
      delivery: "network",
      seed: cx.seed,
      path: cx.path,
      ...(cx.replayPath === undefined ? {} : { replayPath: cx.replayPath }),
      coverage: false,
      weights: RACE,
    });
    expect(again.counterexample?.trace.steps).toEqual(cx.trace.steps);
  });

  it("counts but does not fail on the invariants a configuration is known to contradict", () => {
    const report = checkRandom({
      profile: "matrix-v11",
      delivery: "network",
      runs: 20,
      seed: SEED,
      weights: RACE,
      expectViolations: ANY_MEMBER_RACES,
    });
    expect(report.counterexample).toBeUndefined();
    expect(report.runs).toBe(20);
  });

  it("stops shrinking at the budget and keeps the smallest failure so far", () => {
    const report = checkRandom({
      profile: "matrix-v11",
      delivery: "network",
      runs: 200,
      seed: SEED,
      coverage: false,
      weights: RACE,
      maxShrinkRuns: 3,
    });
    expect(report.counterexample).toBeDefined();
    expect(report.shrinking?.runs).toBe(3);
  });
});
