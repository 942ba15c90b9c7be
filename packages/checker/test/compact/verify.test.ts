import { type Action, emptyWorld, type Profile, resolveProfile, step, type World } from "@mimi-spec/machine";
import { describe, expect, it } from "vitest";
import { CompactMachine, type CompactWorld } from "../../src/compact/machine.ts";
import { toCompactAction, type VerifyReport, verifyCompact } from "../../src/compact/verify.ts";
import { DUPLICATE_DM_SCOPE, type ResolvedExploreScope } from "../../src/explore/scope.ts";

const ANY_MEMBER = { "chat.dm-creation": "any-member" };

/** Loses the newest message in flight after every delivery that leaves one. */
class LossyDelivery extends CompactMachine {
  override step(world: CompactWorld, action: Action): CompactWorld | undefined {
    const after = super.step(world, action);
    if (action.kind !== "deliver" || after === undefined || after.messages.length === 0) return after;
    return { ...after, messages: after.messages.slice(0, -1) };
  }
}

/** Refuses every drop. */
class NoDrops extends CompactMachine {
  override step(world: CompactWorld, action: Action): CompactWorld | undefined {
    return action.kind === "drop" ? undefined : super.step(world, action);
  }
}

/** Accepts what it should refuse (leaving the world as it was). */
class NeverRefuses extends CompactMachine {
  override step(world: CompactWorld, action: Action): CompactWorld | undefined {
    return super.step(world, action) ?? world;
  }
}

const build =
  <M extends CompactMachine>(Machine: new (scope: ResolvedExploreScope, profile: Profile) => M) =>
  (scope: ResolvedExploreScope, profile: Profile) =>
    new Machine(scope, profile);

/** Replays actions from the empty world on the reference machine; returns the ones it refused. */
function replayAccepted(profile: string, actions: ReadonlyArray<Action>) {
  const resolved = resolveProfile(profile, {});
  if (!resolved.ok) throw new Error(resolved.message);
  let world: World = emptyWorld({ profile: resolved.profile, delivery: "network", eventIds: "counter" });
  const refused: Action[] = [];
  for (const action of actions) {
    const after = step(world, action).world;
    if (after === world) refused.push(action);
    world = after;
  }
  return { world, refused };
}

function expectAgreement(report: VerifyReport): void {
  expect(report.mismatches).toEqual([]);
  expect(report.statesChecked).toBeGreaterThan(100);
  expect(report.stepsChecked).toBeGreaterThan(report.statesChecked);
  // Most steps are lookups.
  expect(report.referenceSteps).toBeGreaterThan(0);
  expect(report.referenceSteps).toBeLessThan(report.stepsChecked / 2);
}

describe("verifyCompact agrees with the reference machine", () => {
  it("in the default scope under lm-i1 with any member creating DMs (depth 3)", () => {
    expectAgreement(verifyCompact({ profile: "lm-i1", options: ANY_MEMBER, depth: 3 }));
  });

  it("in the duplicate-DM scope under lm-i1 (depth 4)", () => {
    expectAgreement(verifyCompact({ profile: "lm-i1", options: {}, depth: 4, scope: DUPLICATE_DM_SCOPE }));
  });

  it("checks the empty world alone at depth 0", () => {
    expect(verifyCompact({ profile: "lm-i1", depth: 0 })).toEqual({
      statesChecked: 1,
      stepsChecked: 0,
      referenceSteps: 0,
      mismatches: [],
    });
  });

  it("says which profile or option it does not know", () => {
    expect(() => verifyCompact({ profile: "no-such-profile", depth: 1 })).toThrow("no-such-profile");
    expect(() =>
      verifyCompact({ profile: "lm-i1", options: { "chat.dm-creation": "nobody" }, depth: 1 }),
    ).toThrow("nobody");
  });
});

describe("verifyCompact finds a wrong compact machine", () => {
  it("reports a delivery that loses a message, with the actions that lead to it", () => {
    const report = verifyCompact({ profile: "lm-i1", depth: 3, machine: build(LossyDelivery) });
    expect(report.mismatches).toHaveLength(5);
    for (const mismatch of report.mismatches) {
      expect(mismatch.what).toMatch(/^worlds differ:\n--- reference\n/);
      expect(mismatch.actions.at(-1)?.kind).toBe("deliver");
      // The path is one the reference machine takes, step by step.
      expect(replayAccepted("lm-i1", mismatch.actions).refused).toEqual([]);
    }
    // Breadth first, so the shortest comes first: one creation puts one message in flight, so
    // the first delivery that leaves another behind (to be lost) is the third step.
    expect(report.mismatches[0]?.actions.map((a) => a.kind)).toEqual([
      "create-room",
      "create-room",
      "deliver",
    ]);
  });

  it("stops at maxMismatches", () => {
    const one = verifyCompact({
      profile: "lm-i1",
      depth: 3,
      machine: build(LossyDelivery),
      maxMismatches: 1,
    });
    expect(one.mismatches).toHaveLength(1);
    const many = verifyCompact({
      profile: "lm-i1",
      depth: 3,
      machine: build(LossyDelivery),
      maxMismatches: 8,
    });
    expect(many.mismatches).toHaveLength(8);
    expect(many.mismatches[0]).toEqual(one.mismatches[0]);
  });

  it("reports a step the compact machine refuses and the reference takes", () => {
    const report = verifyCompact({ profile: "lm-i1", depth: 2, machine: build(NoDrops), maxMismatches: 1 });
    expect(report.mismatches).toHaveLength(1);
    const [mismatch] = report.mismatches;
    expect(mismatch?.what).toBe("the compact machine refused, the reference did not");
    expect(mismatch?.actions.map((a) => a.kind)).toEqual(["create-room", "drop"]);
  });

  it("reports a step the reference refuses and the compact machine takes", () => {
    const report = verifyCompact({
      profile: "lm-i1",
      depth: 4,
      scope: DUPLICATE_DM_SCOPE,
      machine: build(NeverRefuses),
      maxMismatches: 1,
    });
    expect(report.mismatches).toHaveLength(1);
    const [mismatch] = report.mismatches;
    expect(mismatch?.what).toBe("the reference refused, the compact machine did not");
    const actions = mismatch?.actions ?? [];
    // Everything before the last step is taken; the last one the reference refuses.
    const { refused } = replayAccepted("lm-i1", actions);
    expect(refused).toEqual([actions.at(-1)]);
  });
});

describe("toCompactAction", () => {
  it("names a message by its position in flight, and leaves other actions alone", () => {
    const resolved = resolveProfile("lm-i1", {});
    if (!resolved.ok) throw new Error(resolved.message);
    const world = {
      ...emptyWorld({ profile: resolved.profile, delivery: "network", eventIds: "counter" }),
      inFlight: [
        {
          id: 4,
          message: { kind: "backfill", from: "b.example", to: "a.example", room: "!r1:a.example", after: 0 },
        },
        {
          id: 9,
          message: { kind: "backfill", from: "a.example", to: "b.example", room: "!r1:b.example", after: 0 },
        },
      ],
    } as unknown as World;
    expect(toCompactAction(world, { kind: "deliver", message: 9 })).toEqual({ kind: "deliver", message: 2 });
    expect(toCompactAction(world, { kind: "drop", message: 4 })).toEqual({ kind: "drop", message: 1 });
    expect(toCompactAction(world, { kind: "duplicate", message: 9 })).toEqual({
      kind: "duplicate",
      message: 2,
    });
    // A message not in flight names the position past the end, which the compact machine refuses.
    expect(toCompactAction(world, { kind: "deliver", message: 5 })).toEqual({ kind: "deliver", message: 3 });
    const flush: Action = { kind: "flush" };
    expect(toCompactAction(world, flush)).toBe(flush);
  });
});
