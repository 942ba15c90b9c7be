/**
 * LM I.1 auth rule 5 from the generated table: the rule list of the requested membership is
 * walked in order; an allow rule accepts early, a require rule refuses with its guard unless its
 * condition holds, and the end of the list accepts.
 *
 * @module
 */
import type { UserId } from "@mimi-spec/schema";
import type { FullEvent } from "../event.ts";
import type { GuardId } from "../generated/guards.ts";
import { MEMBERSHIP_RULES } from "../generated/tables.ts";
import type { Condition, JoinRuleOrNone, Membership, Predicate } from "../models/conditions.ts";
import { enabledUnder, optionIs, type Profile } from "../profile.ts";
import { phas } from "../state/persistent-map.ts";
import { actionLevel, userLevel } from "../state/power-levels.ts";
import { membershipOf, type RoomState } from "../state/room-state.ts";
import type { Verdict } from "../verdict.ts";
import { ACCEPTED, type CheckContext, check, type ReasonValues } from "./guard.ts";

/** The join rule in force: the join_rules event's, else the profile's default (`none` or `invite`). */
export function effectiveJoinRule(state: RoomState, profile: Profile): string {
  if (state.joinRule !== undefined) return state.joinRule;
  return optionIs(profile, "room.default-join-rule", "invite") ? "invite" : "none";
}

/** Evaluates one predicate for a membership event `event` (state key `target`) in `state`. */
export function predicateHolds(
  predicate: Predicate,
  state: RoomState,
  event: FullEvent,
  target: UserId,
  profile: Profile,
): boolean {
  switch (predicate.kind) {
    case "sender-is-target":
      return event.sender === target;
    case "target-is-creator":
      return target === state.creator;
    case "previous-is-create":
      return optionIs(profile, "auth.creator-first-join", "only-previous-is-create")
        ? event.prev_events.length === 1 && event.prev_events[0] === state.create.event_id
        : event.prev_events[0] === state.create.event_id;
    case "sender-joined":
      return membershipOf(state, event.sender) === "join";
    case "target-has-membership":
      return phas(state.memberships, target);
    case "target-membership-in":
      return predicate.values.includes(membershipOf(state, target));
    case "target-membership-not-in":
      return !predicate.values.includes(membershipOf(state, target));
    case "sender-level-at-least":
      return userLevel(state, event.sender, profile) >= actionLevel(state, predicate.action, profile);
    case "target-level-below-sender":
      return userLevel(state, target, profile) < userLevel(state, event.sender, profile);
    case "join-rule-in":
      return (predicate.values as ReadonlyArray<string>).includes(
        effectiveJoinRule(state, profile) as JoinRuleOrNone,
      );
  }
}

function conditionHolds(
  condition: Condition,
  state: RoomState,
  event: FullEvent,
  target: UserId,
  profile: Profile,
): boolean {
  return condition.some((conjunction) =>
    conjunction.every((p) => predicateHolds(p, state, event, target, profile)),
  );
}

/** The level a failing rule asked for, for its reason. */
function requiredLevel(condition: Condition, state: RoomState, profile: Profile): number | undefined {
  for (const conjunction of condition)
    for (const p of conjunction)
      if (p.kind === "sender-level-at-least") return actionLevel(state, p.action, profile);
  return undefined;
}

/**
 * Runs the rule list of `membership` for `event` (already shape-checked: `target` is its state
 * key). Returns the first refusal, or acceptance.
 */
export function authorizeMembership(
  ctx: CheckContext,
  state: RoomState,
  event: FullEvent,
  membership: Membership,
  target: UserId,
): Verdict {
  const { profile } = ctx;
  for (const rule of MEMBERSHIP_RULES[membership].rules) {
    if (!enabledUnder(profile, rule.enabledWhen)) continue;
    if (rule.kind === "allow") {
      if (conditionHolds(rule.when, state, event, target, profile)) return ACCEPTED;
      continue;
    }
    if (rule.if !== undefined && !conditionHolds(rule.if, state, event, target, profile)) continue;
    const holds = conditionHolds(rule.require, state, event, target, profile);
    const values = (): ReasonValues => ({
      sender: event.sender,
      target,
      room: state.roomId,
      membership,
      senderMembership: membershipOf(state, event.sender),
      targetMembership: membershipOf(state, target),
      joinRule: effectiveJoinRule(state, profile),
      senderLevel: userLevel(state, event.sender, profile),
      targetLevel: userLevel(state, target, profile),
      requiredLevel: requiredLevel(rule.require, state, profile),
    });
    const refused = check(ctx, rule.id as GuardId, holds, values);
    if (refused !== undefined) return refused;
  }
  return ACCEPTED;
}
