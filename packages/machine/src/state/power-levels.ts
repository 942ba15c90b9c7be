/**
 * Power levels (LM §int-calc-power-levels): a user's level, an action's level and an event
 * type's level, from the room's current power_levels content (or its absence) and the profile.
 *
 * @module
 */
import type { JsonObject, JsonValue, UserId } from "@mimi-spec/schema";
import { PERMISSIONS } from "../generated/tables.ts";
import type { LevelledAction } from "../models/conditions.ts";
import type { Profile } from "../profile.ts";

/** The room facts power levels depend on. */
export interface PowerLevelSource {
  /** The current power_levels content, or `undefined` when the room has no such event. */
  readonly powerLevels: JsonObject | undefined;
  readonly creator: UserId;
}

/** `value` if it is a safe integer, else `undefined` (LM rule 9 keeps non-integers out). */
export function integerOrUndefined(value: JsonValue | undefined): number | undefined {
  return typeof value === "number" && Number.isSafeInteger(value) ? value : undefined;
}

function objectField(content: JsonObject, key: string): JsonObject | undefined {
  const value = content[key];
  return typeof value === "object" && value !== null && !Array.isArray(value)
    ? (value as JsonObject)
    : undefined;
}

/** The level a scalar field falls back to when the content leaves it out. */
export function defaultScalarLevel(field: keyof typeof PERMISSIONS.defaults, profile: Profile): number {
  if (field === "invite" || field === "kick" || field === "ban") {
    const option = PERMISSIONS.actionOptions[field];
    const choice = (profile.values as unknown as Record<string, string>)[option];
    const level = choice === undefined ? undefined : PERMISSIONS.levelChoices[choice];
    if (level !== undefined) return level;
  }
  return PERMISSIONS.defaults[field];
}

/** A scalar field's level: the content's value, else its default. */
export function scalarLevel(
  source: PowerLevelSource,
  field: keyof typeof PERMISSIONS.defaults,
  profile: Profile,
): number {
  const explicit =
    source.powerLevels === undefined ? undefined : integerOrUndefined(source.powerLevels[field]);
  return explicit ?? defaultScalarLevel(field, profile);
}

/** A user's level: `users[user]`, else `users_default`; the creator has 100 while there is no event. */
export function userLevel(source: PowerLevelSource, user: UserId, profile: Profile): number {
  if (source.powerLevels === undefined)
    return user === source.creator ? PERMISSIONS.creatorLevel : PERMISSIONS.defaults.users_default;
  const users = objectField(source.powerLevels, "users");
  return integerOrUndefined(users?.[user]) ?? scalarLevel(source, "users_default", profile);
}

/** The level an action needs. */
export function actionLevel(source: PowerLevelSource, action: LevelledAction, profile: Profile): number {
  return scalarLevel(source, action, profile);
}

/** The level an event type needs: `events[type]`, else `state_default` or `events_default`. */
export function eventLevel(
  source: PowerLevelSource,
  type: string,
  isState: boolean,
  profile: Profile,
): number {
  const events = source.powerLevels === undefined ? undefined : objectField(source.powerLevels, "events");
  // Own keys only: an event type such as "constructor" must not find Object's members.
  const modelled = Object.hasOwn(PERMISSIONS.eventLevels, type) ? PERMISSIONS.eventLevels[type] : undefined;
  const explicit = integerOrUndefined(events?.[type]) ?? modelled;
  if (explicit !== undefined) return explicit;
  return scalarLevel(source, isState ? "state_default" : "events_default", profile);
}

/** The `events`, `users` or `notifications` map of a power_levels content, if it is an object. */
export function levelMap(content: JsonObject | undefined, key: string): JsonObject | undefined {
  return content === undefined ? undefined : objectField(content, key);
}
