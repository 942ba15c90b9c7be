/**
 * A server's own knowledge of the DMs and group DMs it takes part in or was invited to, keyed by
 * chat type and current member set. This is the *mechanism* behind CHAT-2 and CHAT-4: a server
 * checks its own directory before creating one. There is no global lock, so two servers that do
 * not know of each other's rooms can still race (the `chat.dm-creation` option decides whether
 * they can).
 *
 * @module
 */
import type { RoomId, UserId } from "@mimi-spec/schema";
import type { ChatType } from "../generated/tables.ts";

/** What a server knows of one fixed-membership room. */
export interface DirectoryEntry {
  readonly chatType: ChatType;
  /** The members who have not left, sorted. */
  readonly members: ReadonlyArray<UserId>;
  /** Whether some member has left (CHAT-13: it stays a group DM of the rest). */
  readonly reduced: boolean;
}

/** The directory: entries by room, and rooms by (chat type, member set). */
export interface Directory {
  readonly entries: ReadonlyMap<RoomId, DirectoryEntry>;
  readonly byKey: ReadonlyMap<string, ReadonlyArray<RoomId>>;
}

/** An empty directory. */
export function emptyDirectory(): Directory {
  return { entries: new Map(), byKey: new Map() };
}

/** The lookup key of a chat type and member set. */
export function directoryKey(chatType: ChatType, members: ReadonlyArray<UserId>): string {
  return `${chatType}|${[...members].sort().join(" ")}`;
}

/** The directory with `room` recorded as `entry` (replacing what it knew before). */
export function withDirectoryEntry(directory: Directory, room: RoomId, entry: DirectoryEntry): Directory {
  const entries = new Map(directory.entries);
  const byKey = new Map(directory.byKey);
  const old = directory.entries.get(room);
  if (old !== undefined) {
    const key = directoryKey(old.chatType, old.members);
    const rest = (byKey.get(key) ?? []).filter((r) => r !== room);
    if (rest.length > 0) byKey.set(key, rest);
    else byKey.delete(key);
  }
  entries.set(room, entry);
  const key = directoryKey(entry.chatType, entry.members);
  byKey.set(key, [...(byKey.get(key) ?? []), room]);
  return { entries, byKey };
}

/** The rooms of `chatType` whose current members are exactly `members`. */
export function roomsWithMembers(
  directory: Directory,
  chatType: ChatType,
  members: ReadonlyArray<UserId>,
): ReadonlyArray<RoomId> {
  return directory.byKey.get(directoryKey(chatType, members)) ?? [];
}
