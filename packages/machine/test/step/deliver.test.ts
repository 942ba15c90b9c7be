import { describe, expect, it } from "vitest";
import type { Envelope } from "../../src/network/messages.ts";
import { historyOf } from "../../src/state/replica.ts";
import { deliverEnvelope, drain, MAX_DELIVERIES_PER_STEP } from "../../src/step/deliver.ts";
import { Draft } from "../../src/step/draft.ts";
import { emptyWorld, type World } from "../../src/world.ts";
import { A, alice, B, bob, C, hubCopy, room, runAll } from "../support.ts";

const chat = room("chat");

/** Network mode: bob is invited (the invite delivered) and his join is in flight as message #2. */
function joinInFlight(): World {
  return runAll(emptyWorld({ delivery: "network" }), [
    { kind: "create-room", user: alice, room: chat, chatType: "group-chat", invite: [bob] },
    { kind: "flush" },
    { kind: "join", user: bob, room: chat },
  ]);
}

function takeOut(draft: Draft, id: number): Envelope {
  const envelope = draft.take(id);
  if (envelope === undefined) throw new Error(`no message #${id}`);
  return envelope;
}

const kinds = (draft: Draft) => draft.messages.map((e) => `#${e.id} ${e.message.kind} → ${e.message.to}`);

describe("deliverEnvelope", () => {
  it("hands a submission to the hub, which appends it, answers and sends the joiner the history", () => {
    const draft = new Draft(joinInFlight(), true, undefined);
    expect(deliverEnvelope(draft, takeOut(draft, 2))).toEqual({ accepted: true });
    const hub = draft.server(A).persisted.rooms.get(chat);
    expect(hub === undefined ? [] : historyOf(hub).map((e) => e.content.membership)).toEqual([
      undefined,
      "join",
      "invite",
      "join",
    ]);
    expect(kinds(draft)).toEqual(["#3 history → b.example", "#4 result → b.example"]);
    expect(draft.effects.at(-1)).toBe(
      "delivered #2 submit b.example → a.example txn t1: m.room.member from @bob:b.example: accepted",
    );
  });

  it("hands a result, a history, an event and a backfill request each to its own handler", () => {
    let draft = new Draft(joinInFlight(), true, undefined);
    deliverEnvelope(draft, takeOut(draft, 2));
    // The history: bob's server now holds the room.
    expect(draft.server(B).persisted.rooms.has(chat)).toBe(false);
    expect(deliverEnvelope(draft, takeOut(draft, 3))).toEqual({ accepted: true });
    expect(draft.server(B).persisted.rooms.get(chat)?.state.length).toBe(4);
    // The result: the pending transaction is answered.
    expect(draft.server(B).volatile.pending.has("t1")).toBe(true);
    expect(deliverEnvelope(draft, takeOut(draft, 4))).toEqual({ accepted: true });
    expect(draft.server(B).volatile.pending.size).toBe(0);
    expect(draft.effects.slice(-2)).toEqual([
      "b.example txn t1: accepted as $4",
      "delivered #4 result a.example → b.example txn t1: accepted $4: accepted",
    ]);

    // An event: alice's message reaches bob's copy.
    const world = runAll(draft.finish(), [{ kind: "send-message", user: alice, room: chat, body: "hi" }]);
    expect(world.inFlight.map((e) => e.message.kind)).toEqual(["event"]);
    draft = new Draft(world, true, undefined);
    const event = takeOut(draft, 5);
    expect(deliverEnvelope(draft, event)).toEqual({ accepted: true });
    expect(draft.server(B).persisted.rooms.get(chat)?.state.head.content).toEqual({
      algorithm: "m.mls.v1.dhkemx25519-aes128gcm-sha256-ed25519",
      ciphertext: "hi",
    });

    // A backfill request: the hub answers with the events after the asker's first four.
    draft = new Draft(world, false, undefined);
    const asked = draft.send({ kind: "backfill", from: B, to: A, room: chat, after: 4 });
    expect(deliverEnvelope(draft, takeOut(draft, asked))).toEqual({ accepted: true });
    const answer = draft.messages.at(-1)?.message;
    expect(answer?.kind === "history" ? answer.events.map((e) => e.event_id) : answer).toEqual([
      hubCopy(world, chat).state.head.event_id,
    ]);
    expect(answer).toMatchObject({ kind: "history", from: A, to: B, room: chat });
  });

  it("hands an invite to the invitee's server, which records it", () => {
    const world = runAll(emptyWorld({ delivery: "network" }), [
      { kind: "create-room", user: alice, room: chat, chatType: "group-chat", invite: [bob] },
    ]);
    const draft = new Draft(world, false, undefined);
    expect(deliverEnvelope(draft, takeOut(draft, 1))).toEqual({ accepted: true });
    expect([...draft.server(B).persisted.invites.keys()]).toEqual([`${chat} ${bob}`]);
  });

  it("returns the receiving server's refusal and explains it", () => {
    const world = runAll(joinInFlight(), [{ kind: "flush" }]);
    const draft = new Draft(world, true, undefined);
    const event = hubCopy(world, chat).state.head;
    const id = draft.send({ kind: "event", from: C, to: B, room: chat, event });
    const verdict = deliverEnvelope(draft, takeOut(draft, id));
    expect(verdict).toEqual({
      accepted: false,
      guard: "follower.from-hub",
      requirements: ["HUB-2", "SIG-HUB-1", "OQ-HUB-1"],
      reason:
        "c.example is not the hub of !chat:a.example (a.example is); a follower takes fully-formed events only from the hub",
    });
    expect(draft.effects.at(-1)).toBe(
      `delivered #${id} event c.example → b.example $4 (m.room.member): rejected by follower.from-hub: ${verdict.accepted ? "" : verdict.reason}`,
    );
  });
});

describe("drain", () => {
  it("delivers everything in flight oldest first, including what the deliveries send", () => {
    const draft = new Draft(joinInFlight(), true, undefined);
    const verdicts = drain(draft);
    expect([...verdicts]).toEqual([
      [2, { accepted: true }],
      [3, { accepted: true }],
      [4, { accepted: true }],
    ]);
    expect(draft.messages).toEqual([]);
    expect(draft.effects.filter((line) => line.startsWith("delivered"))).toEqual([
      "delivered #2 submit b.example → a.example txn t1: m.room.member from @bob:b.example: accepted",
      "delivered #3 history a.example → b.example 4 event(s) of !chat:a.example: accepted",
      "delivered #4 result a.example → b.example txn t1: accepted $4: accepted",
    ]);
  });

  it("records refusals under their message id and goes on", () => {
    const world = runAll(joinInFlight(), [{ kind: "flush" }]);
    const draft = new Draft(world, false, undefined);
    const event = hubCopy(world, chat).state.head;
    const forged = draft.send({ kind: "event", from: C, to: B, room: chat, event });
    const backfill = draft.send({ kind: "backfill", from: B, to: A, room: chat, after: 4 });
    const verdicts = drain(draft);
    expect([...verdicts.keys()]).toEqual([forged, backfill, backfill + 1]);
    expect(verdicts.get(forged)).toMatchObject({ accepted: false, guard: "follower.from-hub" });
    expect(verdicts.get(backfill)).toEqual({ accepted: true });
    expect(verdicts.get(backfill + 1)).toEqual({ accepted: true });
  });

  it("returns no verdicts when nothing is in flight", () => {
    const draft = new Draft(emptyWorld(), true, undefined);
    expect(drain(draft).size).toBe(0);
    expect(draft.effects).toEqual([]);
  });

  it("keeps its safety net against delivery loops at 100,000 deliveries per step", () => {
    expect(MAX_DELIVERIES_PER_STEP).toBe(100_000);
  });

  it("stops after exactly that many deliveries, says so, and leaves the rest in flight", () => {
    const draft = new Flooded(MAX_DELIVERIES_PER_STEP + 1);
    const verdicts = drain(draft);
    expect(verdicts.size).toBe(MAX_DELIVERIES_PER_STEP);
    expect(verdicts.get(MAX_DELIVERIES_PER_STEP)).toEqual({ accepted: true });
    expect(draft.taken).toBe(MAX_DELIVERIES_PER_STEP);
    expect(draft.effects.slice(-2)).toEqual([
      "delivered #100000 result a.example → b.example txn t0: accepted: accepted",
      "stopped after 100000 deliveries; the rest stays in flight",
    ]);
  });

  it("does not say it stopped when exactly that many deliveries emptied the network", () => {
    const draft = new Flooded(MAX_DELIVERIES_PER_STEP);
    expect(drain(draft).size).toBe(MAX_DELIVERIES_PER_STEP);
    expect(draft.effects.at(-1)).toBe(
      "delivered #100000 result a.example → b.example txn t0: accepted: accepted",
    );
  });
});

/**
 * A draft whose network holds `count` results nobody waits for (the cheapest message to deliver),
 * handed out without the cost of shifting a 100,000-item array.
 */
class Flooded extends Draft {
  taken = 0;
  readonly count: number;

  constructor(count: number) {
    super(emptyWorld(), true, undefined);
    this.count = count;
  }

  /** What is still in flight (only its length is read). */
  override get messages(): ReadonlyArray<Envelope> {
    return new Array<Envelope>(this.count - this.taken);
  }

  override takeFirst(): Envelope | undefined {
    if (this.taken >= this.count) return undefined;
    this.taken++;
    return { id: this.taken, message: stray };
  }
}

const stray: Envelope["message"] = {
  kind: "result",
  from: A,
  to: B,
  room: chat,
  txn: "t0",
  verdict: { accepted: true },
};
