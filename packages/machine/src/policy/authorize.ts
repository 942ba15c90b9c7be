/**
 * The policy: whether a fully-formed event may enter a room, given the room's state before it and
 * the profile. The server names the profile accepts (OQ-ID-1), then LM I.1's auth rules in order
 * (signatures, create, auth events, membership, sender joined, event level, user state keys,
 * power levels), the project's hub rules, and the chat-type rules before the membership rules.
 * Every refusal names its guard, requirements and reason.
 *
 * @module
 */
import { roomIdParts, type ServerName, UserId, userIdParts } from "@mimi-spec/schema";
import { Schema } from "effect";
import { checkChatRules } from "../chat/rules.ts";
import {
  contentString,
  EVENT_TYPES,
  type EventId,
  type FullEvent,
  isStateEvent,
  RECOGNISED_ROOM_VERSIONS,
  ROOM_VERSION,
  stateKeyOf,
} from "../event.ts";
import { optionIs } from "../profile.ts";
import { actionLevel, eventLevel, userLevel } from "../state/power-levels.ts";
import { joinedOn, membershipOf, membershipValue, type RoomState } from "../state/room-state.ts";
import type { Rejected, Verdict } from "../verdict.ts";
import { HISTORY_VISIBILITIES } from "../visibility/history.ts";
import { selectAuthEvents } from "./auth-selection.ts";
import { ACCEPTED, type CheckContext, check, guardEnabled } from "./guard.ts";
import { authorizeMembership } from "./membership.ts";
import { checkMlsEvent } from "./mls.ts";
import { checkPowerLevels } from "./power-levels.ts";
import { checkServerNames } from "./server-names.ts";

/** A room as authorization sees it: its state, and its events by ID (for auth-event checks). */
export interface RoomView {
  /** The room's state before the event. */
  readonly state: RoomState;
  /** An event of the room's history by its ID, if the history has it. */
  readonly eventById: (id: EventId) => FullEvent | undefined;
}

const isUserId = Schema.is(UserId);

/**
 * Rules 1-2: signed by the sender's server, and (for a fully-formed event, when the profile
 * requires it) by the `hub_server` it names.
 */
export function checkSignatures(
  ctx: CheckContext,
  event: Pick<FullEvent, "sender" | "hub_server" | "signedBy">,
  form: "lpdu" | "pdu" = "pdu",
): Rejected | undefined {
  const senderServer = userIdParts(event.sender).server;
  const signedBySender = event.signedBy.includes(senderServer);
  // A limited event is not signed by the hub yet: rule 2 applies to the fully-formed event.
  const hubRequired =
    form === "pdu" &&
    event.hub_server !== undefined &&
    optionIs(ctx.profile, "crypto.hub-signature", "required");
  const signedByHub = !hubRequired || event.signedBy.includes(event.hub_server as ServerName);
  const missing: { server: string; role: string } | undefined = !signedBySender
    ? { server: senderServer, role: `the server of the sender ${event.sender}` }
    : !signedByHub
      ? { server: event.hub_server ?? "", role: "the hub_server it names" }
      : undefined;
  return check(ctx, "receive.signatures", missing === undefined, () => ({
    server: missing?.server,
    signerRole: missing?.role,
  }));
}

/** Rule 3 for the first event of a room (after the server-name check of OQ-ID-1). */
export function authorizeCreate(ctx: CheckContext, event: FullEvent): Verdict {
  const serverNames = checkServerNames(ctx, event);
  if (serverNames !== undefined) return serverNames;
  const signatures = checkSignatures(ctx, event);
  if (signatures !== undefined) return signatures;
  const noPrev = check(ctx, "create.no-prev", event.prev_events.length === 0, () => ({
    prev: event.prev_events.join(", "),
  }));
  if (noPrev !== undefined) return noPrev;
  const roomServer = roomIdParts(event.room_id).server;
  const senderServer = userIdParts(event.sender).server;
  const domain = check(ctx, "create.room-domain-matches-sender", roomServer === senderServer, () => ({
    roomServer,
    senderServer,
  }));
  if (domain !== undefined) return domain;
  const version = contentString(event, "room_version");
  const exact = optionIs(ctx.profile, "auth.create-room-version", "exact");
  const versionOk = exact
    ? version === ROOM_VERSION
    : version === undefined || RECOGNISED_ROOM_VERSIONS.includes(version);
  const versionCheck = check(ctx, "create.room-version", versionOk, () => ({
    value: version ?? "(none)",
    expected: exact ? ROOM_VERSION : RECOGNISED_ROOM_VERSIONS.join(" or "),
  }));
  return versionCheck ?? ACCEPTED;
}

/**
 * Rule 4 and the SIG-seed rule that message events are never auth events. Every auth event must
 * be an event of this room's history: one that was rejected, or that belongs to another room,
 * never is (OQ-AUTH-7, OQ-AUTH-8).
 */
function checkAuthEvents(ctx: CheckContext, view: RoomView, event: FullEvent): Rejected | undefined {
  const { state } = view;
  const seen = new Set<string>();
  let unknown: string | undefined;
  let duplicate: string | undefined;
  let message: FullEvent | undefined;
  for (const id of event.auth_events) {
    const referenced = view.eventById(id);
    if (referenced === undefined) {
      unknown ??= id;
      continue;
    }
    if (!isStateEvent(referenced)) message ??= referenced;
    const key = stateKeyOf(referenced.type, referenced.state_key ?? "");
    if (seen.has(key)) duplicate ??= `(${referenced.type}, ${JSON.stringify(referenced.state_key ?? "")})`;
    seen.add(key);
  }
  const valid = check(ctx, "auth.auth-events-valid", unknown === undefined, () => ({
    eventId: unknown,
    room: state.roomId,
  }));
  if (valid !== undefined) return valid;
  const dup = check(ctx, "auth.no-duplicate-auth-events", duplicate === undefined, () => ({
    detail: duplicate,
  }));
  if (dup !== undefined) return dup;
  const notMessage = check(ctx, "auth.auth-event-is-state", message === undefined, () => ({
    eventId: message?.event_id,
    eventType: message?.type,
  }));
  if (notMessage !== undefined) return notMessage;
  const selected = selectAuthEvents(state, event, ctx.profile);
  const extra = event.auth_events.find((id) => !selected.includes(id));
  const selection = check(ctx, "auth.select-auth-events", extra === undefined, () => ({ eventId: extra }));
  if (selection !== undefined) return selection;
  return check(
    ctx,
    "auth.auth-events-have-create",
    event.auth_events.includes(state.create.event_id),
    () => ({
      room: state.roomId,
    }),
  );
}

/** Rules 5.1 and 5.7: a membership event has a user ID state key and a known membership. */
function membershipShape(event: FullEvent): string | undefined {
  if (event.state_key === undefined) return "it has no state key";
  if (!isUserId(event.state_key)) return `state key ${JSON.stringify(event.state_key)} is not a user ID`;
  if (membershipValue(event.content) === undefined)
    return `membership ${JSON.stringify(event.content.membership ?? null)} is not one of invite, join, leave, ban, knock`;
  return undefined;
}

/**
 * The values the policy offers for the settings state events choose (SIG-POLICY-2: state events
 * configure the policy, they never add rules): LM's join rules, POL-00's history visibilities.
 */
export const POLICY_SETTINGS: Readonly<
  Record<string, { readonly key: string; readonly values: ReadonlyArray<string> }>
> = {
  [EVENT_TYPES.joinRules]: { key: "join_rule", values: ["public", "knock", "invite"] },
  [EVENT_TYPES.historyVisibility]: { key: "history_visibility", values: HISTORY_VISIBILITIES },
};

/** A state event that sets a policy setting must choose one of the values the policy offers. */
function checkPolicySetting(ctx: CheckContext, state: RoomState, event: FullEvent): Rejected | undefined {
  // Own keys only: an event type such as "constructor" must not find Object's members.
  const setting =
    event.state_key === "" && Object.hasOwn(POLICY_SETTINGS, event.type)
      ? POLICY_SETTINGS[event.type]
      : undefined;
  if (setting === undefined) return undefined;
  const value = event.content[setting.key];
  return check(
    ctx,
    "policy.configure-only",
    typeof value === "string" && setting.values.includes(value),
    () => ({
      eventType: event.type,
      value: `${setting.key} ${JSON.stringify(value ?? null)}`,
      room: state.roomId,
      expected: setting.values.join(", "),
    }),
  );
}

/** Redactions: the target is in the room, and redacting someone else's event is allowed. */
function checkRedaction(ctx: CheckContext, view: RoomView, event: FullEvent): Rejected | undefined {
  const { state } = view;
  const targetId = contentString(event, "redacts");
  const target = targetId === undefined ? undefined : view.eventById(targetId);
  const inRoom = check(ctx, "redaction.target-in-room", target !== undefined, () => ({
    eventId: targetId ?? "(none)",
    room: state.roomId,
  }));
  if (inRoom !== undefined || target === undefined) return inRoom;
  if (target.sender === event.sender) return undefined;
  const level = userLevel(state, event.sender, ctx.profile);
  const needed = actionLevel(state, "redact", ctx.profile);
  const detail = optionIs(ctx.profile, "mgmt.redact-others", "not-possible")
    ? "this profile has no redaction of other people's events (LM defines none)"
    : optionIs(ctx.profile, "mgmt.redact-others", "power-level") && level < needed
      ? `their power level ${level} is below the redact level ${needed}`
      : undefined;
  return check(ctx, "redaction.others", detail === undefined, () => ({
    sender: event.sender,
    eventId: target.event_id,
    target: target.sender,
    detail,
  }));
}

/** Whether `event` may follow the events of `view` (it is not the room's first event). */
export function authorize(ctx: CheckContext, view: RoomView, event: FullEvent): Verdict {
  const { state } = view;
  const { profile } = ctx;
  // A name the profile does not accept makes the event malformed, whatever else holds.
  const serverNames = checkServerNames(ctx, event);
  if (serverNames !== undefined) return serverNames;
  const signatures = checkSignatures(ctx, event);
  if (signatures !== undefined) return signatures;
  if (event.type === EVENT_TYPES.create)
    return (
      check(ctx, "create.no-prev", false, () => ({
        prev:
          event.prev_events.length > 0 ? event.prev_events.join(", ") : `${state.length} earlier event(s)`,
      })) ?? ACCEPTED
    );
  const authEvents = checkAuthEvents(ctx, view, event);
  if (authEvents !== undefined) return authEvents;
  const transfer = check(ctx, "hub.no-transfer", event.type !== EVENT_TYPES.hub, () => ({
    room: state.roomId,
    eventType: event.type,
  }));
  if (transfer !== undefined) return transfer;
  if (guardEnabled(ctx, "hub.hub-server-left")) {
    const hub = userIdParts(state.creator).server;
    // Until the creator's join (the second event) the hub server has nobody joined yet.
    const closed = state.length >= 2 && joinedOn(state, hub) === 0;
    const left = check(ctx, "hub.hub-server-left", !closed, () => ({ room: state.roomId, hub }));
    if (left !== undefined) return left;
  }
  if (event.type === EVENT_TYPES.member) {
    const problem = membershipShape(event);
    const shape = check(ctx, "membership.shape", problem === undefined, () => ({ detail: problem }));
    if (shape !== undefined) return shape;
    const chat = checkChatRules(ctx, state, event);
    if (chat !== undefined) return chat;
    const membership = membershipValue(event.content);
    return membership === undefined
      ? ACCEPTED
      : authorizeMembership(ctx, state, event, membership, event.state_key as UserId);
  }
  const joined = check(ctx, "auth.sender-joined", membershipOf(state, event.sender) === "join", () => ({
    sender: event.sender,
    room: state.roomId,
    senderMembership: membershipOf(state, event.sender),
  }));
  if (joined !== undefined) return joined;
  const chat = checkChatRules(ctx, state, event);
  if (chat !== undefined) return chat;
  const mine = userLevel(state, event.sender, profile);
  const needed = eventLevel(state, event.type, isStateEvent(event), profile);
  const level = check(ctx, "auth.sender-level", mine >= needed, () => ({
    sender: event.sender,
    senderLevel: mine,
    requiredLevel: needed,
    eventType: event.type,
  }));
  if (level !== undefined) return level;
  const stateKey = event.state_key;
  if (stateKey !== undefined) {
    const ok = !stateKey.startsWith("@") || stateKey === event.sender;
    const userKey = check(ctx, "auth.state-key-user", ok, () => ({ stateKey, sender: event.sender }));
    if (userKey !== undefined) return userKey;
    const configure = checkPolicySetting(ctx, state, event);
    if (configure !== undefined) return configure;
  }
  const mls = checkMlsEvent(ctx, state, event);
  if (mls !== undefined) return mls;
  if (event.type === EVENT_TYPES.powerLevels && stateKey === "")
    return checkPowerLevels(ctx, state, event) ?? ACCEPTED;
  if (event.type === EVENT_TYPES.redaction) return checkRedaction(ctx, view, event) ?? ACCEPTED;
  return ACCEPTED;
}
