import type { RoomId } from "@mimi-spec/schema";
import { describe, expect, it } from "vitest";
import type { FullEvent, LimitedEvent } from "../../src/event.ts";
import {
  emptyVolatile,
  freshServer,
  inviteKey,
  restarted,
  type ServerState,
} from "../../src/server/server.ts";
import { pset, psize } from "../../src/state/persistent-map.ts";
import { A, alice, B, bob, room } from "../support.ts";

describe("emptyVolatile", () => {
  it("has no pending transaction and no buffered event", () => {
    const volatile = emptyVolatile();
    expect(volatile.pending.size).toBe(0);
    expect(volatile.buffered.size).toBe(0);
  });
});

describe("freshServer", () => {
  it("knows nothing yet and has sent no transaction", () => {
    const server = freshServer(B);
    expect(server.name).toBe(B);
    const { persisted, volatile } = server;
    expect(persisted.rooms.size).toBe(0);
    expect(persisted.invites.size).toBe(0);
    expect(persisted.directory.entries.size).toBe(0);
    expect(persisted.directory.byKey.size).toBe(0);
    expect(persisted.txnCounter).toBe(0);
    expect(psize(persisted.txnResults)).toBe(0);
    expect(persisted.profiles.size).toBe(0);
    expect(persisted.settings).toEqual({});
    expect(volatile.pending.size).toBe(0);
    expect(volatile.buffered.size).toBe(0);
  });
});

describe("inviteKey", () => {
  it("is the room and the user, separated by a space", () => {
    expect(inviteKey(room("r"), bob)).toBe("!r:a.example @bob:b.example");
    expect(inviteKey(room("r"), alice)).not.toBe(inviteKey(room("r"), bob));
    expect(inviteKey(room("s"), bob)).not.toBe(inviteKey(room("r"), bob));
  });
});

describe("restarted", () => {
  const event: LimitedEvent = {
    room_id: room("r") as RoomId,
    type: "m.room.encrypted",
    sender: bob,
    content: {},
    origin_server_ts: 1,
    signedBy: [B],
  };
  const full: FullEvent = { ...event, event_id: "$x", auth_events: [], prev_events: [] };
  const busy: ServerState = {
    name: B,
    persisted: {
      ...freshServer(B).persisted,
      txnCounter: 4,
      txnResults: pset(freshServer(B).persisted.txnResults, "b.example 1", { verdict: { accepted: true } }),
    },
    volatile: {
      pending: new Map([["4", { txn: "4", room: room("r"), to: A, event }]]),
      buffered: new Map([[room("r"), [full]]]),
    },
  };

  it("loses the pending transactions and buffered events, and keeps everything persisted", () => {
    const after = restarted(busy);
    expect(after.name).toBe(B);
    expect(after.persisted).toBe(busy.persisted);
    expect(after.volatile.pending.size).toBe(0);
    expect(after.volatile.buffered.size).toBe(0);
  });

  it("leaves the server it started from unchanged", () => {
    restarted(busy);
    expect(busy.volatile.pending.size).toBe(1);
    expect(busy.volatile.buffered.get(room("r"))).toEqual([full]);
  });
});
