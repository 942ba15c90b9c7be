/**
 * What users, the network, servers and adversaries can do. Each action is plain JSON data, so
 * traces can be saved and replayed. The trace schema (`trace/schema.ts`) validates them.
 *
 * @module
 */
import type { JsonObject, RoomId, ServerName, UserId } from "@mimi-spec/schema";
import type { ChatType } from "./event.ts";
import type { SettingName } from "./generated/tables.ts";

/** A user creates a room (at their own server, which becomes its hub) and invites its first members. */
export interface CreateRoom {
  readonly kind: "create-room";
  readonly user: UserId;
  readonly room: RoomId;
  readonly chatType: ChatType;
  /** The initial invitees; for DMs and group DMs these (with the creator) are the fixed members. */
  readonly invite?: ReadonlyArray<UserId>;
  /** The room version to ask for (default: the one the model implements). */
  readonly roomVersion?: string;
  /** The MLS access-control template the creating server proposes (default: the chat type's). */
  readonly mlsAcp?: string;
  /** For a DM: a first message sent with the invite (what SHARING-4 is about). */
  readonly firstMessage?: string;
}

/** A user acts on a room they are (or want to be) part of. */
interface InRoom {
  readonly user: UserId;
  readonly room: RoomId;
}

/** Invite `target`. */
export interface Invite extends InRoom {
  readonly kind: "invite";
  readonly target: UserId;
}
/** Join (accept an invite, or join a public room). */
export interface Join extends InRoom {
  readonly kind: "join";
}
/** Leave (or decline an invite, or retract a knock). */
export interface Leave extends InRoom {
  readonly kind: "leave";
}
/** Ask to be let in (join rule knock). */
export interface Knock extends InRoom {
  readonly kind: "knock";
}
/** Remove `target` (a leave sent for someone else). */
export interface Kick extends InRoom {
  readonly kind: "kick";
  readonly target: UserId;
}
/** Ban `target`. */
export interface Ban extends InRoom {
  readonly kind: "ban";
  readonly target: UserId;
}
/** Lift the ban of `target` (a leave sent for a banned user). */
export interface Unban extends InRoom {
  readonly kind: "unban";
  readonly target: UserId;
}
/** Send an (opaque, end-to-end encrypted) message. */
export interface SendMessage extends InRoom {
  readonly kind: "send-message";
  readonly body: string;
}
/** Replace the power_levels content (any JSON object: invalid content is for the policy to refuse). */
export interface SetPowerLevels extends InRoom {
  readonly kind: "set-power-levels";
  readonly content: JsonObject;
}
/** Set the join rule. */
export interface SetJoinRule extends InRoom {
  readonly kind: "set-join-rule";
  readonly joinRule: string;
}
/** Set the history visibility. */
export interface SetHistoryVisibility extends InRoom {
  readonly kind: "set-history-visibility";
  readonly visibility: string;
}
/** Set the room name. */
export interface SetName extends InRoom {
  readonly kind: "set-name";
  readonly name: string;
}
/** Redact an event. */
export interface Redact extends InRoom {
  readonly kind: "redact";
  readonly eventId: string;
}
/** Send any event (for event types the other actions do not cover). */
export interface SendEvent extends InRoom {
  readonly kind: "send-event";
  readonly type: string;
  readonly stateKey?: string;
  readonly content: JsonObject;
}

/** A user changes their profile (local to their server; only the given fields change). */
export interface SetProfile {
  readonly kind: "set-profile";
  readonly user: UserId;
  readonly name?: string;
  readonly avatar?: string;
  readonly status?: string;
  readonly chosenIdentifier?: string;
}
/** A user turns one of their sharing settings on or off (SHARING-3, 4, 5, 9). */
export interface SetSetting {
  readonly kind: "set-setting";
  readonly user: UserId;
  readonly setting: SettingName;
  readonly value: boolean;
}
/** A provider turns one of its hub settings on or off (SHARING-8). */
export interface SetServerSetting {
  readonly kind: "set-server-setting";
  readonly server: ServerName;
  readonly setting: SettingName;
  readonly value: boolean;
}
/** A user proposes an MLS change (checked against the room's MLS access-control policy). */
export interface MlsPropose extends InRoom {
  readonly kind: "mls-propose";
  readonly proposal: string;
  readonly target?: UserId;
}
/** A user's client proposes a new MLS access-control policy for the room (MLSACP-3). */
export interface ProposeMlsAcp extends InRoom {
  readonly kind: "propose-mls-acp";
  readonly template: string;
}

/** Settings that never leave the user's server. */
export type LocalAction = SetProfile | SetSetting | SetServerSetting;

/** Everything a user can do. */
export type UserAction =
  | CreateRoom
  | Invite
  | Join
  | Leave
  | Knock
  | Kick
  | Ban
  | Unban
  | SendMessage
  | SetPowerLevels
  | SetJoinRule
  | SetHistoryVisibility
  | SetName
  | Redact
  | SendEvent
  | MlsPropose
  | ProposeMlsAcp;

/** Every user action kind (a refused one leaves the world exactly as it was). */
export const USER_ACTION_KINDS = [
  "create-room",
  "invite",
  "join",
  "leave",
  "knock",
  "kick",
  "ban",
  "unban",
  "send-message",
  "set-power-levels",
  "set-join-rule",
  "set-history-visibility",
  "set-name",
  "redact",
  "send-event",
  "mls-propose",
  "propose-mls-acp",
] as const satisfies ReadonlyArray<UserAction["kind"]>;

/** The user action kinds {@link USER_ACTION_KINDS} leaves out: `never` (a test checks it). */
export type MissingUserActionKinds = Exclude<UserAction["kind"], (typeof USER_ACTION_KINDS)[number]>;

/** The network delivers in-flight message `message` to its destination. */
export interface Deliver {
  readonly kind: "deliver";
  readonly message: number;
}
/** The network loses message `message`. */
export interface Drop {
  readonly kind: "drop";
  readonly message: number;
}
/** The network delivers message `message` twice (a copy goes in flight). */
export interface Duplicate {
  readonly kind: "duplicate";
  readonly message: number;
}
/** `server` sends its pending transaction `txn` again, with the same transaction id. */
export interface Retry {
  readonly kind: "retry";
  readonly server: ServerName;
  readonly txn: string;
}
/** Deliver every in-flight message, oldest first, until none is left. */
export interface Flush {
  readonly kind: "flush";
}
/** `server` asks the hub for the events of `room` it lacks (LM backfill). */
export interface Sync {
  readonly kind: "sync";
  readonly server: ServerName;
  readonly room: RoomId;
}
/** `server` restarts: it keeps what it persisted and loses its volatile state. */
export interface Restart {
  readonly kind: "restart";
  readonly server: ServerName;
}

/** Network and server actions. */
export type SystemAction = Deliver | Drop | Duplicate | Retry | Flush | Sync | Restart;

/** An event as an adversary writes it. */
export interface ForgedEvent {
  readonly type: string;
  readonly sender: UserId;
  readonly stateKey?: string;
  readonly content: JsonObject;
}

/** `server` sends a limited event as written (e.g. for another server's user) to `to` (default: the hub). */
export interface ForgeLimited {
  readonly kind: "forge-limited";
  readonly server: ServerName;
  readonly room: RoomId;
  readonly to?: ServerName;
  readonly event: ForgedEvent;
}
/** `server` forms a fully-formed event itself and sends it to `to` (the hub itself: straight to its receive path). */
export interface ForgeFullyFormed {
  readonly kind: "forge-fully-formed";
  readonly server: ServerName;
  readonly room: RoomId;
  readonly to: ServerName;
  readonly event: ForgedEvent;
}
/**
 * The hub misbehaves: it forms an event but tampers with it and fans it out (without appending
 * it to its own history). `add-auth-event` adds `authEvent` to its auth events (e.g. a message
 * event); `remove-auth-event` removes it; `fork` makes the event a second child of the event
 * before the head; `skip-auth` sends an event as formed, whether or not its rules accept it.
 */
export interface HubTamper {
  readonly kind: "hub-tamper";
  readonly room: RoomId;
  readonly tamper: "add-auth-event" | "remove-auth-event" | "fork" | "skip-auth";
  readonly event: ForgedEvent;
  readonly authEvent?: string;
}

/** Adversarial actions: forged input that honest servers must refuse with a reason. */
export type AdversarialAction = ForgeLimited | ForgeFullyFormed | HubTamper;

/** Any action. */
export type Action = UserAction | LocalAction | SystemAction | AdversarialAction;
