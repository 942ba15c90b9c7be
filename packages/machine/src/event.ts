/**
 * Events as the machine keeps them: plain data with LM's field names. A *limited* event (LPDU)
 * is what a user's server sends to the hub; a *fully-formed* event (PDU) is what the hub makes
 * of it, with `auth_events`, `prev_events` and an event ID. Signatures are symbolic: `signedBy`
 * lists the servers that signed (the canonical module can sign for real where it matters).
 *
 * @module
 */
import type { JsonObject, RoomId, ServerName, UserId } from "@mimi-spec/schema";
import { CHAT_TYPE_IDS, type ChatType } from "./generated/tables.ts";

export type { ChatType } from "./generated/tables.ts";

/** Every chat type, in the order the requirements introduce them. */
export const CHAT_TYPES: ReadonlyArray<ChatType> = CHAT_TYPE_IDS;

/** The room version of LM's testing profile (`I.1` breaks LM's own grammar, so it uses this). */
export const ROOM_VERSION = "org.matrix.i-d.ralston-mimi-linearized-matrix.02";

/** Room versions a server "recognises" under `auth.create-room-version = recognised`. */
export const RECOGNISED_ROOM_VERSIONS: ReadonlyArray<string> = [ROOM_VERSION, "I.1"];

/** The MLS cipher suite LM names for `encryption.algorithm`. */
export const DEFAULT_ENCRYPTION = "m.mls.v1.dhkemx25519-aes128gcm-sha256-ed25519";

/** The event types the machine gives meaning to. */
export const EVENT_TYPES = {
  create: "m.room.create",
  member: "m.room.member",
  powerLevels: "m.room.power_levels",
  joinRules: "m.room.join_rules",
  historyVisibility: "m.room.history_visibility",
  name: "m.room.name",
  encrypted: "m.room.encrypted",
  redaction: "m.room.redaction",
  hub: "m.room.hub",
  mlsAcp: "m.room.mls_acp",
  mlsProposal: "m.mls.proposal",
} as const;

/** An event ID: `$` and an opaque string (a counter or an LM reference hash). */
export type EventId = string;

/** The fields every event has, limited or fully formed (LM §int-pdu). */
export interface EventFields {
  readonly room_id: RoomId;
  readonly type: string;
  /** Present (even empty) on state events, absent on message events. */
  readonly state_key?: string;
  readonly sender: UserId;
  readonly content: JsonObject;
  readonly origin_server_ts: number;
  /** The hub that formed the event; who sets it is a profile option. */
  readonly hub_server?: ServerName;
}

/** A limited event: not yet ordered by the hub (no `auth_events`, no `prev_events`). */
export interface LimitedEvent extends EventFields {
  /** The servers that signed it: the origin server. */
  readonly signedBy: ReadonlyArray<ServerName>;
}

/** A fully-formed event: the hub added its ordering and authorization fields and signed it. */
export interface FullEvent extends EventFields {
  readonly event_id: EventId;
  readonly auth_events: ReadonlyArray<EventId>;
  readonly prev_events: ReadonlyArray<EventId>;
  readonly signedBy: ReadonlyArray<ServerName>;
  /**
   * Set on the copy of a message event the hub sends a server none of whose users may see it
   * (history visibility): its content keeps only what the auth rules read.
   */
  readonly redacted?: true;
}

/** Any event in a room's history (always fully formed). */
export type RoomEvent = FullEvent;

/** Whether the event is a state event (it has a state key, even an empty one). */
export function isStateEvent(event: EventFields): boolean {
  return event.state_key !== undefined;
}

/** Whether a value received as an event is fully formed (it carries ordering fields). */
export function isFullyFormed(event: LimitedEvent | FullEvent): event is FullEvent {
  return "prev_events" in event || "auth_events" in event || "event_id" in event;
}

/** `(type, state_key)` as one string: the key of the room state. */
export function stateKeyOf(type: string, stateKey: string): string {
  return `${type}\u0000${stateKey}`;
}

/** A string field of the content, if it is a string. */
export function contentString(event: EventFields, key: string): string | undefined {
  const value = event.content[key];
  return typeof value === "string" ? value : undefined;
}
