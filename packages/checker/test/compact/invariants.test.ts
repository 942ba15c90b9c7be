import { type Action, type Message, resolveProfile, violations } from "@mimi-spec/machine";
import type { RoomId, UserId } from "@mimi-spec/schema";
import { describe, expect, it } from "vitest";
import { CompactAlphabet } from "../../src/compact/alphabet.ts";
import { CompactInvariantChecker } from "../../src/compact/invariants.ts";
import { CompactKeys } from "../../src/compact/key.ts";
import { CompactMachine, type CompactWorld } from "../../src/compact/machine.ts";
import { enabledActions } from "../../src/explore/alphabet.ts";
import {
  DEFAULT_EXPLORE_SCOPE,
  DUPLICATE_DM_SCOPE,
  type ExploreScope,
  resolveExploreScope,
} from "../../src/explore/scope.ts";
import { Symmetry } from "../../src/explore/symmetry.ts";

const ALICE = "@alice:a.example" as UserId;
const BOB = "@bob:b.example" as UserId;
const ALICE_DM = "!r1:a.example" as RoomId;
const BOB_DM = "!r1:b.example" as RoomId;
const ANY_MEMBER = { "chat.dm-creation": "any-member" };

function machineOf(scope: ExploreScope, options: Record<string, string> = {}): CompactMachine {
  const resolved = resolveProfile("lm-i1", options);
  if (!resolved.ok) throw new Error(resolved.message);
  return new CompactMachine(resolveExploreScope(scope), resolved.profile);
}

/** The machine's own answer: its invariants on the decoded world. */
function reference(machine: CompactMachine, world: CompactWorld) {
  return violations(machine.decode(world)).map((v) => ({ invariant: v.invariant.id, message: v.message }));
}

/** Every compact world up to `depth` actions (the explorer's alphabet, no symmetry reduction). */
function reachable(machine: CompactMachine, depth: number): CompactWorld[] {
  const key = (w: CompactWorld) => JSON.stringify([w.slices, w.messages, w.pending, w.counters, w.results]);
  const root = machine.initial();
  const seen = new Set([key(root)]);
  const all = [root];
  let frontier = [root];
  for (let d = 0; d < depth; d++) {
    const next: CompactWorld[] = [];
    for (const world of frontier)
      for (const action of enabledActions(machine.decode(world), machine.layout.scope)) {
        const after = machine.step(world, action);
        if (after === undefined || seen.has(key(after))) continue;
        seen.add(key(after));
        next.push(after);
      }
    all.push(...next);
    frontier = next;
  }
  return all;
}

function run(machine: CompactMachine, actions: ReadonlyArray<Action>): CompactWorld {
  let world = machine.initial();
  for (const action of actions) {
    const after = machine.step(world, action);
    if (after === undefined) throw new Error(`refused: ${JSON.stringify(action)}`);
    world = after;
  }
  return world;
}

/** Alice and Bob each create a DM with the other on their own server (a race under any-member). */
const RACE: ReadonlyArray<Action> = [
  { kind: "create-room", user: ALICE, room: ALICE_DM, chatType: "dm", invite: [BOB] },
  { kind: "create-room", user: BOB, room: BOB_DM, chatType: "dm", invite: [ALICE] },
];

describe("the compact invariant checker", () => {
  it.each([
    ["the default scope, any-member DMs", DEFAULT_EXPLORE_SCOPE, ANY_MEMBER, 3],
    ["the default scope, default options", DEFAULT_EXPLORE_SCOPE, {}, 3],
    ["the duplicate-DM scope, any-member DMs", DUPLICATE_DM_SCOPE, ANY_MEMBER, 4],
  ] as const)(
    "gives exactly the machine's violations in every reachable world (%s)",
    (_, scope, options, depth) => {
      const machine = machineOf(scope, options);
      const checker = new CompactInvariantChecker(machine);
      const worlds = reachable(machine, depth);
      let violating = 0;
      for (const world of worlds) {
        const expected = reference(machine, world);
        if (expected.length > 0) violating++;
        expect(checker.violations(world)).toEqual(expected);
      }
      expect(worlds.length).toBeGreaterThan(500);
      if (options === ANY_MEMBER) expect(violating).toBeGreaterThan(0);
    },
  );

  it("gives exactly the machine's violations in worlds mixed from reachable parts (many invariants broken at once)", () => {
    // Parts seen at each place, recombined: followers ahead of their hub, directories filing a
    // room under another chat type, rooms sharing members, hub events that are not fully formed,
    // and now and then a part from another slot (answered whole). A walk's first violation is
    // then often one of several, which tests the order the parts' answers are combined in.
    const broken = new Set<string>();
    for (const options of [ANY_MEMBER, { "mgmt.fixed-membership-rooms": "no-membership-changes" }]) {
      const machine = machineOf(DEFAULT_EXPLORE_SCOPE, options);
      const checker = new CompactInvariantChecker(machine);
      const worlds = reachable(machine, 3);
      const slotCount = machine.layout.slotCount;
      const atPlace = (worlds[0] as CompactWorld).slices.map((_, at) => [
        ...new Set(worlds.map((w) => w.slices[at] ?? 0)),
      ]);
      const inSlot = Array.from({ length: slotCount }, (_, k) =>
        atPlace.filter((_, at) => at % slotCount === k).flat(),
      );
      const messages = [...new Set(worlds.flatMap((w) => w.messages))];
      for (const id of messages) {
        const m = machine.messages.value(id);
        if (m.kind === "event" && m.event.prev_events.length > 0)
          messages.push(machine.messages.id({ ...m, event: { ...m.event, prev_events: [] } }));
      }
      let seed = 7;
      const pick = <T>(items: ReadonlyArray<T>): T => {
        seed = (seed * 1103515245 + 12345) % 2147483648;
        return items[seed % items.length] as T;
      };
      for (let t = 0; t < 400; t++) {
        const base = pick(worlds);
        const slices = base.slices.map((id, at) => {
          const r = pick([0, 1, 2, 3, 4, 5, 6, 7, 8, 9]);
          return r < 4
            ? id
            : r < 9
              ? pick(atPlace[at] as number[])
              : pick(inSlot[(at + 1) % slotCount] as number[]);
        });
        const world = { ...base, slices, messages: [pick(messages), pick(messages), pick(messages)] };
        const expected = reference(machine, world);
        for (const v of expected) broken.add(v.invariant);
        expect(checker.violations(world)).toEqual(expected);
      }
      expect(checker.wholeWorlds).toBeGreaterThan(0);
    }
    expect([...broken]).toEqual(
      expect.arrayContaining([
        "dm.unique-per-pair",
        "group-dm.leave",
        "group-dm.never-becomes-dm",
        "group-dm.unique-per-member-set",
        "history.someone-keeps-all",
        "hub.emits-fully-formed",
        "hub.processes-and-fans-out",
      ]),
    );
  });

  it("reports the duplicate-DM race as the machine does, before and after the deliveries", () => {
    const machine = machineOf(DUPLICATE_DM_SCOPE, ANY_MEMBER);
    const checker = new CompactInvariantChecker(machine);
    const raced = run(machine, RACE);
    const flushed = run(machine, [...RACE, { kind: "flush" }]);
    for (const world of [raced, flushed]) {
      const found = checker.violations(world);
      expect(found).toEqual(reference(machine, world));
      expect(found.map((v) => v.invariant)).toContain("dm.unique-per-pair");
      expect(found.find((v) => v.invariant === "dm.unique-per-pair")?.message).toBe(
        `${ALICE_DM} and ${BOB_DM} are both DMs between ${ALICE}, ${BOB}`,
      );
    }
    // The deliveries do happen (the invitees' servers hold copies after the flush).
    expect(flushed.slices).not.toEqual(raced.slices);
  });

  it("answers from cached parts: a world with the same parts costs no new check", () => {
    const machine = machineOf(DEFAULT_EXPLORE_SCOPE, ANY_MEMBER);
    const checker = new CompactInvariantChecker(machine);
    const worlds = reachable(machine, 2);
    const first = worlds.map((w) => checker.violations(w));
    const asked = checker.partWorlds;
    expect(asked).toBeGreaterThan(0);
    // Every part has been seen: checking all worlds again runs no invariant on any new world.
    expect(worlds.map((w) => checker.violations(w))).toEqual(first);
    expect(checker.partWorlds).toBe(asked);
    // Transactions and counters are read by no invariant: changing them asks nothing new either.
    const world = worlds[worlds.length - 1] as CompactWorld;
    const busier = { ...world, counters: world.counters.map((c) => c + 7) };
    expect(checker.violations(busier)).toEqual(reference(machine, busier));
    expect(checker.partWorlds).toBe(asked);
  });

  it("reports a hub's limited event in flight at its position, only while the room exists", () => {
    const machine = machineOf(DEFAULT_EXPLORE_SCOPE, ANY_MEMBER);
    const checker = new CompactInvariantChecker(machine);
    const world = run(machine, [RACE[0] as Action]);
    const [invite] = world.messages;
    if (invite === undefined) throw new Error("the creation sent no invite");
    const forged: Message = {
      kind: "submit",
      from: "a.example" as never,
      to: "a.example" as never,
      room: ALICE_DM,
      txn: "t1",
      event: { type: "m.room.message", sender: ALICE, room_id: ALICE_DM, content: { body: "hi" } } as never,
    };
    const withForged = { ...world, messages: [invite, machine.messages.id(forged)] };
    const found = checker.violations(withForged);
    expect(found).toEqual(reference(machine, withForged));
    expect(found).toContainEqual({
      invariant: "hub.emits-fully-formed",
      message: "message #2: the hub a.example sent a limited event",
    });
    // Before the room exists the message breaks nothing.
    const noRoom = { ...machine.initial(), messages: [machine.messages.id(forged)] };
    expect(checker.violations(noRoom)).toEqual([]);
    expect(reference(machine, noRoom)).toEqual([]);
  });

  it("answers a world whole when a copy sits in another room's slot (a cut would not be exact)", () => {
    const machine = machineOf(DEFAULT_EXPLORE_SCOPE, ANY_MEMBER);
    const checker = new CompactInvariantChecker(machine);
    const world = run(machine, [RACE[0] as Action, { kind: "flush" }]);
    // Slot 0 is a.example's first room, slot 1 its second: the first room's copy moves over.
    const slices = [...world.slices];
    slices[1] = slices[0] as number;
    const misplaced = { ...world, slices };
    const found = checker.violations(misplaced);
    expect(checker.wholeWorlds).toBe(1);
    expect(found).toEqual(reference(machine, misplaced));
    expect(found.length).toBeGreaterThan(0);
  });

  it("gives the machine's violations when asked with the clean parent a world was reached from (the explorer's path)", () => {
    // Breadth first as the explorer walks: its alphabet, its keys for dedupe (symmetry on), and
    // each new world asked with its parent when the parent was found clean right after it was asked.
    const machine = machineOf(DEFAULT_EXPLORE_SCOPE, ANY_MEMBER);
    const checker = new CompactInvariantChecker(machine);
    const alphabet = new CompactAlphabet(machine);
    const keys = new CompactKeys(machine, new Symmetry(machine.layout.scope, machine.profile, true));
    const root = machine.initial();
    const seen = new Set([keys.key(root)]);
    expect(checker.violations(root)).toEqual(reference(machine, root));
    let frontier = [{ world: root, clean: checker.lastClean }];
    expect(frontier[0]?.clean).toBe(true);
    let asked = 0;
    let fromCleanParent = 0;
    let violating = 0;
    let violatingFromCleanParent = 0;
    for (let depth = 1; depth <= 4; depth++) {
      const next: typeof frontier = [];
      for (const { world: parent, clean } of frontier)
        for (const action of alphabet.enabled(parent)) {
          const world = machine.step(parent, action);
          if (world === undefined) continue;
          const key = keys.key(world);
          if (seen.has(key)) continue;
          seen.add(key);
          const found = checker.violations(world, clean ? parent : undefined);
          const lastClean = checker.lastClean;
          const expected = reference(machine, world);
          expect(found).toEqual(expected);
          // Clean means no invariant about parts is broken (only the one about messages in flight may be).
          if (lastClean) expect(expected.filter((v) => v.invariant !== "hub.emits-fully-formed")).toEqual([]);
          asked++;
          if (clean) fromCleanParent++;
          if (expected.length > 0) {
            violating++;
            if (clean) violatingFromCleanParent++;
          }
          next.push({ world, clean: lastClean });
        }
      frontier = next;
    }
    expect(asked).toBeGreaterThan(5000);
    // Most worlds are asked about incrementally, and some of those break an invariant.
    expect(fromCleanParent).toBeGreaterThan(asked / 2);
    expect(violatingFromCleanParent).toBeGreaterThan(0);
    expect(violating).toBeGreaterThan(violatingFromCleanParent);
  });

  it("reports an invariant a step breaks when asked with the clean parent (the second DM creation of the race)", () => {
    const machine = machineOf(DEFAULT_EXPLORE_SCOPE, ANY_MEMBER);
    const checker = new CompactInvariantChecker(machine);
    const parent = run(machine, [RACE[0] as Action]);
    expect(checker.violations(parent)).toEqual([]);
    expect(checker.lastClean).toBe(true);
    const child = machine.step(parent, RACE[1] as Action);
    if (child === undefined) throw new Error("the second creation was refused");
    const found = checker.violations(child, parent);
    expect(checker.lastClean).toBe(false);
    expect(found).toEqual(reference(machine, child));
    expect(found).toContainEqual({
      invariant: "dm.unique-per-pair",
      message: `${ALICE_DM} and ${BOB_DM} are both DMs between ${ALICE}, ${BOB}`,
    });
    // The child's children are then asked about without a parent (the explorer passes none), and still reported.
    const flushed = machine.step(child, { kind: "flush" });
    if (flushed === undefined) throw new Error("the flush was refused");
    expect(checker.violations(flushed)).toEqual(reference(machine, flushed));
    expect(checker.violations(flushed).map((v) => v.invariant)).toContain("dm.unique-per-pair");
  });
});
