import { invariants, violations } from "@mimi-spec/machine";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  InvariantChecker,
  PER_HUB_ROOM,
  PER_REPLICA,
  PER_REPLICA_AND_HUB,
} from "../../src/explore/invariant-check.ts";
import { DEFAULT_EXPLORE_SCOPE, EXPLORABLE_KINDS } from "../../src/explore/scope.ts";
import { choicesArbitrary, replay, scopeOf, startWorld, walk } from "./walk.ts";

/** Every action kind, every chat type: worlds that exercise as many invariants as possible. */
const WIDE = scopeOf({
  ...DEFAULT_EXPLORE_SCOPE,
  chatTypes: ["dm", "group-dm", "group-chat", "public-chat"],
  actions: [...EXPLORABLE_KINDS],
  maxInFlight: 4,
});

const machine = (world: Parameters<typeof violations>[0]) =>
  violations(world).map((v) => ({ invariant: v.invariant.id, message: v.message }));

describe("the caching invariant checker", () => {
  it("gives exactly the machine's violations on walked worlds, under several profiles (property)", () => {
    const profiles: Array<[string, Record<string, string>]> = [
      ["lm-i1", {}],
      ["lm-i1", { "chat.dm-creation": "any-member" }],
      ["lm-i1-text", {}],
      ["matrix-v11", {}],
      ["pol-00", {}],
    ];
    const starts = profiles.map(([p, o]) => startWorld(p, o));
    // One checker per profile, shared across runs, so cached answers are reused (and tested).
    const checkers = starts.map(() => new InvariantChecker());
    fc.assert(
      fc.property(fc.nat({ max: starts.length - 1 }), choicesArbitrary(10), (which, choices) => {
        const start = starts[which];
        const checker = checkers[which];
        if (start === undefined || checker === undefined) return;
        let world = start;
        for (const choice of choices) {
          world = walk(world, WIDE, [choice]).world;
          expect(checker.violations(world)).toEqual(machine(world));
        }
      }),
      { numRuns: 40 },
    );
  });

  it("reports a violation the machine reports (the duplicate-DM race)", () => {
    const world = replay(startWorld("lm-i1", { "chat.dm-creation": "any-member" }), [
      {
        kind: "create-room",
        user: "@alice:a.example" as never,
        room: "!r1:a.example" as never,
        chatType: "dm",
        invite: ["@bob:b.example" as never],
      },
      {
        kind: "create-room",
        user: "@bob:b.example" as never,
        room: "!r1:b.example" as never,
        chatType: "dm",
        invite: ["@alice:a.example" as never],
      },
    ]);
    const found = new InvariantChecker().violations(world);
    expect(found.map((v) => v.invariant)).toEqual(["dm.unique-per-pair"]);
    expect(found).toEqual(machine(world));
  });

  it("lists only invariants the machine has, each in one list", () => {
    const known = new Set(invariants.map((i) => i.id));
    const lists = [...PER_HUB_ROOM, ...PER_REPLICA, ...PER_REPLICA_AND_HUB];
    for (const id of lists) expect(known).toContain(id);
    expect(new Set(lists).size).toBe(lists.length);
  });
});
