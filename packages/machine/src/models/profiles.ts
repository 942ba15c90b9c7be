/**
 * `models/profiles.json`: the profile options the machine reads and the named profiles that
 * assign all of them.
 *
 * @module
 */
import { Schema } from "effect";
import { RequirementIds } from "./common.ts";

const Name = Schema.String.pipe(
  Schema.check(
    Schema.isPattern(/^[a-z][a-z0-9-]*(?:\.[a-z][a-z0-9-]*)+$/u, {
      expected: "a dotted option name such as auth.knock-from-invite",
    }),
  ),
);
const Value = Schema.String.pipe(
  Schema.check(Schema.isPattern(/^[a-z0-9][a-z0-9-]*$/u, { expected: "a kebab-case choice such as allow" })),
);

/** One option: its choices (as in the registry), and which of them the machine can run. */
export const OptionModel = Schema.Struct({
  name: Name,
  choices: Schema.Array(Value).pipe(
    Schema.check(Schema.isMinLength(2, { expected: "at least two choices" })),
  ),
  implemented: Schema.optionalKey(Schema.Array(Value)),
  unregistered: Schema.optionalKey(
    Schema.Struct({ summary: Schema.String, requirements: RequirementIds, default: Value }),
  ),
});
/** One option (see {@link OptionModel}). */
export type OptionModel = typeof OptionModel.Type;

/** A named profile: a value for every option. */
export const ProfileModel = Schema.Struct({
  name: Schema.String.pipe(
    Schema.check(Schema.isPattern(/^[a-z][a-z0-9-]*$/u, { expected: "a kebab-case profile name" })),
  ),
  summary: Schema.String,
  registryDefaults: Schema.optionalKey(Schema.Boolean),
  values: Schema.Record(Schema.String, Value),
});
/** A named profile (see {@link ProfileModel}). */
export type ProfileModel = typeof ProfileModel.Type;

/** The whole file. */
export const ProfilesFile = Schema.Struct({
  $comment: Schema.optionalKey(Schema.String),
  default: Schema.String,
  options: Schema.Array(OptionModel),
  profiles: Schema.Array(ProfileModel),
});
/** The whole file (see {@link ProfilesFile}). */
export type ProfilesFile = typeof ProfilesFile.Type;
