import type { ServerName } from "@mimi-spec/schema";
import { describe, expect, it } from "vitest";
import type { FullEvent } from "../../src/event.ts";
import {
  appendToReplica,
  eventById,
  historyOf,
  positionOf,
  replicaFromCreate,
} from "../../src/state/replica.ts";
import { applyEvent, initialState, membershipOf } from "../../src/state/room-state.ts";
import { A, alice, bob, room } from "../support.ts";

const roomId = room("r");
const create: FullEvent = {
  room_id: roomId,
  type: "m.room.create",
  state_key: "",
  sender: alice,
  content: { room_version: "I.1" },
  origin_server_ts: 1,
  event_id: "$create",
  auth_events: [],
  prev_events: [],
  signedBy: [A],
};
const join: FullEvent = {
  ...create,
  type: "m.room.member",
  state_key: alice,
  content: { membership: "join" },
  origin_server_ts: 2,
  event_id: "$join",
  auth_events: ["$create"],
  prev_events: ["$create"],
};
const message: FullEvent = {
  room_id: roomId,
  type: "m.room.encrypted",
  sender: alice,
  content: { ciphertext: "x" },
  origin_server_ts: 3,
  event_id: "$message",
  auth_events: ["$create", "$join"],
  prev_events: ["$join"],
  signedBy: [A],
};

describe("replicaFromCreate", () => {
  it("holds only the create event, under the room and hub given", () => {
    const replica = replicaFromCreate(create, "z.example" as ServerName);
    expect(replica.roomId).toBe(roomId);
    expect(replica.hub).toBe("z.example");
    expect(historyOf(replica)).toEqual([create]);
    expect(replica.state).toEqual(initialState(create));
    expect(positionOf(replica, "$create")).toBe(0);
    expect(eventById(replica, "$create")).toBe(create);
  });
});

describe("appendToReplica", () => {
  it("appends to the history, indexes the event by ID and applies it to the state", () => {
    const start = replicaFromCreate(create, A);
    const one = appendToReplica(start, join);
    const two = appendToReplica(one, message);
    expect(historyOf(two)).toEqual([create, join, message]);
    expect(two.roomId).toBe(roomId);
    expect(two.hub).toBe(A);
    expect(two.state).toEqual(applyEvent(applyEvent(initialState(create), join), message));
    expect(membershipOf(two.state, alice)).toBe("join");
    expect(positionOf(two, "$join")).toBe(1);
    expect(positionOf(two, "$message")).toBe(2);
    expect(eventById(two, "$join")).toBe(join);
    expect(eventById(two, "$message")).toBe(message);
  });

  it("leaves the replica it started from unchanged", () => {
    const start = replicaFromCreate(create, A);
    const one = appendToReplica(start, join);
    appendToReplica(one, message);
    expect(historyOf(start)).toEqual([create]);
    expect(start.state.length).toBe(1);
    expect(positionOf(start, "$join")).toBeUndefined();
    expect(eventById(start, "$join")).toBeUndefined();
    expect(historyOf(one)).toEqual([create, join]);
    expect(positionOf(one, "$message")).toBeUndefined();
    expect(membershipOf(start.state, alice)).toBe("leave");
  });
});

describe("lookups", () => {
  it("find nothing for an ID the replica does not hold", () => {
    const replica = appendToReplica(replicaFromCreate(create, A), join);
    expect(positionOf(replica, "$unknown")).toBeUndefined();
    expect(eventById(replica, "$unknown")).toBeUndefined();
    expect(positionOf(replica, bob)).toBeUndefined();
  });

  it("return a copy of the history, which callers may change", () => {
    const replica = replicaFromCreate(create, A);
    historyOf(replica).push(join);
    expect(historyOf(replica)).toEqual([create]);
  });
});
