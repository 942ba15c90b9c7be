/**
 * `models/visibility.json`: first-contact visibility (SHARING-1..9) as rules from settings to the
 * fields an invitee sees before consenting.
 *
 * @module
 */
import { Schema } from "effect";
import { EnabledWhen, RequirementIds } from "./common.ts";

/** The fields a preview can show. */
export const PREVIEW_FIELDS = [
  "inviter.name",
  "inviter.chosen-identifier",
  "inviter.user-id",
  "inviter.avatar",
  "inviter.status",
  "first-message",
  "room.name",
  "members.names-and-ids",
  "members.avatars",
] as const;
/** A field a preview can show. */
export type PreviewField = (typeof PREVIEW_FIELDS)[number];

/** Whose setting a condition reads. */
export const SETTING_OWNERS = ["inviter", "invitee", "member", "hub"] as const;
/** Whose setting a condition reads. */
export type SettingOwner = (typeof SETTING_OWNERS)[number];

const Name = Schema.String.pipe(
  Schema.check(Schema.isPattern(/^[a-z][a-z0-9-]*$/u, { expected: "a kebab-case setting name" })),
);

/** A setting: per user, or per hub provider. */
export const SettingModel = Schema.Struct({
  name: Name,
  scope: Schema.Literals(["user", "hub"]),
  summary: Schema.String,
  requirements: RequirementIds,
});
/** A setting (see {@link SettingModel}). */
export type SettingModel = typeof SettingModel.Type;

/** A rule: show `field` to an invitee of these chat types when `when` holds. */
export const VisibilityRuleModel = Schema.Struct({
  id: Schema.String.pipe(
    Schema.check(
      Schema.isPattern(/^[a-z][a-z0-9-]*(?:\.[a-z][a-z0-9-]*)+$/u, { expected: "a dotted rule id" }),
    ),
  ),
  chatTypes: Schema.Array(Schema.String),
  field: Schema.Literals(PREVIEW_FIELDS),
  when: Schema.Union([
    Schema.Literal("always"),
    Schema.Array(Schema.Struct({ setting: Name, of: Schema.Literals(SETTING_OWNERS) })),
  ]),
  enabledWhen: Schema.optionalKey(EnabledWhen),
  requirements: RequirementIds,
});
/** A visibility rule (see {@link VisibilityRuleModel}). */
export type VisibilityRuleModel = typeof VisibilityRuleModel.Type;

/** The whole file. */
export const VisibilityFile = Schema.Struct({
  $comment: Schema.optionalKey(Schema.String),
  settings: Schema.Array(SettingModel),
  rules: Schema.Array(VisibilityRuleModel),
});
/** The whole file (see {@link VisibilityFile}). */
export type VisibilityFile = typeof VisibilityFile.Type;
