/**
 * What a user's server builds from a user action: a limited event (LPDU), signed by that server,
 * with `hub_server` set when the participant sets it (`event.hub-server-set-by`).
 *
 * @module
 */
import { type JsonObject, roomIdParts, type ServerName, userIdParts } from "@mimi-spec/schema";
import type { ForgedEvent, UserAction } from "../action.ts";
import { DEFAULT_ENCRYPTION, EVENT_TYPES, type LimitedEvent } from "../event.ts";
import { optionIs, type Profile } from "../profile.ts";

/** The type, state key and content of the event a user action asks for. */
export function eventSpecOf(action: Exclude<UserAction, { kind: "create-room" }>): ForgedEvent {
  const member = (target: string, membership: string): ForgedEvent => ({
    type: EVENT_TYPES.member,
    sender: action.user,
    stateKey: target,
    content: { membership },
  });
  switch (action.kind) {
    case "invite":
      return member(action.target, "invite");
    case "join":
      return member(action.user, "join");
    case "leave":
      return member(action.user, "leave");
    case "knock":
      return member(action.user, "knock");
    case "kick":
      return member(action.target, "leave");
    case "ban":
      return member(action.target, "ban");
    case "unban":
      return member(action.target, "leave");
    case "send-message":
      return {
        type: EVENT_TYPES.encrypted,
        sender: action.user,
        content: { algorithm: DEFAULT_ENCRYPTION, ciphertext: action.body },
      };
    case "set-power-levels":
      return { type: EVENT_TYPES.powerLevels, sender: action.user, stateKey: "", content: action.content };
    case "set-join-rule":
      return {
        type: EVENT_TYPES.joinRules,
        sender: action.user,
        stateKey: "",
        content: { join_rule: action.joinRule },
      };
    case "set-history-visibility":
      return {
        type: EVENT_TYPES.historyVisibility,
        sender: action.user,
        stateKey: "",
        content: { history_visibility: action.visibility },
      };
    case "set-name":
      return { type: EVENT_TYPES.name, sender: action.user, stateKey: "", content: { name: action.name } };
    case "redact":
      return { type: EVENT_TYPES.redaction, sender: action.user, content: { redacts: action.eventId } };
    case "mls-propose":
      return {
        type: EVENT_TYPES.mlsProposal,
        sender: action.user,
        content: {
          proposal: action.proposal,
          ...(action.target === undefined ? {} : { target: action.target }),
        },
      };
    case "propose-mls-acp":
      return {
        type: EVENT_TYPES.mlsAcp,
        sender: action.user,
        stateKey: "",
        content: { template: action.template },
      };
    case "send-event":
      return {
        type: action.type,
        sender: action.user,
        ...(action.stateKey === undefined ? {} : { stateKey: action.stateKey }),
        content: action.content,
      };
  }
}

/** The limited event `origin` builds for `spec` in `room` at time `ts`. */
export function limitedEvent(
  spec: ForgedEvent,
  room: LimitedEvent["room_id"],
  origin: ServerName,
  ts: number,
  profile: Profile,
): LimitedEvent {
  const hub = roomIdParts(room).server;
  const setsHubServer = origin !== hub && optionIs(profile, "event.hub-server-set-by", "participant");
  return {
    room_id: room,
    type: spec.type,
    ...(spec.stateKey === undefined ? {} : { state_key: spec.stateKey }),
    sender: spec.sender,
    content: spec.content as JsonObject,
    origin_server_ts: ts,
    ...(setsHubServer ? { hub_server: hub } : {}),
    signedBy: [origin],
  };
}

/** The server of a user (the model has one server per provider). */
export function serverOf(user: ForgedEvent["sender"]): ServerName {
  return userIdParts(user).server;
}
