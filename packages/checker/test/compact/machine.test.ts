import { type Action, emptyWorld, logItems, resolveProfile, step, type World } from "@mimi-spec/machine";
import type { RoomId, ServerName, UserId } from "@mimi-spec/schema";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { CompactMachine, type CompactWorld } from "../../src/compact/machine.ts";
import { toCompactAction } from "../../src/compact/verify.ts";
import { enabledActions } from "../../src/explore/alphabet.ts";
import { serializeWorld } from "../../src/explore/canonical.ts";
import {
  DEFAULT_EXPLORE_SCOPE,
  DUPLICATE_DM_SCOPE,
  type ExploreScope,
  type ResolvedExploreScope,
  resolveExploreScope,
} from "../../src/explore/scope.ts";
import { Symmetry } from "../../src/explore/symmetry.ts";

const ALICE = "@alice:a.example" as UserId;
const BOB = "@bob:b.example" as UserId;
const CAROL = "@carol:a.example" as UserId;
const A = "a.example" as ServerName;
const B = "b.example" as ServerName;
const DM = "!r1:a.example" as RoomId;
const BOB_ROOM = "!r1:b.example" as RoomId;

const createDm: Action = { kind: "create-room", user: ALICE, room: DM, chatType: "dm", invite: [BOB] };
const say = (user: UserId, body: string): Action => ({ kind: "send-message", user, room: DM, body });

function profileOf(name: string, options: Record<string, string> = {}) {
  const resolved = resolveProfile(name, options);
  if (!resolved.ok) throw new Error(resolved.message);
  return resolved.profile;
}

/**
 * The reference machine and the compact machine side by side: every action (with reference
 * message IDs) goes to both, and after it both must have accepted or refused it alike and hold
 * the same world (equal reference canonical forms without symmetry reduction).
 */
class Lockstep {
  readonly scope: ResolvedExploreScope;
  readonly machine: CompactMachine;
  reference: World;
  compact: CompactWorld;
  private readonly identity: Symmetry;

  constructor(scope: ExploreScope = DEFAULT_EXPLORE_SCOPE, profile = profileOf("lm-i1")) {
    this.scope = resolveExploreScope(scope);
    this.machine = new CompactMachine(this.scope, profile);
    this.identity = new Symmetry(this.scope, profile, false);
    this.reference = emptyWorld({ profile, delivery: "network", eventIds: "counter" });
    this.compact = this.machine.initial();
  }

  formOf(world: World): string {
    const [renaming] = this.identity.renamingsOf(world);
    if (renaming === undefined) throw new Error("no identity renaming");
    return serializeWorld(world, renaming);
  }

  /** The reference world's form and the decoded compact world's form. */
  forms(): [string, string] {
    return [this.formOf(this.reference), this.formOf(this.machine.decode(this.compact))];
  }

  /** Applies `action` to both machines; returns whether they accepted it (they must agree). */
  act(action: Action): boolean {
    const result = step(this.reference, action);
    const accepted = result.world !== this.reference;
    const compactAfter = this.machine.step(this.compact, toCompactAction(this.reference, action));
    expect(compactAfter !== undefined, `compact machine accepted ${JSON.stringify(action)}`).toBe(accepted);
    this.reference = result.world;
    if (compactAfter !== undefined) this.compact = compactAfter;
    const [reference, compact] = this.forms();
    expect(compact, `after ${JSON.stringify(action)}`).toBe(reference);
    return accepted;
  }

  /** The reference ID of the in-flight message of `kind` to `to` (the first, or the `nth`). */
  message(kind: string, to: ServerName, nth = 0): number {
    const found = this.reference.inFlight.filter((e) => e.message.kind === kind && e.message.to === to)[nth];
    if (found === undefined) throw new Error(`no ${kind} message to ${to} in flight`);
    return found.id;
  }

  /** The kinds of the messages in flight, oldest first. */
  inFlight(): string[] {
    return this.reference.inFlight.map((e) => `${e.message.kind}>${e.message.to}`);
  }

  /** The pending transactions of `server` in the reference world. */
  pending(server: ServerName): string[] {
    return [...(this.reference.servers.get(server)?.volatile.pending.keys() ?? [])];
  }
}

/** The DM alice (hub a.example) made with bob, with bob joined and the hub's answers in flight. */
function joinedDm(): Lockstep {
  const run = new Lockstep();
  run.act(createDm);
  run.act({ kind: "deliver", message: run.message("invite", B) });
  run.act({ kind: "join", user: BOB, room: DM });
  run.act({ kind: "deliver", message: run.message("submit", A) });
  return run;
}

describe("CompactMachine: scopes", () => {
  const base = resolveExploreScope(DEFAULT_EXPLORE_SCOPE);
  const profile = profileOf("lm-i1");

  it.each(["set-profile", "set-setting", "set-server-setting"] as const)(
    "refuses a scope whose alphabet has %s, saying why",
    (kind) => {
      const scope = resolveExploreScope({
        ...DEFAULT_EXPLORE_SCOPE,
        actions: [...DEFAULT_EXPLORE_SCOPE.actions, kind],
      });
      expect(() => new CompactMachine(scope, profile)).toThrow(
        `compact machine: the scope's action kind "${kind}" is not supported (it changes what other servers read)`,
      );
    },
  );

  it.each(["forge-limited", "forge-fully-formed", "hub-tamper"])(
    "refuses a scope whose kinds include the adversarial %s",
    (kind) => {
      const scope = { ...base, kinds: new Set([...base.kinds, kind]) } as ResolvedExploreScope;
      expect(() => new CompactMachine(scope, profile)).toThrow(`action kind "${kind}" is not supported`);
    },
  );

  it("refuses a step of a kind it does not support, and names rooms and servers outside the scope", () => {
    const machine = new CompactMachine(base, profile);
    const world = machine.initial();
    expect(() => machine.step(world, { kind: "set-profile", user: ALICE, name: "A" })).toThrow(
      'compact machine: action kind "set-profile" is not supported',
    );
    expect(() => machine.step(world, { kind: "sync", server: B, room: "!r9:a.example" as RoomId })).toThrow(
      "compact machine: !r9:a.example is not a room of the scope",
    );
    expect(() => machine.step(world, { kind: "restart", server: "z.example" as ServerName })).toThrow(
      "compact machine: z.example is not a server of the scope",
    );
  });

  it("starts from the empty world: every part empty, nothing pending or in flight", () => {
    const machine = new CompactMachine(base, profile);
    const world = machine.initial();
    expect(world.slices).toEqual(new Array(2 * 4).fill(0));
    expect(world.pending).toEqual([[], []]);
    expect(world.counters).toEqual([0, 0]);
    expect(world.messages).toEqual([]);
    const run = new Lockstep();
    const [reference, compact] = run.forms();
    expect(compact).toBe(reference);
  });
});

describe("CompactMachine: steps as the reference machine takes them", () => {
  it("creates a DM on the hub and delivers the invite, the join and the hub's answers", () => {
    const run = new Lockstep();
    expect(run.act(createDm)).toBe(true);
    expect(run.inFlight()).toEqual(["invite>b.example"]);
    expect(run.act({ kind: "deliver", message: run.message("invite", B) })).toBe(true);
    expect(run.act({ kind: "join", user: BOB, room: DM })).toBe(true);
    expect(run.pending(B)).toEqual(["t1"]);
    expect(run.act({ kind: "deliver", message: run.message("submit", A) })).toBe(true);
    expect(run.inFlight()).toEqual(["history>b.example", "result>b.example"]);
    expect(run.act({ kind: "deliver", message: run.message("history", B) })).toBe(true);
    expect(run.act({ kind: "deliver", message: run.message("result", B) })).toBe(true);
    expect(run.pending(B)).toEqual([]);
    // The hub's own user needs no transaction; the follower's does.
    expect(run.act(say(ALICE, "hi"))).toBe(true);
    expect(run.inFlight()).toEqual(["event>b.example"]);
    expect(run.act(say(BOB, "hello"))).toBe(true);
    expect(run.pending(B)).toEqual(["t2"]);
    expect(run.act({ kind: "flush" })).toBe(true);
    expect(run.inFlight()).toEqual([]);
    expect(run.reference.servers.get(B)?.persisted.rooms.get(DM)?.history.length).toBe(7);
  });

  it("refuses a follower's second user action while its transaction is pending (LM: one in flight)", () => {
    const run = new Lockstep();
    run.act(createDm);
    run.act({ kind: "deliver", message: run.message("invite", B) });
    expect(run.act({ kind: "join", user: BOB, room: DM })).toBe(true);
    const before = run.compact;
    expect(run.act({ kind: "leave", user: BOB, room: DM })).toBe(false);
    expect(run.act({ kind: "join", user: BOB, room: DM })).toBe(false);
    expect(run.compact).toBe(before);
    expect(run.pending(B)).toEqual(["t1"]);
    // Once the answer arrives, bob may act again.
    run.act({ kind: "deliver", message: run.message("submit", A) });
    run.act({ kind: "deliver", message: run.message("result", B) });
    expect(run.act(say(BOB, "now"))).toBe(true);
  });

  it("refuses what the hub refuses for its own user, leaving the world as it was", () => {
    const run = new Lockstep();
    run.act(createDm);
    const before = run.compact;
    // carol is on the hub but not in the DM.
    expect(run.act(say(CAROL, "let me in"))).toBe(false);
    expect(run.compact).toBe(before);
    // A second room with the same ID is refused too.
    expect(run.act(createDm)).toBe(false);
  });

  it("refuses to move a message that is not in flight, or to retry an unknown transaction", () => {
    const run = new Lockstep();
    run.act(createDm);
    expect(run.act({ kind: "deliver", message: 7 })).toBe(false);
    expect(run.act({ kind: "drop", message: 7 })).toBe(false);
    expect(run.act({ kind: "duplicate", message: 7 })).toBe(false);
    expect(run.act({ kind: "retry", server: B, txn: "t1" })).toBe(false);
    // Positions past the end are refused by the compact machine directly, too.
    expect(run.machine.step(run.compact, { kind: "deliver", message: 2 })).toBeUndefined();
    expect(run.machine.step(run.compact, { kind: "deliver", message: 0 })).toBeUndefined();
  });

  it("drops and duplicates messages; the hub answers a duplicated submission from its results", () => {
    const run = new Lockstep();
    run.act(createDm);
    run.act({ kind: "duplicate", message: run.message("invite", B) });
    run.act({ kind: "deliver", message: run.message("invite", B, 1) });
    run.act({ kind: "deliver", message: run.message("invite", B) });
    run.act({ kind: "join", user: BOB, room: DM });
    run.act({ kind: "duplicate", message: run.message("submit", A) });
    expect(run.inFlight()).toEqual(["submit>a.example", "submit>a.example"]);
    run.act({ kind: "deliver", message: run.message("submit", A) });
    run.act({ kind: "deliver", message: run.message("submit", A) });
    // One join, two answers.
    expect(run.reference.servers.get(A)?.persisted.rooms.get(DM)?.history.length).toBe(5);
    expect(run.inFlight()).toEqual(["history>b.example", "result>b.example", "result>b.example"]);
    run.act({ kind: "drop", message: run.message("result", B) });
    run.act({ kind: "deliver", message: run.message("result", B) });
    expect(run.pending(B)).toEqual([]);
    run.act({ kind: "drop", message: run.message("history", B) });
    expect(run.inFlight()).toEqual([]);
  });

  it("retries a lost submission with the same transaction, and restarts forget pending ones", () => {
    const run = new Lockstep();
    run.act(createDm);
    run.act({ kind: "deliver", message: run.message("invite", B) });
    run.act({ kind: "join", user: BOB, room: DM });
    run.act({ kind: "drop", message: run.message("submit", A) });
    expect(run.act({ kind: "retry", server: B, txn: "t1" })).toBe(true);
    run.act({ kind: "deliver", message: run.message("submit", A) });
    run.act({ kind: "deliver", message: run.message("result", B) });
    // A lost submission and a restart: bob's server forgets t2, so it may start t3.
    run.act(say(BOB, "one"));
    run.act({ kind: "drop", message: run.message("submit", A) });
    expect(run.pending(B)).toEqual(["t2"]);
    run.act({ kind: "restart", server: B });
    expect(run.pending(B)).toEqual([]);
    expect(run.act({ kind: "retry", server: B, txn: "t2" })).toBe(false);
    expect(run.act(say(BOB, "two"))).toBe(true);
    expect(run.pending(B)).toEqual(["t3"]);
    run.act({ kind: "flush" });
  });

  it("buffers an event that arrives before its predecessor; a restart loses it, a sync recovers it", () => {
    const run = joinedDm();
    run.act({ kind: "deliver", message: run.message("history", B) });
    run.act(say(ALICE, "first"));
    run.act(say(ALICE, "second"));
    run.act({ kind: "deliver", message: run.message("event", B, 1) });
    const buffered = () => run.reference.servers.get(B)?.volatile.buffered.get(DM)?.length ?? 0;
    expect(buffered()).toBe(1);
    run.act({ kind: "restart", server: B });
    expect(buffered()).toBe(0);
    run.act({ kind: "deliver", message: run.message("event", B) });
    expect(run.reference.servers.get(B)?.persisted.rooms.get(DM)?.history.length).toBe(6);
    expect(run.act({ kind: "sync", server: B, room: DM })).toBe(true);
    expect(run.inFlight()).toEqual(["result>b.example", "backfill>a.example"]);
    run.act({ kind: "deliver", message: run.message("backfill", A) });
    run.act({ kind: "deliver", message: run.message("history", B) });
    expect(run.reference.servers.get(B)?.persisted.rooms.get(DM)?.history.length).toBe(7);
  });

  it("flushes everything in flight, including what the deliveries send", () => {
    const run = new Lockstep();
    run.act(createDm);
    run.act({ kind: "create-room", user: BOB, room: BOB_ROOM, chatType: "group-chat" });
    run.act({ kind: "sync", server: B, room: DM });
    run.act({ kind: "flush" });
    expect(run.inFlight()).toEqual([]);
    run.act({ kind: "join", user: BOB, room: DM });
    run.act({ kind: "invite", user: BOB, room: BOB_ROOM, target: ALICE });
    run.act({ kind: "flush" });
    expect(run.inFlight()).toEqual([]);
    expect(run.reference.servers.get(B)?.persisted.rooms.get(DM)?.history.length).toBe(5);
  });

  it.each([
    ["the duplicate-DM scope", DUPLICATE_DM_SCOPE],
    ["the default scope", DEFAULT_EXPLORE_SCOPE],
  ] as const)("agrees with the reference machine along random walks of the alphabet of %s", (_, scope) => {
    const walkScope = resolveExploreScope(scope);
    const profile = profileOf("lm-i1", { "chat.dm-creation": "any-member" });
    fc.assert(
      fc.property(fc.array(fc.nat({ max: 1000 }), { minLength: 1, maxLength: 20 }), (choices) => {
        const run = new Lockstep(scope, profile);
        for (const choice of choices) {
          const enabled = enabledActions(run.reference, walkScope);
          if (enabled.length === 0) break;
          run.act(enabled[choice % enabled.length] as Action);
        }
      }),
      { numRuns: 25 },
    );
  });
});

describe("CompactMachine: cached outcomes", () => {
  it("computes a step once: repeating it from an equal world asks the reference machine nothing", () => {
    const run = new Lockstep();
    run.act(createDm);
    const { machine } = run;
    const world = run.compact;
    const deliver: Action = { kind: "deliver", message: 1 };
    const first = machine.step(world, deliver);
    const steps = machine.referenceSteps;
    const again = machine.step(world, deliver);
    expect(machine.referenceSteps).toBe(steps);
    expect(again).toEqual(first);
    // An equal world reached another way: duplicate the invite, then drop the copy.
    const copied = machine.step(world, { kind: "duplicate", message: 1 }) as CompactWorld;
    const equal = machine.step(copied, { kind: "drop", message: 2 }) as CompactWorld;
    expect(equal).not.toBe(world);
    expect(equal).toEqual(world);
    expect(machine.step(equal, deliver)).toEqual(first);
    expect(machine.referenceSteps).toBe(steps);
  });

  it("reuses an outcome where only other rooms differ", () => {
    const run = new Lockstep();
    run.act(createDm);
    const { machine } = run;
    const plain = run.compact;
    machine.step(plain, { kind: "deliver", message: 1 });
    // bob's own room exists too: his server's part for the DM is still empty.
    run.act({ kind: "create-room", user: BOB, room: BOB_ROOM, chatType: "group-chat" });
    const steps = machine.referenceSteps;
    expect(run.act({ kind: "deliver", message: run.message("invite", B) })).toBe(true);
    expect(machine.referenceSteps).toBe(steps);
  });

  it("computes a follower's submission once per action", () => {
    const run = new Lockstep();
    run.act(createDm);
    run.act({ kind: "deliver", message: 1 });
    const { machine } = run;
    const world = run.compact;
    machine.step(world, { kind: "join", user: BOB, room: DM });
    const steps = machine.referenceSteps;
    const again = machine.step(world, { kind: "join", user: BOB, room: DM });
    expect(machine.referenceSteps).toBe(steps);
    expect(again?.messages).toHaveLength(1);
  });
});

describe("CompactMachine.decode", () => {
  it("numbers the messages in flight 1..n in flight order, whatever IDs the reference gave them", () => {
    const run = new Lockstep();
    run.act(createDm);
    run.act({ kind: "duplicate", message: 1 });
    run.act({ kind: "sync", server: B, room: DM });
    run.act({ kind: "drop", message: 2 });
    expect(
      run.act({ kind: "create-room", user: BOB, room: BOB_ROOM, chatType: "group-chat", invite: [ALICE] }),
    ).toBe(true);
    expect(run.reference.inFlight.map((e) => e.id)).toEqual([1, 3, 4]);
    const decoded = run.machine.decode(run.compact);
    expect(decoded.inFlight.map((e) => e.id)).toEqual([1, 2, 3]);
    expect(decoded.inFlight.map((e) => e.message.kind)).toEqual(
      run.reference.inFlight.map((e) => e.message.kind),
    );
    expect(decoded.nextMessageId).toBe(4);
    // Positions are what the compact machine steps by: position 2 is the reference's message 3.
    expect(toCompactAction(run.reference, { kind: "deliver", message: 3 })).toEqual({
      kind: "deliver",
      message: 2,
    });
    expect(run.act({ kind: "deliver", message: 3 })).toBe(true);
    expect(run.machine.decode(run.compact).inFlight.map((e) => e.id)).toEqual([1, 2, 3]);
  });

  it("names the hub's events by slot and position", () => {
    const run = new Lockstep();
    run.act(createDm);
    run.act({ kind: "create-room", user: BOB, room: BOB_ROOM, chatType: "group-chat" });
    const decoded = run.machine.decode(run.compact);
    const ids = (server: ServerName, room: RoomId) => {
      const history = decoded.servers.get(server)?.persisted.rooms.get(room)?.history;
      return history === undefined ? [] : logItems(history).map((e) => e.event_id);
    };
    expect(ids(A, DM)).toEqual(["$1000", "$1001", "$1002", "$1003"]);
    expect(ids(B, BOB_ROOM)[0]).toBe("$3000");
    expect([...decoded.rooms]).toEqual([
      [DM, A],
      [BOB_ROOM, B],
    ]);
  });
});
