/**
 * The events the machine keeps in a room's history. For now, the create event: the first event
 * of every room, which fixes its policy (chat type) and encryption protocol.
 *
 * @module
 */
import type { RoomId, UserId } from "@mimi-spec/schema";

/** The chat types of the transport requirements (CHAT-1, CHAT-3, CHAT-5, CHAT-12). */
export type ChatType = "dm" | "group-dm" | "group-chat" | "public-chat";

/** Every chat type, in the order the requirements introduce them. */
export const CHAT_TYPES: ReadonlyArray<ChatType> = ["dm", "group-dm", "group-chat", "public-chat"];

/** The room version of LM's testing profile (`I.1` breaks LM's own grammar, so it uses this). */
export const ROOM_VERSION = "org.matrix.i-d.ralston-mimi-linearized-matrix.02";

/** The MLS cipher suite LM names for `encryption.algorithm`. */
export const DEFAULT_ENCRYPTION = "m.mls.v1.dhkemx25519-aes128gcm-sha256-ed25519";

/** `m.room.create`: the first event of a room, with no predecessor. */
export interface CreateEvent {
  readonly type: "m.room.create";
  readonly room_id: RoomId;
  readonly sender: UserId;
  readonly state_key: "";
  readonly content: {
    readonly room_version: string;
    readonly chat_type: ChatType;
    readonly encryption: { readonly algorithm: string };
  };
}

/** Any event in a room's history. */
export type RoomEvent = CreateEvent;
