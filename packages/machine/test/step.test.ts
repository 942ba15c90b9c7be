import type { RoomId, UserId } from "@mimi-spec/schema";
import { describe, expect, it } from "vitest";
import { emptyWorld, step } from "../src/index.ts";

const alice = "@alice:a.example" as UserId;
const bob = "@bob:b.example" as UserId;
const room = "!r1:a.example" as RoomId;

describe("create-room", () => {
  it("makes the create event the first event and the creator's server the hub", () => {
    const { world, verdict } = step(emptyWorld(), {
      kind: "create-room",
      creator: alice,
      roomId: room,
      chatType: "group-chat",
    });
    expect(verdict).toEqual({ accepted: true });
    const created = world.rooms.get(room);
    expect(created?.hub).toBe("a.example");
    expect(created?.history).toHaveLength(1);
    expect(created?.history[0]).toMatchObject({
      type: "m.room.create",
      sender: alice,
      room_id: room,
      state_key: "",
    });
    expect(created?.history[0]?.content.chat_type).toBe("group-chat");
  });

  it("refuses a room ID on another server than the creator's", () => {
    const before = emptyWorld();
    const { world, verdict } = step(before, {
      kind: "create-room",
      creator: bob,
      roomId: room,
      chatType: "dm",
    });
    expect(verdict).toMatchObject({
      accepted: false,
      guard: "create.room-domain-matches-sender",
      requirements: ["SIG-ID-1"],
    });
    if (!verdict.accepted)
      expect(verdict.reason).toBe("room ID server a.example is not the creator's server b.example");
    expect(world).toBe(before);
  });

  it("refuses a second create event for the same room ID", () => {
    const first = step(emptyWorld(), {
      kind: "create-room",
      creator: alice,
      roomId: room,
      chatType: "dm",
    }).world;
    const { world, verdict } = step(first, {
      kind: "create-room",
      creator: alice,
      roomId: room,
      chatType: "dm",
    });
    expect(verdict).toMatchObject({ accepted: false, guard: "create.room-id-unused" });
    expect(world).toBe(first);
    expect(world.rooms.get(room)?.history).toHaveLength(1);
  });

  it("does not change the world it was given", () => {
    const before = emptyWorld();
    step(before, { kind: "create-room", creator: alice, roomId: room, chatType: "dm" });
    expect(before.rooms.size).toBe(0);
  });
});
