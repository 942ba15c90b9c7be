/**
 * State invariants: properties every reachable world must have. The checker tests all of them
 * after every step.
 *
 * @module
 */
import { roomIdParts, userIdParts } from "@mimi-spec/schema";
import type { World } from "./world.ts";

/** A named property of worlds; returns a description of the first violation, if any. */
export interface Invariant {
  readonly id: string;
  readonly requirements: ReadonlyArray<string>;
  readonly description: string;
  readonly check: (world: World) => string | undefined;
}

/** Every invariant of the machine. */
export const invariants: ReadonlyArray<Invariant> = [
  {
    id: "history.create-first",
    requirements: ["SIG-CREATE-1"],
    description:
      "A room's first event is its create event, for that room, and no later event is a create event.",
    check(world) {
      for (const room of world.rooms.values()) {
        const first = room.history[0];
        if (first?.type !== "m.room.create") return `room ${room.id} does not start with a create event`;
        if (first.room_id !== room.id)
          return `room ${room.id} starts with the create event of ${first.room_id}`;
        const extra = room.history.findIndex((e, i) => i > 0 && e.type === "m.room.create");
        if (extra > 0) return `room ${room.id} has a second create event at position ${extra}`;
      }
      return undefined;
    },
  },
  {
    id: "hub.exactly-one",
    requirements: ["HUB-1"],
    description: "A room has exactly one hub, the server of the create event's sender, and it never changes.",
    check(world) {
      for (const room of world.rooms.values()) {
        const first = room.history[0];
        if (first === undefined) return `room ${room.id} has no history`;
        const expected = userIdParts(first.sender).server;
        if (room.hub !== expected)
          return `room ${room.id} has hub ${room.hub}, not the creator's server ${expected}`;
      }
      return undefined;
    },
  },
  {
    id: "hub.initial-is-room-id-server",
    requirements: ["SIG-ID-4", "SIG-ID-1"],
    description: "A room ID's server part is the creator's server, which is the room's initial hub.",
    check(world) {
      for (const room of world.rooms.values()) {
        const server = roomIdParts(room.id).server;
        if (server !== userIdParts(room.creator).server)
          return `room ${room.id} was created by ${room.creator} of another server`;
      }
      return undefined;
    },
  },
];

/** The first violated invariant in `world`, with its description, or `undefined`. */
export function firstViolation(
  world: World,
): { readonly invariant: Invariant; readonly message: string } | undefined {
  for (const invariant of invariants) {
    const message = invariant.check(world);
    if (message !== undefined) return { invariant, message };
  }
  return undefined;
}
