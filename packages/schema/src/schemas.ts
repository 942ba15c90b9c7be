/**
 * Every exported schema by name, for tools that pick one at run time (`mimi validate --schema`,
 * `mimi gen json-schema`, `mimi gen types`).
 *
 * @module
 */
import type { Schema } from "effect";
import * as Events from "./events/index.ts";
import {
  RoomId,
  RoomIdFromString,
  ServerName,
  StrictServerName,
  UserId,
  UserIdFromString,
} from "./identifiers/index.ts";

/** Schemas by the name users type on the command line. */
export const schemasByName: Readonly<Record<string, Schema.Top>> = {
  ServerName,
  StrictServerName,
  UserId,
  RoomId,
  UserIdFromString,
  RoomIdFromString,
  EventId: Events.EventId,
  LmEventId: Events.LmEventId,
  RoomVersion: Events.RoomVersion,
  KeyId: Events.KeyId,
  EventType: Events.EventType,
  StateKey: Events.StateKey,
  Timestamp: Events.Timestamp,
  Sha256Hash: Events.Sha256Hash,
  Ed25519Signature: Events.Ed25519Signature,
  Signatures: Events.Signatures,
  EventHashes: Events.EventHashes,
  CreateEventContent: Events.CreateEventContent,
  MembershipEventContent: Events.MembershipEventContent,
  PowerLevelsEventContent: Events.PowerLevelsEventContent,
  JoinRulesEventContent: Events.JoinRulesEventContent,
  HistoryVisibilityEventContent: Events.HistoryVisibilityEventContent,
  NameEventContent: Events.NameEventContent,
  TopicEventContent: Events.TopicEventContent,
  AvatarEventContent: Events.AvatarEventContent,
  RedactionEventContent: Events.RedactionEventContent,
  EncryptedEventContent: Events.EncryptedEventContent,
  MlsCommitContent: Events.MlsCommitContent,
  ChatKind: Events.ChatKind,
  AuthEventType: Events.AuthEventType,
  LimitedEvent: Events.LimitedEvent,
  FullyFormedEvent: Events.FullyFormedEvent,
  CreateEvent: Events.CreateEvent,
  MemberEvent: Events.MemberEvent,
  PowerLevelsEvent: Events.PowerLevelsEvent,
  JoinRulesEvent: Events.JoinRulesEvent,
  HistoryVisibilityEvent: Events.HistoryVisibilityEvent,
  NameEvent: Events.NameEvent,
  TopicEvent: Events.TopicEvent,
  AvatarEvent: Events.AvatarEvent,
  RedactionEvent: Events.RedactionEvent,
  EncryptedEvent: Events.EncryptedEvent,
  MlsCommitEvent: Events.MlsCommitEvent,
  RoomEvent: Events.RoomEvent,
  LimitedRoomEvent: Events.LimitedRoomEvent,
};

/** The names {@link schemasByName} knows, sorted. */
export const schemaNames: ReadonlyArray<string> = Object.keys(schemasByName).sort();
