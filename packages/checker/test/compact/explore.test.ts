import { type Action, emptyWorld, resolveProfile, step } from "@mimi-spec/machine";
import type { RoomId, UserId } from "@mimi-spec/schema";
import { describe, expect, it } from "vitest";
import { exploreCompact, referenceActions } from "../../src/compact/explore.ts";
import { explore } from "../../src/explore/explore.ts";
import { DUPLICATE_DM_SCOPE } from "../../src/explore/scope.ts";
import { ANY_MEMBER, compareWithReference, summary } from "./compare.ts";

describe("exploreCompact reports what explore reports", () => {
  // Depth 3 (1,012 states): depth 4 (6,777) passes too but costs this file 3-5 s more on a loaded
  // 2-core machine; the duplicate-DM searches (explore.duplicate-dm.test.ts) go to depth 5.
  it("in the default scope under lm-i1 with any member creating DMs (depth 3)", () => {
    const { compact } = compareWithReference({ profile: "lm-i1", options: ANY_MEMBER, depth: 3 });
    expect(compact.complete).toBe(true);
    expect(compact.depthReached).toBe(3);
    expect(compact.distinctStates).toBeGreaterThan(1000);
    expect(compact.violations.map((v) => v.invariant)).toContain("dm.unique-per-pair");
  });

  it("without symmetry reduction and with exact states too", () => {
    compareWithReference({ profile: "lm-i1", options: ANY_MEMBER, depth: 2, symmetry: false });
    compareWithReference({ profile: "lm-i1", depth: 3, scope: DUPLICATE_DM_SCOPE, exactStates: true });
  });

  it("with the delivery check, settling every state as explore does", () => {
    const { compact } = compareWithReference({
      profile: "lm-i1",
      options: ANY_MEMBER,
      depth: 3,
      scope: DUPLICATE_DM_SCOPE,
      liveness: true,
    });
    expect(compact.liveness?.checked).toBe(compact.distinctStates);
  });

  it("stops at maxStates, as explore does, and reports progress per depth", () => {
    const progress: number[] = [];
    const options = { profile: "lm-i1", depth: 6, maxStates: 50, liveness: false };
    const compact = exploreCompact({ ...options, onProgress: (p) => progress.push(p.depth) });
    expect(summary(compact)).toEqual(summary(explore({ ...options, engine: "reference" })));
    expect(compact.complete).toBe(false);
    expect(compact.distinctStates).toBe(50);
    expect(progress).toEqual([1, 2, 3].slice(0, progress.length));
  });

  it("explores only the empty world at depth 0", () => {
    expect(exploreCompact({ profile: "lm-i1", depth: 0, liveness: false })).toMatchObject({
      distinctStates: 1,
      transitions: 0,
      depthReached: 0,
      complete: true,
      statesPerDepth: [1],
      violations: [],
    });
  });

  it("refuses a bad depth or state budget, an unknown profile and an unsupported scope, saying why", () => {
    for (const depth of [-1, 1.5, Number.NaN])
      expect(() => exploreCompact({ profile: "lm-i1", depth })).toThrow(
        `explore: depth must be a non-negative integer, got ${depth}`,
      );
    for (const maxStates of [0, -3, 2.5])
      expect(() => exploreCompact({ profile: "lm-i1", depth: 1, maxStates })).toThrow(
        `explore: maxStates must be a positive integer, got ${maxStates}`,
      );
    expect(() => exploreCompact({ profile: "no-such-profile", depth: 1 })).toThrow("no-such-profile");
    expect(() =>
      exploreCompact({
        profile: "lm-i1",
        depth: 1,
        scope: { ...DUPLICATE_DM_SCOPE, actions: [...DUPLICATE_DM_SCOPE.actions, "set-profile"] },
      }),
    ).toThrow('action kind "set-profile" is not supported');
  });
});

describe("referenceActions", () => {
  it("names each message by the ID the reference machine gave it, replaying as it goes", () => {
    const resolved = resolveProfile("lm-i1", {});
    if (!resolved.ok) throw new Error(resolved.message);
    const empty = emptyWorld({ profile: resolved.profile, delivery: "network", eventIds: "counter" });
    const create: Action = {
      kind: "create-room",
      user: "@alice:a.example" as UserId,
      room: "!r1:a.example" as RoomId,
      chatType: "dm",
      invite: ["@bob:b.example" as UserId],
    };
    // Positions: the invite is 1; its copy 2; after dropping 1 the copy is 1, the backfill 2.
    const positional: Action[] = [
      create,
      { kind: "duplicate", message: 1 },
      { kind: "drop", message: 1 },
      { kind: "sync", server: "b.example" as never, room: "!r1:a.example" as RoomId },
      { kind: "deliver", message: 2 },
      { kind: "deliver", message: 1 },
      { kind: "deliver", message: 5 },
    ];
    const named = referenceActions(empty, positional);
    expect(named).toEqual([
      create,
      { kind: "duplicate", message: 1 },
      { kind: "drop", message: 1 },
      { kind: "sync", server: "b.example", room: "!r1:a.example" },
      { kind: "deliver", message: 3 },
      { kind: "deliver", message: 2 },
      // Past the end: no such message (the reference machine refuses it).
      { kind: "deliver", message: -1 },
    ]);
    // The named actions are the ones the reference machine accepts, except the last.
    let world = empty;
    const accepted = named.map((action) => {
      const after = step(world, action).world;
      const ok = after !== world;
      world = after;
      return ok;
    });
    expect(accepted).toEqual([true, true, true, true, true, true, false]);
    // Actions without messages pass through as they are.
    expect(referenceActions(empty, [create])[0]).toBe(create);
  });
});
