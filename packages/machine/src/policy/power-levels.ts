/**
 * LM I.1 auth rule 9: a power_levels event must hold integers where levels go and valid user IDs
 * as `users` keys (9.1-9.3), and may only add, change or remove levels up to the sender's own
 * (9.5-9.9). Profile options: whether an equal-level user may be demoted (9.8), whether an
 * absent scalar level counts as its default (9.5), and whether `notifications` is checked.
 *
 * @module
 */
import { type JsonObject, type JsonValue, UserId } from "@mimi-spec/schema";
import { Schema } from "effect";
import type { FullEvent } from "../event.ts";
import { PERMISSIONS } from "../generated/tables.ts";
import { optionIs } from "../profile.ts";
import { defaultScalarLevel, integerOrUndefined, levelMap, userLevel } from "../state/power-levels.ts";
import type { RoomState } from "../state/room-state.ts";
import type { Rejected } from "../verdict.ts";
import { type CheckContext, check } from "./guard.ts";

const isUserId = Schema.is(UserId);

/** Why the content breaks rules 9.1-9.3, or `undefined` when it is well-formed. */
export function powerLevelsContentProblem(
  content: JsonObject,
  checkNotifications: boolean,
): string | undefined {
  for (const field of PERMISSIONS.scalarFields) {
    const value = content[field];
    if (value !== undefined && integerOrUndefined(value) === undefined)
      return `${field} must be an integer, got ${JSON.stringify(value)}`;
  }
  const maps = checkNotifications ? ["events", "users", "notifications"] : ["events", "users"];
  for (const key of maps) {
    const value = content[key];
    if (value === undefined) continue;
    if (typeof value !== "object" || value === null || Array.isArray(value))
      return `${key} must be an object`;
    for (const [k, level] of Object.entries(value as JsonObject)) {
      if (integerOrUndefined(level) === undefined)
        return `${key}[${JSON.stringify(k)}] must be an integer, got ${JSON.stringify(level)}`;
      if (key === "users" && !isUserId(k)) return `users key ${JSON.stringify(k)} is not a valid user ID`;
    }
  }
  return undefined;
}

/** One of the seven scalar level fields of a power_levels content. */
type ScalarField = keyof typeof PERMISSIONS.defaults;

function sameValue(a: JsonValue | undefined, b: JsonValue | undefined): boolean {
  return a === b;
}

/** The first change rules 9.5-9.9 forbid, described, or `undefined`. */
function forbiddenChange(
  ctx: CheckContext,
  state: RoomState,
  event: FullEvent,
  previous: JsonObject,
): string | undefined {
  const { profile } = ctx;
  const content = event.content;
  const mine = userLevel(state, event.sender, profile);
  // OQ-AUTH-14: whether an absent side of an added or removed field is its default or nothing.
  const absentIsDefault = optionIs(profile, "auth.power-levels-absent-scalar", "default-level");
  const levelOf = (value: JsonValue | undefined, field: ScalarField): number | undefined =>
    integerOrUndefined(value) ?? (absentIsDefault ? defaultScalarLevel(field, profile) : undefined);
  for (const field of PERMISSIONS.scalarFields) {
    if (sameValue(previous[field], content[field])) continue;
    const before = levelOf(previous[field], field);
    const after = levelOf(content[field], field);
    if (before !== undefined && before > mine) return `${field} is ${before}, above their level`;
    if (after !== undefined && after > mine) return `${field} would become ${after}, above their level`;
  }
  const maps = optionIs(profile, "auth.power-levels-notifications", "checked")
    ? ["events", "notifications"]
    : ["events"];
  for (const key of maps) {
    const before = levelMap(previous, key) ?? {};
    const after = levelMap(content, key) ?? {};
    for (const k of new Set([...Object.keys(before), ...Object.keys(after)])) {
      if (sameValue(before[k], after[k])) continue;
      const old = integerOrUndefined(before[k]);
      const now = integerOrUndefined(after[k]);
      if (old !== undefined && old > mine) return `${key}[${k}] is ${old}, above their level`;
      if (now !== undefined && now > mine) return `${key}[${k}] would become ${now}, above their level`;
    }
  }
  const strict = optionIs(profile, "auth.demote-equal-power-level", "reject");
  const before = levelMap(previous, "users") ?? {};
  const after = levelMap(content, "users") ?? {};
  for (const user of new Set([...Object.keys(before), ...Object.keys(after)])) {
    if (sameValue(before[user], after[user])) continue;
    const old = integerOrUndefined(before[user]);
    const now = integerOrUndefined(after[user]);
    if (old !== undefined && user !== event.sender && (strict ? old >= mine : old > mine))
      return `${user} has level ${old}, ${strict ? "not below" : "above"} theirs`;
    if (now !== undefined && now > mine) return `${user} would get level ${now}, above their level`;
  }
  return undefined;
}

/** Rule 9 for a power_levels event; `undefined` when it passes. */
export function checkPowerLevels(
  ctx: CheckContext,
  state: RoomState,
  event: FullEvent,
): Rejected | undefined {
  const problem = powerLevelsContentProblem(
    event.content,
    optionIs(ctx.profile, "auth.power-levels-notifications", "checked"),
  );
  const invalid = check(ctx, "power-levels.valid-content", problem === undefined, () => ({
    detail: problem,
  }));
  if (invalid !== undefined) return invalid;
  const previous = state.powerLevels;
  if (previous === undefined) return undefined;
  const forbidden = forbiddenChange(ctx, state, event, previous);
  return check(ctx, "power-levels.change", forbidden === undefined, () => ({
    sender: event.sender,
    senderLevel: userLevel(state, event.sender, ctx.profile),
    detail: forbidden,
  }));
}
