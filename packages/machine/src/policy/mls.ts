/**
 * MLS access control (MLSACP-1..3): every room has a policy, one of its chat type's templates
 * from `models/mls-acp.json`; a server proposes it at creation and clients check it against the
 * templates (MLSACP-2); a member may propose another template (MLSACP-3); and each MLS proposal
 * is checked against the template in force: the proposer must hold one of its proposer roles.
 * Who must accept the commit is recorded in the template; acceptance is not simulated.
 *
 * @module
 */
import { roomIdParts, type UserId, userIdParts } from "@mimi-spec/schema";
import { contentString, EVENT_TYPES, type FullEvent } from "../event.ts";
import { type ChatType, MLS_ACP_DEFAULTS, MLS_ACP_TEMPLATES } from "../generated/tables.ts";
import { MLS_PROPOSALS, type MlsProposal, type MlsRole } from "../models/mls-acp.ts";
import type { Profile } from "../profile.ts";
import { actionLevel, userLevel } from "../state/power-levels.ts";
import { membershipOf, type RoomState } from "../state/room-state.ts";
import type { Rejected } from "../verdict.ts";
import { type CheckContext, check } from "./guard.ts";

/** The level that makes a member an admin. */
const ADMIN_LEVEL = 100;

/** The templates that fit a chat type. */
export function templatesFor(chatType: ChatType): string[] {
  return Object.values(MLS_ACP_TEMPLATES)
    .filter((t) => t.chatTypes.includes(chatType))
    .map((t) => t.id);
}

/** Whether `template` is one of the chat type's templates. */
export function templateFits(template: string | undefined, chatType: ChatType): boolean {
  return template !== undefined && templatesFor(chatType).includes(template);
}

/** The template in force: the last member proposal, else the create event's, else the chat type's default. */
export function mlsAcpInForce(state: RoomState): string | undefined {
  const named = state.mlsAcp ?? contentString(state.create, "mls_acp");
  return named ?? (state.chatType === undefined ? undefined : MLS_ACP_DEFAULTS[state.chatType]);
}

/** The roles `user` holds in the room for a proposal about `target`. */
export function mlsRoles(
  state: RoomState,
  user: UserId,
  target: UserId | undefined,
  profile: Profile,
): Set<MlsRole> {
  const roles = new Set<MlsRole>();
  if (target === undefined || target === user) roles.add("self");
  if (userIdParts(user).server === roomIdParts(state.roomId).server) roles.add("hub");
  if (membershipOf(state, user) !== "join") return roles;
  const level = userLevel(state, user, profile);
  roles.add("member");
  if (level >= actionLevel(state, "invite", profile)) roles.add("inviter");
  if (level >= actionLevel(state, "kick", profile)) roles.add("moderator");
  if (level >= ADMIN_LEVEL) roles.add("admin");
  return roles;
}

/** The MLS checks of an event (a policy proposal or an MLS proposal); `undefined` when they pass. */
export function checkMlsEvent(ctx: CheckContext, state: RoomState, event: FullEvent): Rejected | undefined {
  const chatType = state.chatType;
  if (chatType === undefined) return undefined;
  if (event.type === EVENT_TYPES.mlsAcp && event.state_key === "") {
    const template = contentString(event, "template");
    return check(ctx, "mls-acp.client-proposal", templateFits(template, chatType), () => ({
      sender: event.sender,
      value: template ?? "(none)",
      chatType,
      expected: templatesFor(chatType).join(", "),
    }));
  }
  if (event.type !== EVENT_TYPES.mlsProposal) return undefined;
  const policy = mlsAcpInForce(state);
  // Own keys only: a template named like an Object.prototype member is no template.
  const template =
    policy !== undefined && Object.hasOwn(MLS_ACP_TEMPLATES, policy) ? MLS_ACP_TEMPLATES[policy] : undefined;
  const proposal = contentString(event, "proposal");
  const target = contentString(event, "target") as UserId | undefined;
  const known = proposal !== undefined && (MLS_PROPOSALS as ReadonlyArray<string>).includes(proposal);
  const rule = known && template !== undefined ? template.rules[proposal as MlsProposal] : undefined;
  const roles = mlsRoles(state, event.sender, target, ctx.profile);
  const allowed = rule?.propose.some((r) => roles.has(r)) === true;
  return check(ctx, "mls-acp.may-propose", allowed, () => ({
    sender: event.sender,
    value: policy ?? "(none)",
    detail: !known
      ? `${JSON.stringify(proposal ?? null)}, which is not an MLS proposal kind (${MLS_PROPOSALS.join(", ")})`
      : `${proposal}${target === undefined ? "" : ` for ${target}`}: that needs ${rule?.propose.join(" or ") || "a role nobody has"}, and they are ${[...roles].join(", ") || "nothing"}`,
  }));
}
