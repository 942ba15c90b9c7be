/**
 * Guards: the conditions an action must meet, each named, tied to the requirements it enforces,
 * and able to say why it refused.
 *
 * @module
 */
import { roomIdParts, userIdParts } from "@mimi-spec/schema";
import type { CreateRoom } from "./action.ts";
import type { World } from "./world.ts";

/** A named condition on an action in a world; returns a reason when the action must be refused. */
export interface Guard<A> {
  readonly id: string;
  readonly requirements: ReadonlyArray<string>;
  readonly description: string;
  readonly check: (world: World, action: A) => string | undefined;
}

/** The guards of room creation, in the order they are checked. */
export const createRoomGuards: ReadonlyArray<Guard<CreateRoom>> = [
  {
    id: "create.room-domain-matches-sender",
    requirements: ["SIG-ID-1"],
    description: "A room ID is scoped by the creating server: its server part must be the creator's server.",
    check(_world, action) {
      const room = roomIdParts(action.roomId).server;
      const sender = userIdParts(action.creator).server;
      return room === sender ? undefined : `room ID server ${room} is not the creator's server ${sender}`;
    },
  },
  {
    id: "create.room-id-unused",
    requirements: ["SIG-ID-3"],
    description: "A room ID is never reused, so a room has exactly one create event.",
    check(world, action) {
      return world.rooms.has(action.roomId) ? `room ${action.roomId} already exists` : undefined;
    },
  },
];
