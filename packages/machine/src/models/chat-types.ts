/**
 * `models/chat-types.json`: the four chat types of [TRANSPORT 3.2], their creation guards and the
 * chat rules layered on the LM auth rules.
 *
 * @module
 */
import { Schema } from "effect";
import { Count, EnabledWhen, GuardIdString, ReasonTemplate, RequirementIds } from "./common.ts";

/** What a chat rule applies to (see the file's `$comment`). */
export const CHAT_RULE_TRIGGERS = ["add", "leave", "rejoin", "remove", "change-join-rule"] as const;
/** What a chat rule applies to. */
export type ChatRuleTrigger = (typeof CHAT_RULE_TRIGGERS)[number];

const ChatTypeId = Schema.String.pipe(
  Schema.check(Schema.isPattern(/^[a-z][a-z0-9-]*$/u, { expected: "a kebab-case chat type id" })),
);

/** A guard with what it enforces and why it refuses. */
const GuardFields = {
  guard: GuardIdString,
  requirements: RequirementIds,
  reason: ReasonTemplate,
};

/** One chat type. */
export const ChatTypeModel = Schema.Struct({
  id: ChatTypeId,
  summary: Schema.String,
  requirements: RequirementIds,
  fixedMembership: Schema.Boolean,
  members: Schema.Struct({
    min: Count,
    max: Schema.NullOr(Count),
    guard: Schema.optionalKey(GuardIdString),
    requirements: Schema.optionalKey(RequirementIds),
    reason: Schema.optionalKey(ReasonTemplate),
  }),
  uniqueness: Schema.Union([
    Schema.Struct({ scope: Schema.Literal("none") }),
    Schema.Struct({ scope: Schema.Literals(["pair", "member-set"]), ...GuardFields }),
  ]),
  joinRule: Schema.NullOr(Schema.Literals(["public", "invite", "knock"])),
  historyVisibility: Schema.NullOr(Schema.Literals(["shared", "joined", "invited", "world"])),
});
/** One chat type (see {@link ChatTypeModel}). */
export type ChatTypeModel = typeof ChatTypeModel.Type;

/** A guard checked when a room of some chat types is created. */
export const CreationRuleModel = Schema.Struct({
  ...GuardFields,
  chatTypes: Schema.Array(ChatTypeId),
  enabledWhen: Schema.optionalKey(EnabledWhen),
});
/** A creation guard (see {@link CreationRuleModel}). */
export type CreationRuleModel = typeof CreationRuleModel.Type;

/** A chat rule: for rooms of `chatTypes`, events that `on` describes are rejected. */
export const ChatRuleModel = Schema.Struct({
  ...GuardFields,
  chatTypes: Schema.Array(ChatTypeId),
  on: Schema.Literals(CHAT_RULE_TRIGGERS),
  enabledWhen: Schema.optionalKey(EnabledWhen),
});
/** A chat rule (see {@link ChatRuleModel}). */
export type ChatRuleModel = typeof ChatRuleModel.Type;

/** The whole file. */
export const ChatTypesFile = Schema.Struct({
  $comment: Schema.optionalKey(Schema.String),
  chatTypes: Schema.Array(ChatTypeModel),
  creation: Schema.Array(CreationRuleModel),
  rules: Schema.Array(ChatRuleModel),
});
/** The whole file (see {@link ChatTypesFile}). */
export type ChatTypesFile = typeof ChatTypesFile.Type;
