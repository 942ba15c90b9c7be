/**
 * The transition function: applies one action to a world, or refuses it with the first guard
 * that fails.
 *
 * @module
 */
import { userIdParts } from "@mimi-spec/schema";
import type { Action, CreateRoom } from "./action.ts";
import { type CreateEvent, DEFAULT_ENCRYPTION, ROOM_VERSION } from "./event.ts";
import { createRoomGuards, type Guard } from "./guards.ts";
import type { Verdict } from "./verdict.ts";
import type { Room, World } from "./world.ts";

/** A world after a step, and the step's verdict. */
export interface StepResult {
  readonly world: World;
  readonly verdict: Verdict;
}

function firstFailure<A>(guards: ReadonlyArray<Guard<A>>, world: World, action: A): Verdict {
  for (const guard of guards) {
    const reason = guard.check(world, action);
    if (reason !== undefined)
      return { accepted: false, guard: guard.id, requirements: guard.requirements, reason };
  }
  return { accepted: true };
}

function createRoom(world: World, action: CreateRoom): StepResult {
  const verdict = firstFailure(createRoomGuards, world, action);
  if (!verdict.accepted) return { world, verdict };
  const create: CreateEvent = {
    type: "m.room.create",
    room_id: action.roomId,
    sender: action.creator,
    state_key: "",
    content: {
      room_version: ROOM_VERSION,
      chat_type: action.chatType,
      encryption: { algorithm: DEFAULT_ENCRYPTION },
    },
  };
  // The hub is the server of the create event's sender (LM §hub selection), not the room ID's.
  const room: Room = {
    id: action.roomId,
    creator: action.creator,
    hub: userIdParts(action.creator).server,
    history: [create],
  };
  const rooms = new Map(world.rooms);
  rooms.set(room.id, room);
  return { world: { rooms }, verdict };
}

/** Applies `action` to `world`. A rejected action leaves the world as it was. */
export function step(world: World, action: Action): StepResult {
  switch (action.kind) {
    case "create-room":
      return createRoom(world, action);
  }
}
