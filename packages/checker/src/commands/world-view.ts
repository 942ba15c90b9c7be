/**
 * What commands read of the current world to choose meaningful actors and targets: the rooms
 * that exist, each user's membership as the hub sees it, the messages in flight, the servers'
 * pending transactions and copies.
 *
 * @module
 */
import { effectiveJoinRule, membershipOf, pentries, type RoomState, type World } from "@mimi-spec/machine";
import type { RoomId, ServerName, UserId } from "@mimi-spec/schema";
import type { Model } from "../model.ts";

/** The rooms that exist, in creation order. */
export function existingRooms(world: World): RoomId[] {
  return [...world.rooms.keys()];
}

/** The hub's state of `room`, if the room exists. */
export function hubState(world: World, room: RoomId): RoomState | undefined {
  const hub = world.rooms.get(room);
  return hub === undefined ? undefined : world.servers.get(hub)?.persisted.rooms.get(room)?.state;
}

/** `user`'s membership of `room` as its hub sees it (`leave` when the user has none, or the room does not exist). */
export function membershipAt(world: World, room: RoomId, user: UserId): string {
  const state = hubState(world, room);
  return state === undefined ? "leave" : membershipOf(state, user);
}

/** The join rule in force in `room` (`none` when the room does not exist). */
export function joinRuleAt(world: World, room: RoomId): string {
  const state = hubState(world, room);
  return state === undefined ? "none" : effectiveJoinRule(state, world.config.profile);
}

/** Whether `user` has ever had a membership event in `room` at its hub. */
export function knownTo(world: World, room: RoomId, user: UserId): boolean {
  const state = hubState(world, room);
  return state !== undefined && pentries(state.memberships).some(([u]) => u === user);
}

/** The server of a user or room ID (the part after the first colon). */
export function serverPart(id: string): ServerName {
  return id.slice(id.indexOf(":") + 1) as ServerName;
}

/** `list[pick mod length]`, or `undefined` for an empty list. */
export function choose<T>(list: ReadonlyArray<T>, pick: number): T | undefined {
  return list.length === 0 ? undefined : list[pick % list.length];
}

/** Every pair of an element of `as` and an element of `bs`. */
export function pairs<A, B>(as: ReadonlyArray<A>, bs: ReadonlyArray<B>): Array<[A, B]> {
  return as.flatMap((a) => bs.map((b): [A, B] => [a, b]));
}

/** A room ID no room has (on the first user's server): for refusals by `hub.room-known`. */
export function unknownRoom(model: Readonly<Model>): RoomId {
  const user = model.scope.users[0] ?? "@nobody:a.example";
  return `!nowhere:${user.slice(user.indexOf(":") + 1)}` as RoomId;
}

/** The rooms a command may act on: existing ones, plus (wild) scope room IDs not created yet and an unknown one. */
export function roomsFor(model: Readonly<Model>, wild: boolean): RoomId[] {
  const existing = existingRooms(model.world);
  if (!wild) return existing;
  return [...existing, ...model.scope.rooms.filter((r) => !model.world.rooms.has(r)), unknownRoom(model)];
}

/** Everyone an action can name as its target: the honest users and the outsider. */
export function targets(model: Readonly<Model>): UserId[] {
  return [...model.scope.users, model.scope.outsider];
}
