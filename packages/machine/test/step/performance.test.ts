import type { UserId } from "@mimi-spec/schema";
import { describe, expect, it } from "vitest";
import { type Action, emptyWorld, step, type World } from "../../src/index.ts";
import { alice, hubCopy, room } from "../support.ts";

const lobby = room("lobby");

function timed(world: World, actions: ReadonlyArray<Action>): { world: World; msPerStep: number } {
  let w = world;
  const start = performance.now();
  for (const action of actions) {
    const result = step(w, action);
    if (!result.verdict.accepted) throw new Error(JSON.stringify(result.verdict));
    w = result.world;
  }
  return { world: w, msPerStep: (performance.now() - start) / actions.length };
}

const messages = (n: number): Action[] =>
  Array.from(
    { length: n },
    (_, i) => ({ kind: "send-message", user: alice, room: lobby, body: `m${i}` }) as const,
  );
const joins = (from: number, n: number): Action[] =>
  Array.from(
    { length: n },
    (_, i) => ({ kind: "join", user: `@u${from + i}:a.example` as UserId, room: lobby }) as const,
  );

describe("applying an event", () => {
  it("costs about the same in a small room and in a room ten times its size (indexes, not replay)", () => {
    let world = timed(emptyWorld(), [
      { kind: "create-room", user: alice, room: lobby, chatType: "public-chat" },
    ]).world;
    world = timed(world, joins(0, 200)).world;
    timed(world, messages(200)); // warm-up
    const small = timed(world, [...joins(200, 100), ...messages(300)]);
    let big = timed(small.world, joins(300, 2700)).world;
    big = timed(big, messages(1000)).world;
    const large = timed(big, [...joins(3000, 100), ...messages(300)]);
    expect(hubCopy(large.world, lobby).state.length).toBeGreaterThan(4000);
    // Generous bound: a replaying implementation would be ~10x slower here.
    expect(large.msPerStep).toBeLessThan(small.msPerStep * 4 + 0.05);
  });
});
