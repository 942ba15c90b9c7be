import type { RoomId, ServerName, UserId } from "@mimi-spec/schema";
import { describe, expect, it } from "vitest";
import {
  type CreateEvent,
  emptyWorld,
  firstViolation,
  invariants,
  type Room,
  step,
  type World,
} from "../src/index.ts";

const alice = "@alice:a.example" as UserId;
const room = "!r1:a.example" as RoomId;
const good = step(emptyWorld(), { kind: "create-room", creator: alice, roomId: room, chatType: "dm" }).world;
const goodRoom = good.rooms.get(room) as Room;

function withRoom(r: Room): World {
  return { rooms: new Map([[r.id, r]]) };
}

describe("invariants", () => {
  it("hold on a world built by the machine", () => {
    expect(firstViolation(good)).toBeUndefined();
  });

  it("catch a room whose hub moved (HUB-1)", () => {
    const v = firstViolation(withRoom({ ...goodRoom, hub: "b.example" as ServerName }));
    expect(v?.invariant.id).toBe("hub.exactly-one");
  });

  it("catch a second create event (SIG-CREATE-1)", () => {
    const create = goodRoom.history[0] as CreateEvent;
    const v = firstViolation(withRoom({ ...goodRoom, history: [create, create] }));
    expect(v?.invariant.id).toBe("history.create-first");
    expect(v?.message).toContain("second create event");
  });

  it("catch a room ID on another server than its creator's (SIG-ID-4)", () => {
    const v = firstViolation(
      withRoom({
        ...goodRoom,
        creator: "@bob:b.example" as UserId,
        history: [{ ...(goodRoom.history[0] as CreateEvent), sender: "@bob:b.example" as UserId }],
        hub: "b.example" as ServerName,
      }),
    );
    expect(v?.invariant.id).toBe("hub.initial-is-room-id-server");
  });

  it("each name at least one requirement", () => {
    for (const inv of invariants) expect(inv.requirements.length).toBeGreaterThan(0);
  });
});
