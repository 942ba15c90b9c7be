import { computeEventId, type JsonObject, type RoomId } from "@mimi-spec/schema";
import { describe, expect, it } from "vitest";
import type { GuardId } from "../../src/generated/guards.ts";
import type { Message } from "../../src/network/messages.ts";
import { profileNamed } from "../../src/profile.ts";
import { freshServer } from "../../src/server/server.ts";
import { Draft } from "../../src/step/draft.ts";
import { emptyWorld, type Finding, type World } from "../../src/world.ts";
import { A, B, C, groupChatWithBob, room } from "../support.ts";

const chat = room("chat");

const backfill = (after: number): Message => ({ kind: "backfill", from: B, to: A, room: chat, after });

/** A world with three messages in flight (ids 5, 6, 7) and other counters away from their start. */
function busyWorld(): World {
  const base = emptyWorld({ delivery: "network" });
  return {
    ...base,
    inFlight: [
      { id: 5, message: backfill(0) },
      { id: 6, message: backfill(1) },
      { id: 7, message: backfill(2) },
    ],
    nextMessageId: 8,
    nextEventNumber: 40,
    clock: 11,
  };
}

const finding: Finding = {
  kind: "hub-misbehaviour",
  server: B,
  room: chat,
  eventId: "$9",
  guard: "hub.append-at-head",
  requirements: ["SIG-ROOM-3"],
  reason: "forked",
};

describe("a fresh draft", () => {
  it("finishes as a world equal to the one it started from, sharing its parts", () => {
    const base = groupChatWithBob();
    const finished = new Draft(base, false, undefined).finish();
    expect(finished).toStrictEqual(base);
    expect(finished.servers).toBe(base.servers);
    expect(finished.rooms).toBe(base.rooms);
    expect(finished.inFlight).toBe(base.inFlight);
    expect(finished.findings).toBe(base.findings);
    expect(finished.config).toBe(base.config);
  });

  it("exposes the world's profile and the observer through its check context", () => {
    const profile = profileNamed("matrix-v11");
    const seen: string[] = [];
    const observe = (guard: GuardId, outcome: "pass" | "reject") => seen.push(`${guard}:${outcome}`);
    const draft = new Draft(emptyWorld({ profile }), false, observe);
    expect(draft.profile).toBe(profile);
    expect(draft.ctx.profile).toBe(profile);
    draft.ctx.observe?.("hub.is-hub", "pass");
    expect(seen).toEqual(["hub.is-hub:pass"]);
    expect(new Draft(emptyWorld(), false, undefined).ctx).toStrictEqual({
      profile: emptyWorld().config.profile,
      observe: undefined,
    });
  });
});

describe("effect lines", () => {
  it("are collected only when explaining, and built only then", () => {
    let built = 0;
    const text = () => {
      built++;
      return "something happened";
    };
    const quiet = new Draft(emptyWorld(), false, undefined);
    quiet.note(text);
    expect(quiet.effects).toEqual([]);
    expect(built).toBe(0);
    const loud = new Draft(emptyWorld(), true, undefined);
    loud.note(text);
    loud.note(() => "and then more");
    expect(loud.effects).toEqual(["something happened", "and then more"]);
    expect(built).toBe(1);
  });
});

describe("servers", () => {
  it("are fresh until they act, and replaced without touching the world the draft started from", () => {
    const base = groupChatWithBob();
    const draft = new Draft(base, false, undefined);
    expect(draft.server(A)).toBe(base.servers.get(A));
    expect(draft.server(C)).toStrictEqual(freshServer(C));
    const changed = { ...freshServer(C), persisted: { ...freshServer(C).persisted, txnCounter: 3 } };
    draft.setServer(changed);
    expect(draft.server(C)).toBe(changed);
    expect(draft.server(A)).toBe(base.servers.get(A));
    expect(base.servers.has(C)).toBe(false);
    const finished = draft.finish();
    expect(finished.servers.get(C)).toBe(changed);
    expect(finished.servers.get(A)).toBe(base.servers.get(A));
    expect(finished.servers.get(B)).toBe(base.servers.get(B));
    expect(finished.servers.size).toBe(base.servers.size + 1);
  });

  it("keep every earlier change when several are replaced", () => {
    const draft = new Draft(emptyWorld(), false, undefined);
    draft.setServer(freshServer(A));
    draft.setServer(freshServer(B));
    expect([...draft.finish().servers.keys()]).toEqual([A, B]);
  });
});

describe("rooms", () => {
  it("are registered in the finished world only", () => {
    const base = emptyWorld();
    const draft = new Draft(base, false, undefined);
    draft.registerRoom(chat, A);
    draft.registerRoom(room("two"), A);
    expect([...draft.finish().rooms]).toEqual([
      [chat, A],
      [room("two"), A],
    ]);
    expect(base.rooms.size).toBe(0);
  });
});

describe("messages", () => {
  it("get the world's next ids in order, and leave the world's list alone", () => {
    const base = busyWorld();
    const draft = new Draft(base, true, undefined);
    expect(draft.messages).toBe(base.inFlight);
    expect(draft.send(backfill(3))).toBe(8);
    expect(draft.send(backfill(4))).toBe(9);
    expect(draft.messages.map((e) => e.id)).toEqual([5, 6, 7, 8, 9]);
    expect(draft.messages[3]).toStrictEqual({ id: 8, message: backfill(3) });
    expect(base.inFlight.map((e) => e.id)).toEqual([5, 6, 7]);
    expect(draft.effects).toEqual([
      "sent #8 backfill b.example → a.example",
      "sent #9 backfill b.example → a.example",
    ]);
    const finished = draft.finish();
    expect(finished.nextMessageId).toBe(10);
    expect(finished.inFlight.map((e) => e.id)).toEqual([5, 6, 7, 8, 9]);
  });

  it("are taken out by id, first, middle or last; an unknown id takes nothing", () => {
    const base = busyWorld();
    const draft = new Draft(base, false, undefined);
    expect(draft.take(4)).toBeUndefined();
    expect(draft.take(8)).toBeUndefined();
    expect(draft.finish().inFlight).toBe(base.inFlight);
    expect(draft.take(6)).toStrictEqual({ id: 6, message: backfill(1) });
    expect(draft.messages.map((e) => e.id)).toEqual([5, 7]);
    expect(draft.take(6)).toBeUndefined();
    expect(draft.take(5)).toStrictEqual({ id: 5, message: backfill(0) });
    expect(draft.take(7)).toStrictEqual({ id: 7, message: backfill(2) });
    expect(draft.messages).toEqual([]);
    expect(base.inFlight.map((e) => e.id)).toEqual([5, 6, 7]);
    expect(draft.finish().nextMessageId).toBe(8);
  });

  it("are taken oldest first, and nothing is taken from an empty network", () => {
    const base = busyWorld();
    const draft = new Draft(base, false, undefined);
    expect(draft.takeFirst()?.id).toBe(5);
    expect(draft.takeFirst()?.id).toBe(6);
    expect(draft.takeFirst()?.id).toBe(7);
    expect(draft.takeFirst()).toBeUndefined();
    expect(base.inFlight).toHaveLength(3);
    const empty = emptyWorld();
    const idle = new Draft(empty, false, undefined);
    expect(idle.takeFirst()).toBeUndefined();
    expect(idle.finish().inFlight).toBe(empty.inFlight);
  });
});

describe("the clock", () => {
  it("ticks from the world's clock, one per call", () => {
    const draft = new Draft(busyWorld(), false, undefined);
    expect(draft.tick()).toBe(12);
    expect(draft.tick()).toBe(13);
    expect(draft.finish().clock).toBe(13);
  });
});

describe("event IDs", () => {
  const fields = {
    room_id: chat as RoomId,
    type: "m.room.member",
    sender: "@bob:b.example" as never,
    content: { membership: "join" },
    origin_server_ts: 4,
    auth_events: ["$1", "$2"],
    prev_events: ["$3"],
  };

  it("count up from the world's next event number under the counter scheme", () => {
    const draft = new Draft(busyWorld(), false, undefined);
    expect(draft.eventId(fields)).toBe("$40");
    expect(draft.eventId(fields)).toBe("$41");
    expect(draft.finish().nextEventNumber).toBe(42);
  });

  it("are LM reference hashes of exactly the event's fields under the reference-hash scheme", () => {
    const draft = new Draft(emptyWorld({ eventIds: "reference-hash" }), false, undefined);
    const hashOf = (json: Record<string, unknown>) => {
      const id = computeEventId(json as JsonObject);
      if (!id.ok) throw new Error("unhashable");
      return id.value;
    };
    const plain = draft.eventId(fields);
    expect(plain).toBe(hashOf(fields));
    const withStateKey = draft.eventId({ ...fields, state_key: "@bob:b.example" });
    expect(withStateKey).toBe(hashOf({ ...fields, state_key: "@bob:b.example" }));
    const withHub = draft.eventId({ ...fields, hub_server: A });
    expect(withHub).toBe(hashOf({ ...fields, hub_server: A }));
    expect(new Set([plain, withStateKey, withHub]).size).toBe(3);
    // Every field the hash covers changes it.
    for (const changed of [
      { room_id: room("other") },
      { type: "m.room.name" },
      { sender: "@carol:c.example" as never },
      { origin_server_ts: 5 },
      { auth_events: ["$1"] },
      { prev_events: ["$2"] },
    ])
      expect(draft.eventId({ ...fields, ...changed })).not.toBe(plain);
    // The counter still advances, so a switch back to counters would not reuse a number.
    expect(draft.finish().nextEventNumber).toBe(10);
  });

  it("fall back to the counter when the fields cannot be hashed", () => {
    const draft = new Draft(emptyWorld({ eventIds: "reference-hash" }), false, undefined);
    expect(draft.eventId({ ...fields, origin_server_ts: Number.NaN })).toBe("$1");
  });
});

describe("findings", () => {
  it("are appended to the world's, and noted", () => {
    const base = { ...emptyWorld(), findings: [{ ...finding, eventId: "$1" }] };
    const draft = new Draft(base, true, undefined);
    draft.finding(finding);
    expect(draft.finish().findings).toStrictEqual([{ ...finding, eventId: "$1" }, finding]);
    expect(base.findings).toHaveLength(1);
    expect(draft.effects).toEqual([
      "finding: b.example refused $9 from hub of !chat:a.example: hub.append-at-head",
    ]);
  });
});
