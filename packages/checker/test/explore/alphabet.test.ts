import { type Action, resolveProfile, step } from "@mimi-spec/machine";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { CompactAlphabet } from "../../src/compact/alphabet.ts";
import { CompactMachine } from "../../src/compact/machine.ts";
import { enabledActions } from "../../src/explore/alphabet.ts";
import { DEFAULT_EXPLORE_SCOPE, EXPLORABLE_KINDS } from "../../src/explore/scope.ts";
import { choicesArbitrary, replay, scopeOf, startWorld } from "./walk.ts";

const scope = scopeOf(DEFAULT_EXPLORE_SCOPE);
const start = startWorld("lm-i1");
const alice = "@alice:a.example" as never;
const bob = "@bob:b.example" as never;

describe("the action alphabet", () => {
  it("offers only room creations in the empty world: every chat type, invitee list and order, next free room", () => {
    const actions = enabledActions(start, scope);
    expect(new Set(actions.map((a) => a.kind))).toEqual(new Set(["create-room"]));
    // Per user: a DM with each of the two others, a group DM in both invite orders, a group chat.
    expect(actions).toHaveLength(15);
    expect(actions).toContainEqual({
      kind: "create-room",
      user: bob,
      room: "!r1:b.example",
      chatType: "group-dm",
      invite: ["@carol:a.example", alice],
    });
    expect(actions).toContainEqual({
      kind: "create-room",
      user: bob,
      room: "!r1:b.example",
      chatType: "group-dm",
      invite: [alice, "@carol:a.example"],
    });
    const after = replay(start, [
      { kind: "create-room", user: alice, room: "!r1:a.example" as never, chatType: "group-chat" },
    ]);
    const rooms = enabledActions(after, scope).filter(
      (a): a is Extract<Action, { kind: "create-room" }> => a.kind === "create-room",
    );
    expect(new Set(rooms.map((a) => a.room))).toEqual(new Set(["!r2:a.example", "!r1:b.example"]));
  });

  it("stops users (and duplication, retries, syncs) while maxInFlight messages are in flight, never the network", () => {
    const tight = scopeOf({ ...DEFAULT_EXPLORE_SCOPE, maxInFlight: 1 });
    const world = replay(start, [
      { kind: "create-room", user: alice, room: "!r1:a.example" as never, chatType: "dm", invite: [bob] },
    ]);
    expect(world.inFlight).toHaveLength(1);
    const kinds = new Set(enabledActions(world, tight).map((a) => a.kind));
    expect(kinds).toEqual(new Set(["deliver", "drop", "flush"]));
  });

  it("offers no more rooms than maxRooms", () => {
    const one = scopeOf({ ...DEFAULT_EXPLORE_SCOPE, maxRooms: 1 });
    const world = replay(start, [
      { kind: "create-room", user: alice, room: "!r1:a.example" as never, chatType: "group-chat" },
    ]);
    expect(enabledActions(world, one).some((a) => a.kind === "create-room")).toBe(false);
  });

  it("offers actions the machine applies or refuses with a reason, for every explorable kind (property)", () => {
    const wide = scopeOf({
      ...DEFAULT_EXPLORE_SCOPE,
      chatTypes: ["dm", "group-dm", "group-chat", "public-chat"],
      actions: [...EXPLORABLE_KINDS],
      maxInFlight: 4,
    });
    const offered = new Set<string>();
    fc.assert(
      fc.property(choicesArbitrary(12), (choices) => {
        let world = start;
        for (const choice of choices) {
          const actions = enabledActions(world, wide);
          for (const a of actions) offered.add(a.kind);
          const action = actions[choice % actions.length];
          if (action === undefined) return;
          const result = step(world, action);
          if (!result.verdict.accepted) expect(result.verdict.reason.length).toBeGreaterThan(0);
          world = result.world;
        }
      }),
      { numRuns: 60 },
    );
    // The walks reach most kinds (the rest need longer set-ups).
    expect(offered.size).toBeGreaterThan(15);
  });
});

describe("the wild alphabet", () => {
  const carol = "@carol:a.example" as never;
  const dm: Action = {
    kind: "create-room",
    user: alice,
    room: "!r1:a.example" as never,
    chatType: "dm",
    invite: [bob],
  };
  const wild = scopeOf({ ...DEFAULT_EXPLORE_SCOPE, wild: true });

  it("offers what the user's server would not: an invite into a DM's fixed membership, a message before joining", () => {
    const world = replay(start, [dm]);
    const plausible = enabledActions(world, scope);
    const all = enabledActions(world, wild);
    const thirdMember = { kind: "invite", user: alice, room: "!r1:a.example", target: carol };
    expect(plausible).not.toContainEqual(thirdMember);
    expect(all).toContainEqual(thirdMember);
    // carol's server holds the DM's replica though she is no member: she may try to speak in it.
    expect(all).toContainEqual({ kind: "send-message", user: carol, room: "!r1:a.example", body: "m" });
    // Every plausible action is still offered.
    for (const action of plausible) expect(all).toContainEqual(action);
    // The machine refuses the third member.
    expect(step(world, thirdMember as Action).verdict.accepted).toBe(false);
  });

  it("is the same on the compact machine", () => {
    const resolved = resolveProfile("lm-i1", {});
    if (!resolved.ok) throw new Error(resolved.message);
    const machine = new CompactMachine(wild, resolved.profile);
    const compact = machine.step(machine.initial(), dm);
    if (compact === undefined) throw new Error("the DM was refused");
    const texts = (actions: ReadonlyArray<Action>) => actions.map((a) => JSON.stringify(a)).sort();
    expect(texts(new CompactAlphabet(machine).enabled(compact))).toEqual(
      texts(enabledActions(replay(start, [dm]), wild)),
    );
  });
});
