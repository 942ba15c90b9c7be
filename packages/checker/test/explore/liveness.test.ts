import {
  type Action,
  appendToReplica,
  type FullEvent,
  historyOf,
  replicaFromCreate,
  runTrace,
  step,
} from "@mimi-spec/machine";
import type { ServerName } from "@mimi-spec/schema";
import { describe, expect, it } from "vitest";
import { explore, exploreWith } from "../../src/explore/explore.ts";
import { convergenceProblem, historyDifference, settle } from "../../src/explore/liveness.ts";
import { DEFAULT_EXPLORE_SCOPE } from "../../src/explore/scope.ts";
import { replay, startWorld } from "./walk.ts";

const alice = "@alice:a.example" as never;
const bob = "@bob:b.example" as never;
const room = "!r1:a.example" as never;

/** bob of b.example has joined alice's group chat on a.example; everything delivered. */
function joined() {
  return replay(startWorld("lm-i1"), [
    { kind: "create-room", user: alice, room, chatType: "group-chat" },
    { kind: "invite", user: alice, room, target: bob },
    { kind: "flush" },
    { kind: "join", user: bob, room },
  ]);
}

const hubHistory = (world: ReturnType<typeof joined>) =>
  historyOf(world.servers.get("a.example" as ServerName)?.persisted.rooms.get(room) ?? fail()).map(
    (e) => e.event_id,
  );
const bobHistory = (world: ReturnType<typeof joined>) => {
  const replica = world.servers.get("b.example" as ServerName)?.persisted.rooms.get(room);
  return replica === undefined ? undefined : historyOf(replica).map((e) => e.event_id);
};
function fail(): never {
  throw new Error("missing replica");
}

describe("the delivery check", () => {
  it("holds from every state of the default scope (depth 3) and of the racy DM profile", () => {
    const report = explore({ profile: "lm-i1", depth: 3 });
    expect(report.liveness).toEqual({ checked: report.distinctStates, failed: 0, failures: [] });
    const racy = explore({ profile: "lm-i1", options: { "chat.dm-creation": "any-member" }, depth: 2 });
    expect(racy.liveness?.failed).toBe(0);
    expect(racy.liveness?.checked).toBe(racy.distinctStates);
  });

  it("recovers a lost join history by syncing", () => {
    const world = joined();
    // The submission, then the hub's result and the history it sends bob's server.
    let w = step(world, { kind: "deliver", message: world.inFlight[0]?.id ?? 0 }).world;
    const history = w.inFlight.find((e) => e.message.kind === "history");
    expect(history).toBeDefined();
    w = step(w, { kind: "drop", message: history?.id ?? 0 }).world;
    expect(convergenceProblem(step(w, { kind: "flush" }).world)).toMatch(
      /b.example's copy of !r1:a.example holds no copy/u,
    );
    const settled = settle(w);
    expect(settled.problem).toBeUndefined();
    expect(settled.actions.map((a) => a.kind)).toContain("sync");
    expect(bobHistory(settled.world)).toEqual(hubHistory(settled.world));
  });

  it("retries a transaction whose result was lost without appending it twice", () => {
    let w = joined();
    w = step(w, { kind: "flush" }).world;
    const send: Action = { kind: "send-message", user: bob, room, body: "hello" };
    w = step(w, send).world;
    w = step(w, { kind: "deliver", message: w.inFlight[0]?.id ?? 0 }).world;
    const result = w.inFlight.find((e) => e.message.kind === "result");
    w = step(w, { kind: "drop", message: result?.id ?? 0 }).world;
    const before = hubHistory(w).length;
    const settled = settle(w);
    expect(settled.actions.map((a) => a.kind)).toContain("retry");
    expect(settled.problem).toBeUndefined();
    expect(hubHistory(settled.world).length).toBe(before);
  });

  it("names lost, duplicated and reordered events", () => {
    const world = step(joined(), { kind: "flush" }).world;
    const hub = world.servers.get("a.example" as ServerName)?.persisted.rooms.get(room) ?? fail();
    const events = historyOf(hub);
    const [create, ...rest] = events as [FullEvent, ...FullEvent[]];
    const build = (list: ReadonlyArray<FullEvent>) =>
      list.reduce(appendToReplica, replicaFromCreate(create, "a.example" as ServerName));
    expect(historyDifference(build(rest), hub)).toBeUndefined();
    expect(historyDifference(build(rest.slice(0, -1)), hub)).toMatch(/lacks/u);
    expect(historyDifference(build([...rest, rest[0] as FullEvent]), hub)).toMatch(/twice/u);
    expect(historyDifference(build([...rest].reverse()), hub)).toMatch(/another order/u);
    expect(historyDifference(undefined, hub)).toMatch(/holds no copy/u);
  });

  it("reports each failing state with a trace that replays to it, then settles", () => {
    // A stand-in check that fails wherever a server waits for a transaction's result.
    const report = exploreWith(
      { profile: "lm-i1", depth: 3, scope: { ...DEFAULT_EXPLORE_SCOPE, maxRooms: 1 } },
      (world) => {
        const waiting = [...world.servers.values()].some((s) => s.volatile.pending.size > 0);
        const settled = settle(world);
        return { ...settled, problem: waiting ? "a transaction was pending" : undefined };
      },
    );
    expect(report.liveness?.failed).toBeGreaterThan(0);
    expect(report.liveness?.failures.length).toBe(Math.min(10, report.liveness?.failed ?? 0));
    const failure = report.liveness?.failures[0];
    expect(failure?.message).toBe("a transaction was pending");
    if (failure === undefined) return;
    const run = runTrace(failure.trace);
    expect(run.ok && run.run.ok).toBe(true);
    // The trace is the path to the failing state and then the settling actions.
    const kinds = failure.trace.steps.map((s) => s.action.kind);
    expect(kinds.indexOf("flush")).toBeGreaterThan(0);
    if (run.ok) expect(convergenceProblem(run.run.world)).toBeUndefined();
  });
});
