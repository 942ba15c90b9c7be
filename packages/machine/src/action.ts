/**
 * What users and servers can do. Each action is plain data, so traces can be saved as JSON and
 * replayed.
 *
 * @module
 */
import type { RoomId, UserId } from "@mimi-spec/schema";
import type { ChatType } from "./event.ts";

/** A user asks their server to create a room with the given ID and chat type. */
export interface CreateRoom {
  readonly kind: "create-room";
  readonly creator: UserId;
  readonly roomId: RoomId;
  readonly chatType: ChatType;
}

/** Any action. */
export type Action = CreateRoom;
