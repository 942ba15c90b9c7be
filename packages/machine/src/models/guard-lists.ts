/**
 * `models/auth-rules.json` and `models/send-path.json`: guards whose condition lives in the
 * machine's code, declared here with what they enforce and how they explain a refusal.
 *
 * @module
 */
import { Schema } from "effect";
import { EnabledWhen, GuardIdString, ReasonTemplate, RequirementIds } from "./common.ts";

/** A guard the code implements. */
export const CodeGuardModel = Schema.Struct({
  guard: GuardIdString,
  lm: Schema.optionalKey(Schema.String),
  requirements: RequirementIds,
  reason: ReasonTemplate,
  enabledWhen: Schema.optionalKey(EnabledWhen),
});
/** A guard the code implements (see {@link CodeGuardModel}). */
export type CodeGuardModel = typeof CodeGuardModel.Type;

/** `models/auth-rules.json`. */
export const AuthRulesFile = Schema.Struct({
  $comment: Schema.optionalKey(Schema.String),
  guards: Schema.Array(CodeGuardModel),
});
/** `models/auth-rules.json` (see {@link AuthRulesFile}). */
export type AuthRulesFile = typeof AuthRulesFile.Type;

/** The participants of the send-path sequence diagram. */
export const SEND_PATH_PARTICIPANTS = ["client", "origin", "hub", "follower"] as const;

/** `models/send-path.json`: its guards and the message sequence. */
export const SendPathFile = Schema.Struct({
  $comment: Schema.optionalKey(Schema.String),
  guards: Schema.Array(CodeGuardModel),
  sequence: Schema.Array(
    Schema.Struct({
      from: Schema.Literals(SEND_PATH_PARTICIPANTS),
      to: Schema.Literals(SEND_PATH_PARTICIPANTS),
      label: Schema.String,
      guards: Schema.optionalKey(Schema.Array(GuardIdString)),
    }),
  ),
});
/** `models/send-path.json` (see {@link SendPathFile}). */
export type SendPathFile = typeof SendPathFile.Type;
