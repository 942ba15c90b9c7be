/**
 * The state of the modelled world: the rooms that exist, each with its hub and its linear
 * history. Values are immutable; a step returns a new world.
 *
 * @module
 */
import type { RoomId, ServerName, UserId } from "@mimi-spec/schema";
import type { RoomEvent } from "./event.ts";

/** One room: its hub server (fixed at creation, HUB-1, HUB-3) and its history, oldest first. */
export interface Room {
  readonly id: RoomId;
  readonly creator: UserId;
  readonly hub: ServerName;
  readonly history: ReadonlyArray<RoomEvent>;
}

/** Every room by ID. */
export interface World {
  readonly rooms: ReadonlyMap<RoomId, Room>;
}

/** A world with no rooms. */
export function emptyWorld(): World {
  return { rooms: new Map() };
}
