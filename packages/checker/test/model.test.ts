import { emptyWorld, step, type World } from "@mimi-spec/machine";
import { describe, expect, it } from "vitest";
import { CheckFailure, CoverageCounter, checkWorld, runStep, setup } from "../src/index.ts";

function withDm(): World {
  return step(emptyWorld(), {
    kind: "create-room",
    user: "@alice:a.example" as never,
    room: "!dm:a.example" as never,
    chatType: "dm",
    invite: ["@bob:b.example" as never],
  }).world;
}

/** `world` with the hub's copy of every room gone (a broken world). */
function hubForgets(world: World): World {
  const servers = new Map(world.servers);
  const hub = servers.get("a.example" as never);
  if (hub === undefined) throw new Error("no hub");
  servers.set("a.example" as never, { ...hub, persisted: { ...hub.persisted, rooms: new Map() } });
  return { ...world, servers };
}

describe("checkWorld", () => {
  it("passes on reachable worlds and counts each invariant check", () => {
    const coverage = new CoverageCounter();
    checkWorld(withDm(), coverage);
    expect(coverage.invariants.get("hub.exactly-one")).toEqual({ relevant: 1, held: 1, violated: 0 });
    expect(coverage.invariants.get("ban.no-events-after")).toEqual({ relevant: 0, held: 0, violated: 0 });
  });

  it("throws a CheckFailure naming the first broken invariant and its requirements", () => {
    const broken = hubForgets(withDm());
    expect(() => checkWorld(broken)).toThrow(CheckFailure);
    try {
      checkWorld(broken);
    } catch (e) {
      expect(e).toMatchObject({
        kind: "invariant",
        check: "hub.exactly-one",
        requirements: ["HUB-1", "HUB-3"],
      });
      expect((e as Error).message).toMatch(
        /^invariant hub\.exactly-one \[HUB-1, HUB-3\] broken: the hub a\.example/u,
      );
    }
    // Unless the configuration is known to contradict it.
    expect(() => checkWorld(broken, undefined, ["hub.exactly-one"])).not.toThrow();
  });
});

describe("runStep", () => {
  it("logs the step, counts guards and the verdict, and replaces the world", () => {
    const coverage = new CoverageCounter();
    const { real } = setup(undefined, undefined, coverage);
    const before = real.world;
    const outcome = runStep(real, {
      kind: "join",
      user: "@bob:b.example" as never,
      room: "!nowhere:a.example" as never,
    });
    expect(outcome.verdict).toMatchObject({ accepted: false, guard: "hub.room-known" });
    expect(outcome.before).toBe(before);
    expect(real.log).toHaveLength(1);
    expect(coverage.guards.get("hub.room-known")).toEqual({ pass: 0, reject: 1 });
    expect(coverage.actions.get("join")).toEqual({ accepted: 0, rejected: 1 });
  });
});
