/**
 * A server's copy of one room: the history it holds (a prefix of the hub's, for an honest hub)
 * and the state indexes at its end. The hub's replica is the room.
 *
 * @module
 */
import type { RoomId, ServerName } from "@mimi-spec/schema";
import type { EventId, FullEvent } from "../event.ts";
import { type Log, logAppend, logAt, logItems, logOf, logPosition } from "./log.ts";
import { applyEvent, initialState, type RoomState } from "./room-state.ts";

/** One server's copy of a room. */
export interface Replica {
  readonly roomId: RoomId;
  /** The room's hub: the create event sender's server (HUB-1); it never changes (HUB-3). */
  readonly hub: ServerName;
  readonly history: Log<FullEvent>;
  readonly state: RoomState;
}

const eventKey = (event: FullEvent): string => event.event_id;

/** A replica holding only the create event. */
export function replicaFromCreate(create: FullEvent, hub: ServerName): Replica {
  return { roomId: create.room_id, hub, history: logOf([create], eventKey), state: initialState(create) };
}

/** The replica with `event` appended (the caller has authorized it and checked its order). */
export function appendToReplica(replica: Replica, event: FullEvent): Replica {
  return {
    ...replica,
    history: logAppend(replica.history, event, eventKey),
    state: applyEvent(replica.state, event),
  };
}

/** The event with this ID in the replica's history, if any. */
export function eventById(replica: Replica, id: EventId): FullEvent | undefined {
  const position = logPosition(replica.history, id);
  return position === undefined ? undefined : logAt(replica.history, position);
}

/** The position of an event in the replica's history, if it has it. */
export function positionOf(replica: Replica, id: EventId): number | undefined {
  return logPosition(replica.history, id);
}

/** The replica's history, oldest first (a copy: O(n), for summaries and invariants). */
export function historyOf(replica: Replica): FullEvent[] {
  return logItems(replica.history);
}
