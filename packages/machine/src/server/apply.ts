/**
 * What a server updates besides the replica when an event enters its copy of a room: its
 * directory of DMs and group DMs (their member sets shrink when someone leaves), and the invite
 * records of its users (answered or withdrawn invites are gone).
 *
 * @module
 */
import { type UserId, userIdParts } from "@mimi-spec/schema";
import { EVENT_TYPES, type FullEvent } from "../event.ts";
import { phas } from "../state/persistent-map.ts";
import type { Replica } from "../state/replica.ts";
import { membershipValue, type RoomState } from "../state/room-state.ts";
import { type DirectoryEntry, withDirectoryEntry } from "./directory.ts";
import { inviteKey, type ServerState } from "./server.ts";

/** The directory entry of a fixed-membership room in this state, if it is one. */
export function directoryEntryOf(state: RoomState): DirectoryEntry | undefined {
  if (state.chatType === undefined || state.fixedMembers === undefined) return undefined;
  const members = state.fixedMembers.filter((m) => !phas(state.everLeft, m));
  return { chatType: state.chatType, members, reduced: members.length < state.fixedMembers.length };
}

/** The server with `replica` (which now ends with `event`) stored, and its records updated. */
export function storeReplica(server: ServerState, replica: Replica, event: FullEvent): ServerState {
  const rooms = new Map(server.persisted.rooms);
  rooms.set(replica.roomId, replica);
  let { directory, invites } = server.persisted;
  const isMember = event.type === EVENT_TYPES.member && event.state_key !== undefined;
  if (event.type === EVENT_TYPES.create || isMember) {
    const entry = directoryEntryOf(replica.state);
    if (entry !== undefined) directory = withDirectoryEntry(directory, replica.roomId, entry);
  }
  if (isMember) {
    const user = event.state_key as UserId;
    const key = inviteKey(replica.roomId, user);
    if (
      membershipValue(event.content) !== "invite" &&
      invites.has(key) &&
      userIdParts(user).server === server.name
    ) {
      const next = new Map(invites);
      next.delete(key);
      invites = next;
    }
  }
  return { ...server, persisted: { ...server.persisted, rooms, directory, invites } };
}
