/**
 * Schema pieces every model file shares: guard ids, requirement-id lists, reason templates and
 * profile-option conditions.
 *
 * @module
 */
import { Schema } from "effect";

/** A guard or rule id: dotted lower-case kebab segments (`dm.no-add`), as the registry cites them. */
export const GuardIdString = Schema.String.pipe(
  Schema.check(
    Schema.isPattern(/^[a-z][a-z0-9-]*(?:\.[a-z][a-z0-9-]*)+$/u, {
      expected: "a dotted guard id such as dm.no-add",
    }),
  ),
);

/** Requirement ids (checked against the registry after decoding); at least one. */
export const RequirementIds = Schema.Array(Schema.String).pipe(
  Schema.check(Schema.isMinLength(1, { expected: "at least one requirement id" })),
);

/** A rejection reason with `{placeholder}`s (checked against the known placeholders after decoding). */
export const ReasonTemplate = Schema.String.pipe(
  Schema.check(Schema.isMinLength(1, { expected: "a non-empty reason" })),
);

/** `{ "option.name": "value" }`: the rule applies only while the profile gives the option this value. */
export const EnabledWhen = Schema.Record(Schema.String, Schema.String);

/** A non-negative integer. */
export const Count = Schema.Number.pipe(
  Schema.check(Schema.isInt({ expected: "an integer" }), Schema.isGreaterThanOrEqualTo(0)),
);

/**
 * The placeholders a reason may use; the machine fills each from the event and the room. A reason
 * naming anything else is a model error, so a typo cannot leave `{sendr}` in a verdict.
 */
export const REASON_PLACEHOLDERS = [
  "sender",
  "target",
  "room",
  "server",
  "origin",
  "hub",
  "chatType",
  "members",
  "count",
  "existing",
  "lowest",
  "membership",
  "senderMembership",
  "targetMembership",
  "joinRule",
  "senderLevel",
  "targetLevel",
  "requiredLevel",
  "eventType",
  "eventId",
  "stateKey",
  "prev",
  "head",
  "roomServer",
  "senderServer",
  "signerRole",
  "expected",
  "value",
  "detail",
] as const;

/** One of {@link REASON_PLACEHOLDERS}. */
export type ReasonPlaceholder = (typeof REASON_PLACEHOLDERS)[number];

/** The placeholders used in a template, in order of appearance. */
export function placeholdersOf(template: string): string[] {
  return [...template.matchAll(/\{([^{}]*)\}/gu)].map((m) => m[1] ?? "");
}
