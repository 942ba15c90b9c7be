import { runTrace } from "@mimi-spec/machine";
import { describe, expect, it } from "vitest";
import type { ExploreOptions, ExploreProgress, ExploreReport } from "../../src/explore/api.ts";
import { compactEngineFor, explore } from "../../src/explore/explore.ts";
import { DEFAULT_EXPLORE_SCOPE, DUPLICATE_DM_SCOPE, type ExploreScope } from "../../src/explore/scope.ts";

const ANY_MEMBER = { "chat.dm-creation": "any-member" };
const DUPLICATE_INVARIANTS = ["dm.unique-per-pair", "group-dm.unique-per-member-set"];

/** The default scope with users setting their profiles: a kind the compact machine refuses. */
const WITH_PROFILES: ExploreScope = {
  ...DEFAULT_EXPLORE_SCOPE,
  actions: [...DEFAULT_EXPLORE_SCOPE.actions, "set-profile"],
};

// Every behaviour of `explore` holds whichever machine steps the worlds.
describe.each(["compact", "reference"] as const)("explore on the %s machine", (engine) => {
  const run = (options: ExploreOptions): ExploreReport => {
    const report = explore({ ...options, engine });
    expect(report.engine).toBe(engine);
    return report;
  };

  it("finds the cross-provider duplicate-DM race when the profile allows it (chat.dm-creation = any-member)", () => {
    const report = run({ profile: "lm-i1", options: ANY_MEMBER, depth: 2, liveness: false });
    expect(report.complete).toBe(true);
    expect(report.profile).toBe("lm-i1 +chat.dm-creation=any-member");
    const found = report.violations.map((v) => v.invariant).sort();
    expect(found).toEqual(DUPLICATE_INVARIANTS);
    for (const violation of report.violations) {
      // The shortest race: each provider's user creates the room before the other's invite arrives.
      const kinds = violation.trace.steps.map((s) => s.action.kind);
      expect(kinds).toEqual(["create-room", "create-room"]);
      const creators = violation.trace.steps.map((s) => (s.action as { user: string }).user.split(":")[1]);
      expect(new Set(creators).size).toBe(2);
      expect(violation.trace.expectViolations).toContain(violation.invariant);
      // The trace replays with the machine's own runner (what `mimi model run` does).
      const replay = runTrace(violation.trace);
      expect(replay.ok && replay.run.ok).toBe(true);
      if (replay.ok) expect(Object.keys(replay.run.violated)).toContain(violation.invariant);
    }
  });

  it("proves the race absent in scope when the profile prevents it (lowest-id-creates, depth 4, complete)", () => {
    // Depth 4 keeps the suite fast; `pnpm bench --only checker-exhaustive` proves depth 6.
    const report = run({ profile: "lm-i1", depth: 4, scope: DUPLICATE_DM_SCOPE, liveness: false });
    expect(report.complete).toBe(true);
    expect(report.depthReached).toBe(4);
    expect(report.distinctStates).toBeGreaterThan(500);
    const found = report.violations.map((v) => v.invariant);
    for (const id of DUPLICATE_INVARIANTS) expect(found).not.toContain(id);
    // The same scope and depth under any-member does find it: the scope is big enough to show it.
    const racy = run({
      profile: "lm-i1",
      options: ANY_MEMBER,
      depth: 2,
      scope: DUPLICATE_DM_SCOPE,
      liveness: false,
    });
    expect(racy.violations.map((v) => v.invariant).sort()).toEqual(DUPLICATE_INVARIANTS);
  });

  it("breaks no invariant in the default scope under lm-i1 (depth 3)", () => {
    const report = run({ profile: "lm-i1", depth: 3, liveness: false });
    expect(report.complete).toBe(true);
    expect(report.violations).toEqual([]);
    expect(report.statesPerDepth?.reduce((a, b) => a + b, 0)).toBe(report.distinctStates);
    expect(report.transitions).toBeGreaterThanOrEqual(report.distinctStates - 1);
    expect(report.statesPerSecond).toBeGreaterThan(0);
  });

  it("counts fewer states with symmetry reduction, and finds the same violations", () => {
    const reduced = run({ profile: "lm-i1", options: ANY_MEMBER, depth: 2, liveness: false });
    const full = run({
      profile: "lm-i1",
      options: ANY_MEMBER,
      depth: 2,
      liveness: false,
      symmetry: false,
    });
    expect(reduced.symmetry).toEqual({ users: true, servers: true, rooms: true });
    expect(full.symmetry).toEqual({ users: false, servers: false, rooms: false });
    expect(reduced.distinctStates).toBeLessThan(full.distinctStates);
    const ids = (r: typeof full) => r.violations.map((v) => v.invariant).sort();
    expect(ids(reduced)).toEqual(ids(full));
    // Shortest traces stay shortest.
    const lengths = (r: typeof full) => r.violations.map((v) => v.trace.steps.length).sort();
    expect(lengths(reduced)).toEqual(lengths(full));
  });

  it("keeps the same states with exact canonical texts as with fingerprints", () => {
    const hashed = run({ profile: "lm-i1", options: ANY_MEMBER, depth: 2, liveness: false });
    const exact = run({
      profile: "lm-i1",
      options: ANY_MEMBER,
      depth: 2,
      liveness: false,
      exactStates: true,
    });
    expect(exact.distinctStates).toBe(hashed.distinctStates);
    expect(exact.statesPerDepth).toEqual(hashed.statesPerDepth);
  });

  it("stops at maxStates, saying the exploration is incomplete, and reports progress per depth", () => {
    const progress: ExploreProgress[] = [];
    const report = run({
      profile: "lm-i1",
      depth: 6,
      maxStates: 50,
      liveness: false,
      onProgress: (p) => progress.push(p),
    });
    expect(report.complete).toBe(false);
    expect(report.distinctStates).toBe(50);
    expect(report.depthReached).toBeLessThan(6);
    expect(progress.map((p) => p.depth)).toEqual([1, 2, 3].slice(0, progress.length));
    expect(progress.every((p, i) => i === 0 || p.states > (progress[i - 1]?.states ?? 0))).toBe(true);
  });

  it("explores only the empty world at depth 0, and exhausts a tiny scope before its bound", () => {
    const zero = run({ profile: "lm-i1", depth: 0, liveness: false });
    expect(zero).toMatchObject({ distinctStates: 1, transitions: 0, depthReached: 0, complete: true });
    const tiny = run({
      profile: "lm-i1",
      depth: 50,
      liveness: false,
      scope: {
        ...DEFAULT_EXPLORE_SCOPE,
        servers: [{ name: "a.example", users: ["alice"] }],
        maxRooms: 1,
        chatTypes: ["group-chat"],
        actions: ["create-room", "send-message"],
      },
    });
    // One room, then messages: each message is a new state, so the bound is what stops it.
    expect(tiny.depthReached).toBe(50);
    expect(tiny.distinctStates).toBe(51);
  });

  it("refuses bad input with a clear reason", () => {
    const refuse = (options: ExploreOptions) => () => explore({ ...options, engine });
    expect(refuse({ profile: "nope", depth: 1 })).toThrow(/unknown profile nope/u);
    expect(refuse({ profile: "lm-i1", options: { "chat.dm-creation": "maybe" }, depth: 1 })).toThrow(
      /chat.dm-creation cannot be "maybe"/u,
    );
    expect(refuse({ profile: "lm-i1", depth: -1 })).toThrow(/depth must be a non-negative integer/u);
    expect(refuse({ profile: "lm-i1", depth: 1, maxStates: 0 })).toThrow(
      /maxStates must be a positive integer/u,
    );
    expect(refuse({ profile: "lm-i1", depth: 1, scope: { ...DEFAULT_EXPLORE_SCOPE, servers: [] } })).toThrow(
      /servers is empty/u,
    );
  });
});

describe("which machine explore runs on", () => {
  it("is the compact machine by default in the default and duplicate-DM scopes", () => {
    expect(explore({ profile: "lm-i1", depth: 1, liveness: false }).engine).toBe("compact");
    const dm = explore({ profile: "lm-i1", depth: 1, scope: DUPLICATE_DM_SCOPE, liveness: false });
    expect(dm.engine).toBe("compact");
  });

  it("is the reference machine by default when the scope has an action kind the compact one refuses", () => {
    const report = explore({ profile: "lm-i1", depth: 1, scope: WITH_PROFILES, liveness: false });
    expect(report.engine).toBe("reference");
    // The kind is really explored: each user setting a profile is a state the default scope lacks.
    const without = explore({ profile: "lm-i1", depth: 1, liveness: false });
    expect(report.distinctStates).toBeGreaterThan(without.distinctStates);
  });

  it("refuses, saying why, to run such a scope on the compact machine when asked to", () => {
    expect(() =>
      explore({ profile: "lm-i1", depth: 1, scope: WITH_PROFILES, liveness: false, engine: "compact" }),
    ).toThrow(
      'compact machine: the scope\'s action kind "set-profile" is not supported (it changes what other servers read)',
    );
  });

  it("decides by the asked engine first, then by the scope's action kinds", () => {
    const base = { profile: "lm-i1", depth: 1 };
    expect(compactEngineFor(base)).toBe(true);
    expect(compactEngineFor({ ...base, scope: DUPLICATE_DM_SCOPE })).toBe(true);
    expect(compactEngineFor({ ...base, engine: "compact" })).toBe(true);
    expect(compactEngineFor({ ...base, engine: "reference" })).toBe(false);
    expect(compactEngineFor({ ...base, scope: WITH_PROFILES })).toBe(false);
    // Asked for, it is the compact machine even where it would refuse (which then says why).
    expect(compactEngineFor({ ...base, scope: WITH_PROFILES, engine: "compact" })).toBe(true);
    for (const kind of ["set-setting", "set-server-setting"] as const)
      expect(
        compactEngineFor({
          ...base,
          scope: { ...DEFAULT_EXPLORE_SCOPE, actions: [...DEFAULT_EXPLORE_SCOPE.actions, kind] },
        }),
      ).toBe(false);
    // An empty alphabet has no kind the compact machine refuses.
    expect(compactEngineFor({ ...base, scope: { ...DEFAULT_EXPLORE_SCOPE, actions: [] } })).toBe(true);
  });

  it("reports the same search on both machines, with the delivery check and the same traces", () => {
    const options = { profile: "lm-i1", options: ANY_MEMBER, depth: 2 };
    const compact = explore({ ...options, engine: "compact" });
    const reference = explore({ ...options, engine: "reference" });
    const same = ({ elapsedMs, statesPerSecond, engine, ...rest }: ExploreReport) => rest;
    // The compact report also counts its cache misses; everything else is equal, traces included.
    const { referenceSteps, ...compactRest } = compact as ExploreReport & { referenceSteps?: number };
    expect(referenceSteps).toBeGreaterThan(0);
    expect(same(compactRest)).toEqual(same(reference));
    expect(compact.liveness?.checked).toBe(compact.distinctStates);
    expect(compact.violations.map((v) => v.invariant).sort()).toEqual(DUPLICATE_INVARIANTS);
  });
});
