import { schemasByName } from "../../src/schemas.ts";

/**
 * Schemas the bridge cannot generate yet: their hashes and signatures are checked as "base64 of N
 * octets" by a plain filter with no generation hint, so random strings never pass it. Every
 * event envelope contains them. Listed here, not silently skipped; see the closing note of issue 4.
 */
export const NOT_YET_GENERATED = new Set([
  "Sha256Hash",
  "Ed25519Signature",
  "Signatures",
  "EventHashes",
  "LimitedEvent",
  "FullyFormedEvent",
  "CreateEvent",
  "MemberEvent",
  "PowerLevelsEvent",
  "JoinRulesEvent",
  "HistoryVisibilityEvent",
  "NameEvent",
  "TopicEvent",
  "AvatarEvent",
  "RedactionEvent",
  "EncryptedEvent",
  "MlsCommitEvent",
  "RoomEvent",
  "LimitedRoomEvent",
]);

/** Every registered schema the bridge can generate, by name. */
export const generatableSchemas = Object.fromEntries(
  Object.entries(schemasByName).filter(([name]) => !NOT_YET_GENERATED.has(name)),
);
