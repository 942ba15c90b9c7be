/**
 * The model-based test command for room creation.
 *
 * @module
 */
import { type ChatType, step } from "@mimi-spec/machine";
import { type RoomId, roomIdParts, type UserId, userIdParts } from "@mimi-spec/schema";
import type fc from "fast-check";
import { assertInvariants, type Model, type Real } from "../model.ts";

/** The chat types this command creates: the ones a room without invitees can have. */
export const INVITEE_FREE_CHAT_TYPES: ReadonlyArray<ChatType> = ["group-chat", "public-chat"];

/**
 * A user creates a room with no initial invitees; the model predicts whether the machine accepts
 * it. Only chat types without member-count or uniqueness rules (group and public chats) fit
 * this command; DMs and group DMs need invitees, which the real checker will model.
 */
export class CreateRoomCommand implements fc.Command<Model, Real> {
  constructor(
    readonly creator: UserId,
    readonly roomId: RoomId,
    readonly chatType: ChatType,
  ) {}

  check(): boolean {
    return true;
  }

  run(model: Model, real: Real): void {
    const creatorServer = userIdParts(this.creator).server;
    const expected = roomIdParts(this.roomId).server === creatorServer && !model.rooms.has(this.roomId);
    const { world, verdict } = step(real.world, {
      kind: "create-room",
      user: this.creator,
      room: this.roomId,
      chatType: this.chatType,
    });
    if (verdict.accepted !== expected) {
      const why = verdict.accepted ? "accepted" : `rejected by ${verdict.guard}: ${verdict.reason}`;
      throw new Error(
        `create-room ${this.roomId} by ${this.creator}: model expected ${expected ? "accept" : "reject"}, machine ${why}`,
      );
    }
    if (!verdict.accepted && world !== real.world) throw new Error("a rejected action changed the world");
    real.world = world;
    if (expected) model.rooms.set(this.roomId, { creator: this.creator, hub: creatorServer });
    assertInvariants(real.world);
    if (real.world.rooms.size !== model.rooms.size) {
      throw new Error(`machine has ${real.world.rooms.size} rooms, model ${model.rooms.size}`);
    }
  }

  toString(): string {
    return `createRoom(${this.creator}, ${this.roomId}, ${this.chatType})`;
  }
}
