/**
 * `models/permissions.json`: LM's power-level defaults, the creator's level, and which profile
 * options set the invite, kick and ban defaults.
 *
 * @module
 */
import { Schema } from "effect";
import { Count, RequirementIds } from "./common.ts";

/** The power-levels fields that hold a single level. */
export const SCALAR_LEVEL_FIELDS = [
  "users_default",
  "events_default",
  "state_default",
  "ban",
  "redact",
  "kick",
  "invite",
] as const;

const Level = Schema.Number.pipe(Schema.check(Schema.isInt({ expected: "an integer level" })));

/** The whole file. */
export const PermissionsFile = Schema.Struct({
  $comment: Schema.optionalKey(Schema.String),
  requirements: RequirementIds,
  defaults: Schema.Struct({
    ban: Level,
    kick: Level,
    invite: Level,
    redact: Level,
    events_default: Level,
    state_default: Level,
    users_default: Level,
  }),
  creatorLevel: Level,
  actionOptions: Schema.Struct({ invite: Schema.String, kick: Schema.String, ban: Schema.String }),
  levelChoices: Schema.Record(Schema.String, Count),
  scalarFields: Schema.Array(Schema.Literals(SCALAR_LEVEL_FIELDS)),
  eventLevels: Schema.Record(Schema.String, Level),
});
/** The whole file (see {@link PermissionsFile}). */
export type PermissionsFile = typeof PermissionsFile.Type;
