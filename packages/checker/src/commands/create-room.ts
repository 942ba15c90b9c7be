/**
 * The command for room creation: a user creates a DM, group DM, group chat or public chat under
 * one of the scope's room IDs, inviting its first members. Sensible candidates use an unused
 * room ID of the creator's server and the member count the chat type needs; wild ones also use
 * taken or foreign room IDs, wrong member counts and the creator as an invitee.
 *
 * @module
 */
import type { Action, ChatType } from "@mimi-spec/machine";
import type { RoomId, UserId } from "@mimi-spec/schema";
import type { Model } from "../model.ts";
import {
  ActionCommand,
  type Disagreement,
  expectAcceptance,
  expectRefused,
  type Outcome,
} from "./command.ts";
import { serverPart } from "./world-view.ts";

/** The chat types this command creates. */
export const CREATED_CHAT_TYPES: ReadonlyArray<ChatType> = ["dm", "group-dm", "group-chat", "public-chat"];

/** The chat types a room without invitees can have (no member-count rule). */
export const INVITEE_FREE_CHAT_TYPES: ReadonlyArray<ChatType> = ["group-chat", "public-chat"];

/** What else the creation asks for besides the chat type and invitees. */
export type CreateVariant =
  | "plain"
  | "first-message"
  | "other-mls-acp"
  | "wrong-mls-acp"
  | "recognised-version"
  | "unknown-version";

/** Every subset of `users` of a size in `sizes`, in a fixed order. */
function subsets(users: ReadonlyArray<UserId>, sizes: ReadonlyArray<number>): UserId[][] {
  const out: UserId[][] = [];
  for (let mask = 0; mask < 1 << users.length; mask++) {
    const subset = users.filter((_, i) => (mask & (1 << i)) !== 0);
    if (sizes.includes(subset.length)) out.push(subset);
  }
  return out;
}

/** The invitee counts a chat type allows (sensible) and the ones it refuses (wild). */
const INVITEE_COUNTS: Readonly<Record<ChatType, { ok: number[]; bad: number[] }>> = {
  dm: { ok: [1], bad: [0, 2] },
  "group-dm": { ok: [2, 3], bad: [1] },
  "group-chat": { ok: [0, 1, 2], bad: [] },
  "public-chat": { ok: [0, 1], bad: [] },
};

/** A user creates a room. */
export class CreateRoomCommand extends ActionCommand {
  readonly kind = "create-room";

  constructor(
    pick: number,
    wild: boolean,
    readonly chatType: ChatType,
    readonly variant: CreateVariant = "plain",
  ) {
    super(pick, wild);
  }

  private extras(): Partial<
    Pick<Extract<Action, { kind: "create-room" }>, "firstMessage" | "mlsAcp" | "roomVersion">
  > {
    switch (this.variant) {
      case "plain":
        return {};
      case "first-message":
        return { firstMessage: "hello, it's me" };
      case "other-mls-acp":
        return {
          mlsAcp:
            this.chatType === "group-chat" || this.chatType === "public-chat"
              ? "group-admin-only"
              : "group-moderated",
        };
      case "wrong-mls-acp":
        return { mlsAcp: this.chatType === "dm" ? "group-dm-fixed" : "dm-fixed" };
      case "recognised-version":
        return { roomVersion: "I.1" };
      case "unknown-version":
        return { roomVersion: "org.example.v0" };
    }
  }

  candidates(model: Readonly<Model>): Action[] {
    const { scope, world } = model;
    const everyone = [...scope.users, scope.outsider];
    const counts = INVITEE_COUNTS[this.chatType];
    const out: Action[] = [];
    const add = (user: UserId, room: RoomId, invite: ReadonlyArray<UserId>) =>
      out.push({
        kind: "create-room",
        user,
        room,
        chatType: this.chatType,
        ...(invite.length > 0 ? { invite } : {}),
        ...this.extras(),
      });
    for (const user of scope.users) {
      const fresh = scope.rooms.filter((r) => serverPart(r) === serverPart(user) && !world.rooms.has(r));
      const others = everyone.filter((u) => u !== user);
      const good = subsets(others, counts.ok);
      // Wild candidates break one rule at a time: a taken or foreign room ID with good invitees,
      // or a fresh room ID with a wrong member count or the creator among the invitees.
      const bad = [...subsets(others, counts.bad), [user, ...others.slice(0, 1)]];
      for (const room of this.wild ? scope.rooms : fresh) for (const invite of good) add(user, room, invite);
      if (this.wild) for (const room of fresh) for (const invite of bad) add(user, room, invite);
    }
    return out;
  }

  /**
   * For a group or public chat with no invitees and no other options, the model predicts the
   * verdict from the requirements alone: accepted exactly when the room ID names the creator's
   * server (SIG-ID-1) and is unused (SIG-ID-3).
   */
  override oracle(model: Readonly<Model>, action: Action, outcome: Outcome): Disagreement | undefined {
    if (action.kind !== "create-room" || !INVITEE_FREE_CHAT_TYPES.includes(action.chatType)) return undefined;
    if ((action.invite ?? []).length > 0 || this.variant !== "plain") return undefined;
    const what = `create-room ${action.room} by ${action.user}`;
    // Which guard refuses first is the machine's choice (a follower's copy also makes the ID taken).
    if (serverPart(action.room) !== serverPart(action.user))
      return expectRefused(
        outcome.verdict,
        "create.room-domain-matches-sender",
        `${what}, a room ID of another server`,
      );
    if (model.rooms.has(action.room))
      return expectRefused(outcome.verdict, "create.room-id-unused", `${what}, an ID in use`);
    return expectAcceptance(outcome.verdict, what);
  }

  override update(model: Model, action: Action, outcome: Outcome): void {
    if (action.kind === "create-room" && outcome.verdict.accepted)
      model.rooms.set(action.room, { creator: action.user, hub: serverPart(action.user) });
  }
}
