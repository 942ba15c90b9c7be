/**
 * `models/membership.json`: LM I.1 auth rule 5 as data, one ordered rule list per requested
 * membership.
 *
 * @module
 */
import { Schema } from "effect";
import { EnabledWhen, GuardIdString, ReasonTemplate, RequirementIds } from "./common.ts";
import { MEMBERSHIPS } from "./conditions.ts";

const ConditionText = Schema.Array(Schema.String);

/** Accept the event at once when `when` holds. */
export const AllowRuleModel = Schema.Struct({
  allow: GuardIdString,
  lm: Schema.String,
  when: ConditionText,
  requirements: RequirementIds,
  enabledWhen: Schema.optionalKey(EnabledWhen),
});
/** An allow rule (see {@link AllowRuleModel}). */
export type AllowRuleModel = typeof AllowRuleModel.Type;

/** Reject with `guard` unless `require` holds (only when `if` holds, if given). */
export const RequireRuleModel = Schema.Struct({
  guard: GuardIdString,
  lm: Schema.String,
  if: Schema.optionalKey(ConditionText),
  require: ConditionText,
  requirements: RequirementIds,
  reason: ReasonTemplate,
  enabledWhen: Schema.optionalKey(EnabledWhen),
});
/** A require rule (see {@link RequireRuleModel}). */
export type RequireRuleModel = typeof RequireRuleModel.Type;

/** The rules for one requested membership. */
export const MembershipChangeModel = Schema.Struct({
  membership: Schema.Literals(MEMBERSHIPS),
  lm: Schema.String,
  rules: Schema.Array(Schema.Union([AllowRuleModel, RequireRuleModel])),
});
/** The rules for one requested membership (see {@link MembershipChangeModel}). */
export type MembershipChangeModel = typeof MembershipChangeModel.Type;

/** The whole file. */
export const MembershipFile = Schema.Struct({
  $comment: Schema.optionalKey(Schema.String),
  memberships: Schema.Array(Schema.Literals(MEMBERSHIPS)),
  changes: Schema.Array(MembershipChangeModel),
});
/** The whole file (see {@link MembershipFile}). */
export type MembershipFile = typeof MembershipFile.Type;
