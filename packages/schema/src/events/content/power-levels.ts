/**
 * `m.room.power_levels` content (LM §int-ev-power-levels): the level each action needs and each
 * user has. Every field is optional and has a default. LM auth rule 9 rejects non-integer
 * levels and `users` keys that are not user IDs; this schema does the same. Redaction keeps
 * every field named here.
 *
 * @module
 */
import { Schema } from "effect";
import { UserId } from "../../identifiers/user-id.ts";
import { EventType, eventTypeProblem } from "../event-type.ts";
import { SafeInteger } from "../numbers.ts";
import { openStruct } from "../open-object.ts";
import { validKeys } from "../record-keys.ts";

/** The level of each action, and of users and events, when the content leaves it out (LM). */
export const POWER_LEVEL_DEFAULTS = {
  ban: 50,
  kick: 50,
  invite: 0,
  redact: 50,
  events_default: 0,
  state_default: 50,
  users_default: 0,
} as const;

/** The level the creator has while a room has no power-levels event (LM). */
export const CREATOR_DEFAULT_POWER_LEVEL = 100;

/** Event type → the level needed to send it; keys must be valid event types. */
export const EventPowerLevels = Schema.Record(Schema.String, SafeInteger).pipe(
  Schema.check(validKeys(EventType, "event type", eventTypeProblem)),
  Schema.annotate({
    identifier: "EventPowerLevels",
    description: "The level needed to send each event type, keyed by event type.",
  }),
);

/** User ID → that user's level; keys must be valid user IDs (LM auth rule 9.3). */
export const UserPowerLevels = Schema.Record(Schema.String, SafeInteger).pipe(
  Schema.check(validKeys(UserId, "user ID")),
  Schema.annotate({
    identifier: "UserPowerLevels",
    description: "Each listed user's power level, keyed by user ID.",
  }),
);

/** `m.room.power_levels` content; every field optional (defaults in {@link POWER_LEVEL_DEFAULTS}). */
export const PowerLevelsEventContent = openStruct({
  ban: Schema.optionalKey(SafeInteger),
  kick: Schema.optionalKey(SafeInteger),
  invite: Schema.optionalKey(SafeInteger),
  redact: Schema.optionalKey(SafeInteger),
  events: Schema.optionalKey(EventPowerLevels),
  events_default: Schema.optionalKey(SafeInteger),
  state_default: Schema.optionalKey(SafeInteger),
  users: Schema.optionalKey(UserPowerLevels),
  users_default: Schema.optionalKey(SafeInteger),
}).pipe(
  Schema.annotate({
    identifier: "PowerLevelsEventContent",
    description:
      "m.room.power_levels content: integer levels for ban, kick, invite, redact, events (by type), events_default, state_default, users (by user ID) and users_default.",
    examples: [{ ban: 50, users: { "@alice:example.org": 100 }, users_default: 0 } as never],
  }),
);

/** The content of a power-levels event. */
export type PowerLevelsEventContent = typeof PowerLevelsEventContent.Type;
