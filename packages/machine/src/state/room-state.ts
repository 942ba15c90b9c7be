/**
 * A room's current state as indexes, updated per event in O(1) (amortised; the persistent maps
 * are O(log32 n)): the state events by (type, state key), every user's membership, how many
 * users of each server are joined, who ever left, the power levels, join rule and history
 * visibility, redactions, and the head. Authorization reads these; it never replays history.
 *
 * @module
 */
import type { JsonObject, RoomId, ServerName, UserId } from "@mimi-spec/schema";
import { userIdParts } from "@mimi-spec/schema";
import {
  contentString,
  EVENT_TYPES,
  type EventId,
  type FullEvent,
  isStateEvent,
  stateKeyOf,
} from "../event.ts";
import { CHAT_TYPE_IDS, type ChatType } from "../generated/tables.ts";
import { MEMBERSHIPS, type Membership } from "../models/conditions.ts";
import { emptyPMap, type PMap, pentries, pget, pset } from "./persistent-map.ts";

/** The indexed state of one room at one point of its history. */
export interface RoomState {
  readonly roomId: RoomId;
  readonly create: FullEvent;
  readonly creator: UserId;
  /** The chat type the create event names; `undefined` for a room that names none (LM rules only). */
  readonly chatType: ChatType | undefined;
  /** For fixed-membership chat types, the members the create event names, sorted. */
  readonly fixedMembers: ReadonlyArray<UserId> | undefined;
  /** The current state events by `(type, state_key)`. */
  readonly stateEvents: PMap<string, FullEvent>;
  /** Every user with a membership event, and that membership. */
  readonly memberships: PMap<UserId, Membership>;
  /** How many users of each server are joined. */
  readonly joinedPerServer: PMap<ServerName, number>;
  /** Users who left (or were removed) after being invited, joined or knocking. */
  readonly everLeft: PMap<UserId, true>;
  /** The current power_levels content, if any. */
  readonly powerLevels: JsonObject | undefined;
  /** The current join rule value, if a join_rules event set one. */
  readonly joinRule: string | undefined;
  /** The current history visibility value, if an event set one. */
  readonly historyVisibility: string | undefined;
  /** The MLS access-control template a member last proposed (m.room.mls_acp), if any. */
  readonly mlsAcp: string | undefined;
  /** Redacted event → the redaction that redacted it. */
  readonly redacted: PMap<EventId, EventId>;
  /** The latest event. */
  readonly head: FullEvent;
  /** How many events the room has. */
  readonly length: number;
}

/** A membership value read from content, if it is one of LM's five. */
export function membershipValue(content: JsonObject): Membership | undefined {
  const value = content.membership;
  return typeof value === "string" && (MEMBERSHIPS as ReadonlyArray<string>).includes(value)
    ? (value as Membership)
    : undefined;
}

function chatTypeOf(create: FullEvent): ChatType | undefined {
  const value = contentString(create, "chat_type");
  return value !== undefined && (CHAT_TYPE_IDS as ReadonlyArray<string>).includes(value)
    ? (value as ChatType)
    : undefined;
}

function fixedMembersOf(create: FullEvent): ReadonlyArray<UserId> | undefined {
  const members = create.content.members;
  if (!Array.isArray(members)) return undefined;
  return members.filter((m): m is UserId => typeof m === "string").sort();
}

/** The state of a room whose only event is `create`. */
export function initialState(create: FullEvent): RoomState {
  return {
    roomId: create.room_id,
    create,
    creator: create.sender,
    chatType: chatTypeOf(create),
    fixedMembers: fixedMembersOf(create),
    stateEvents: pset(
      emptyPMap<string, FullEvent>(),
      stateKeyOf(create.type, create.state_key ?? ""),
      create,
    ),
    memberships: emptyPMap(),
    joinedPerServer: emptyPMap(),
    everLeft: emptyPMap(),
    powerLevels: undefined,
    joinRule: undefined,
    historyVisibility: undefined,
    mlsAcp: undefined,
    redacted: emptyPMap(),
    head: create,
    length: 1,
  };
}

/** A user's membership (`leave` when they have no membership event). */
export function membershipOf(state: RoomState, user: UserId): Membership {
  return pget(state.memberships, user) ?? "leave";
}

/** How many users of `server` are joined. */
export function joinedOn(state: RoomState, server: ServerName): number {
  return pget(state.joinedPerServer, server) ?? 0;
}

/** The current state event for `(type, stateKey)`. */
export function stateEvent(state: RoomState, type: string, stateKey: string): FullEvent | undefined {
  return pget(state.stateEvents, stateKeyOf(type, stateKey));
}

function withMembership(state: RoomState, user: UserId, next: Membership): RoomState {
  const previous = membershipOf(state, user);
  let joinedPerServer = state.joinedPerServer;
  if ((previous === "join") !== (next === "join")) {
    const server = userIdParts(user).server;
    joinedPerServer = pset(
      joinedPerServer,
      server,
      (pget(joinedPerServer, server) ?? 0) + (next === "join" ? 1 : -1),
    );
  }
  const left =
    (next === "leave" || next === "ban") &&
    (previous === "invite" || previous === "join" || previous === "knock");
  return {
    ...state,
    memberships: pset(state.memberships, user, next),
    joinedPerServer,
    everLeft: left ? pset(state.everLeft, user, true) : state.everLeft,
  };
}

/** The state after `event` (which the caller has authorized) is appended. */
export function applyEvent(state: RoomState, event: FullEvent): RoomState {
  let next: RoomState = state;
  if (isStateEvent(event)) {
    const stateKey = event.state_key ?? "";
    next = { ...next, stateEvents: pset(next.stateEvents, stateKeyOf(event.type, stateKey), event) };
    switch (event.type) {
      case EVENT_TYPES.member: {
        const membership = membershipValue(event.content);
        if (membership !== undefined) next = withMembership(next, stateKey as UserId, membership);
        break;
      }
      case EVENT_TYPES.powerLevels:
        if (stateKey === "") next = { ...next, powerLevels: event.content };
        break;
      case EVENT_TYPES.joinRules:
        if (stateKey === "") next = { ...next, joinRule: contentString(event, "join_rule") };
        break;
      case EVENT_TYPES.historyVisibility:
        if (stateKey === "")
          next = { ...next, historyVisibility: contentString(event, "history_visibility") };
        break;
      case EVENT_TYPES.mlsAcp:
        if (stateKey === "") next = { ...next, mlsAcp: contentString(event, "template") };
        break;
    }
  } else if (event.type === EVENT_TYPES.redaction) {
    const target = contentString(event, "redacts");
    if (target !== undefined) next = { ...next, redacted: pset(next.redacted, target, event.event_id) };
  }
  return { ...next, head: event, length: next.length + 1 };
}

/** The users currently joined, sorted (O(members): for summaries and invariants, not for steps). */
export function joinedUsers(state: RoomState): UserId[] {
  const out: UserId[] = [];
  for (const [user, membership] of pentries(state.memberships)) if (membership === "join") out.push(user);
  return out.sort();
}
