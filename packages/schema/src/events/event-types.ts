/**
 * The event types this package models, and what kind of event each is. LM defines create,
 * join_rules, member, power_levels, m.mls.commit and m.room.encrypted; history_visibility, name,
 * topic and avatar are TODO in LM and come from POL-00/SIG-00 with Matrix's field names;
 * m.room.redaction comes from RP-00 (see its content module).
 *
 * @module
 */
import { Schema } from "effect";

/** `m.room.create`: the first event of every room. */
export const CREATE = "m.room.create";
/** `m.room.member`: one user's membership (LM's name; SIG-00 and POL-00 say `m.room.user`). */
export const MEMBER = "m.room.member";
/** `m.room.power_levels`: who may do what. */
export const POWER_LEVELS = "m.room.power_levels";
/** `m.room.join_rules`: whether users may join without an invite. */
export const JOIN_RULES = "m.room.join_rules";
/** `m.room.history_visibility`: who may see the room's history. */
export const HISTORY_VISIBILITY = "m.room.history_visibility";
/** `m.room.name`: the room's name. */
export const NAME = "m.room.name";
/** `m.room.topic`: the room's topic. */
export const TOPIC = "m.room.topic";
/** `m.room.avatar`: the room's picture. */
export const AVATAR = "m.room.avatar";
/** `m.room.redaction`: asks receivers to redact an earlier event. */
export const REDACTION = "m.room.redaction";
/** `m.room.encrypted`: an MLS application message. */
export const ENCRYPTED = "m.room.encrypted";
/** `m.mls.commit`: an MLS commit as a PublicMessage. */
export const MLS_COMMIT = "m.mls.commit";

/** The modelled state event types: each carries a `state_key` (LM §int-state-events). */
export const STATE_EVENT_TYPES = [
  CREATE,
  MEMBER,
  POWER_LEVELS,
  JOIN_RULES,
  HISTORY_VISIBILITY,
  NAME,
  TOPIC,
  AVATAR,
] as const;

/**
 * The modelled message (room) event types: never a `state_key`. SIG-00: "one type MUST NOT be
 * used for both state and non-state events".
 */
export const MESSAGE_EVENT_TYPES = [REDACTION, ENCRYPTED, MLS_COMMIT] as const;

/** Every event type this package has a content schema for. */
export const MODELLED_EVENT_TYPES = [...STATE_EVENT_TYPES, ...MESSAGE_EVENT_TYPES] as const;

/** A modelled event type. */
export type ModelledEventType = (typeof MODELLED_EVENT_TYPES)[number];

/** Whether `type` is one this package has a content schema for. */
export function isModelledEventType(type: string): type is ModelledEventType {
  return (MODELLED_EVENT_TYPES as ReadonlyArray<string>).includes(type);
}

/** Whether `type` is a modelled message type, which must never carry a state key. */
export function isMessageEventType(type: string): boolean {
  return (MESSAGE_EVENT_TYPES as ReadonlyArray<string>).includes(type);
}

/**
 * The types whose events can be auth events (LM §int-auth-selection): create, power levels,
 * members and join rules. SIG-seed's list (membership, role, join rules, create) maps onto it
 * with power levels standing in for role events. Message events never are (SIG-AUTH-2).
 */
export const AuthEventType = Schema.Literals([CREATE, POWER_LEVELS, MEMBER, JOIN_RULES]).pipe(
  Schema.annotate({
    // A title, not an identifier: Effect names a failing schema by its identifier, and for
    // a short list the values say more (`Expected "a" | "b"`).
    title: "AuthEventType",
    description: "An event type whose events can be auth events: create, power_levels, member, join_rules.",
  }),
);

/** An auth event type. */
export type AuthEventType = typeof AuthEventType.Type;

/** Whether an event is a state event or a message event. */
export type EventKind = "state" | "message";

/**
 * LM §int-state-events: an event with a `state_key`, even an empty one, is a state event;
 * without one it is a message (room) event.
 */
export function eventKind(event: { readonly state_key?: string | undefined }): EventKind {
  return event.state_key === undefined ? "message" : "state";
}

/** Whether `event` is a state event (it has a `state_key`, even `""`). */
export function isStateEvent(event: { readonly state_key?: string | undefined }): boolean {
  return eventKind(event) === "state";
}
