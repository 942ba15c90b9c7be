/**
 * Where things live in a compact world: providers by index, and a fixed slot for every room the
 * scope can create (the alphabet names the `k`-th room a provider creates `!r<k>:<provider>`, so
 * the possible rooms are known before exploring). Events get positional IDs: the event at
 * position `p` of the room in slot `s` is `$<(s + 1) · 1000 + p>`, which makes an event's name
 * depend on where it is, not on how many events the path to it formed elsewhere.
 *
 * @module
 */
import type { RoomId, ServerName, UserId } from "@mimi-spec/schema";
import { type ResolvedExploreScope, scopeRoomId } from "../explore/scope.ts";

/** How many positions each room's block of event numbers has. */
export const EVENTS_PER_ROOM = 1000;

/** The fixed places of one scope's servers and rooms. */
export interface CompactLayout {
  readonly scope: ResolvedExploreScope;
  readonly servers: ReadonlyArray<ServerName>;
  readonly serverIndex: ReadonlyMap<string, number>;
  /** The room of each slot. */
  readonly slotRooms: ReadonlyArray<RoomId>;
  /** The hub (server index) of each slot's room. */
  readonly slotHub: ReadonlyArray<number>;
  readonly slotOf: ReadonlyMap<string, number>;
  /** How many slots (rooms that may exist). */
  readonly slotCount: number;
}

/** The layout of a scope: `maxRooms` slots per provider (any provider may create them all). */
export function compactLayout(scope: ResolvedExploreScope): CompactLayout {
  const slotRooms: RoomId[] = [];
  const slotHub: number[] = [];
  scope.servers.forEach((server, s) => {
    for (let k = 1; k <= scope.scope.maxRooms; k++) {
      slotRooms.push(scopeRoomId(server, k));
      slotHub.push(s);
    }
  });
  return {
    scope,
    servers: scope.servers,
    serverIndex: new Map(scope.servers.map((s, i) => [s, i])),
    slotRooms,
    slotHub,
    slotOf: new Map(slotRooms.map((r, i) => [r, i])),
    slotCount: slotRooms.length,
  };
}

/** The event number of position `position` in slot `slot` (the ID is `$` and this number). */
export function eventNumber(slot: number, position: number): number {
  if (position >= EVENTS_PER_ROOM)
    throw new Error(`compact machine: a room reached ${EVENTS_PER_ROOM} events, beyond its ID block`);
  return (slot + 1) * EVENTS_PER_ROOM + position;
}

/** The server index of a user's provider. */
export function serverIndexOfUser(layout: CompactLayout, user: UserId): number {
  const server = layout.scope.serverOfUser.get(user);
  const index = server === undefined ? undefined : layout.serverIndex.get(server);
  if (index === undefined) throw new Error(`compact machine: ${user} is not a user of the scope`);
  return index;
}
