/**
 * `models/mls-acp.json`: per chat type, the templates an MLS access-control policy must match:
 * who may propose each kind of MLS proposal and who must accept the commit (MLSACP-1..3).
 *
 * @module
 */
import { Schema } from "effect";
import { CodeGuardModel } from "./guard-lists.ts";

/** The MLS proposal kinds the templates cover. */
export const MLS_PROPOSALS = ["add", "remove", "update", "self-remove"] as const;
/** An MLS proposal kind. */
export type MlsProposal = (typeof MLS_PROPOSALS)[number];

/** The roles a template names (see the file's `$comment`). */
export const MLS_ROLES = ["self", "member", "inviter", "moderator", "admin", "hub"] as const;
/** A role a template names. */
export type MlsRole = (typeof MLS_ROLES)[number];

const Roles = Schema.Array(Schema.Literals(MLS_ROLES));
const Rule = Schema.Struct({ propose: Roles, accept: Roles });

/** One template. */
export const MlsTemplateModel = Schema.Struct({
  id: Schema.String.pipe(
    Schema.check(Schema.isPattern(/^[a-z][a-z0-9-]*$/u, { expected: "a kebab-case template id" })),
  ),
  chatTypes: Schema.Array(Schema.String),
  summary: Schema.String,
  rules: Schema.Struct({ add: Rule, remove: Rule, update: Rule, "self-remove": Rule }),
});
/** One template (see {@link MlsTemplateModel}). */
export type MlsTemplateModel = typeof MlsTemplateModel.Type;

/** The whole file. */
export const MlsAcpFile = Schema.Struct({
  $comment: Schema.optionalKey(Schema.String),
  proposals: Schema.Array(Schema.Literals(MLS_PROPOSALS)),
  roles: Schema.Array(Schema.Literals(MLS_ROLES)),
  templates: Schema.Array(MlsTemplateModel),
  defaults: Schema.Record(Schema.String, Schema.String),
  guards: Schema.Array(CodeGuardModel),
});
/** The whole file (see {@link MlsAcpFile}). */
export type MlsAcpFile = typeof MlsAcpFile.Type;
