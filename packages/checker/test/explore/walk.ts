/**
 * Test helpers for exploration: worlds reached by walking the alphabet, and renaming actions.
 *
 * @module
 */
import { type Action, emptyWorld, resolveProfile, step, type World } from "@mimi-spec/machine";
import fc from "fast-check";
import { enabledActions } from "../../src/explore/alphabet.ts";
import {
  type ExploreScope,
  type ResolvedExploreScope,
  resolveExploreScope,
} from "../../src/explore/scope.ts";

/** The start world of an exploration under `profile` with `options`. */
export function startWorld(profile: string, options: Record<string, string> = {}): World {
  const resolved = resolveProfile(profile, options);
  if (!resolved.ok) throw new Error(resolved.message);
  return emptyWorld({ profile: resolved.profile, delivery: "network", eventIds: "counter" });
}

/** Walks the alphabet from `start`, taking action `choice % enabled` at each step. */
export function walk(
  start: World,
  scope: ResolvedExploreScope,
  choices: ReadonlyArray<number>,
): { world: World; actions: Action[] } {
  let world = start;
  const actions: Action[] = [];
  for (const choice of choices) {
    const enabled = enabledActions(world, scope);
    if (enabled.length === 0) break;
    const action = enabled[choice % enabled.length] as Action;
    world = step(world, action).world;
    actions.push(action);
  }
  return { world, actions };
}

/** Replays `actions` from `start` (no alphabet). */
export function replay(start: World, actions: ReadonlyArray<Action>): World {
  let world = start;
  for (const action of actions) world = step(world, action).world;
  return world;
}

/** Choice sequences for {@link walk}. */
export const choicesArbitrary = (maxLength: number): fc.Arbitrary<number[]> =>
  fc.array(fc.nat({ max: 1000 }), { minLength: 1, maxLength });

/** Renames every user, server and room name inside an action (a deep string replacement). */
export function renameAction(action: Action, names: ReadonlyMap<string, string>): Action {
  const rename = (value: unknown): unknown => {
    if (typeof value === "string") {
      const exact = names.get(value);
      if (exact !== undefined) return exact;
      // Room IDs `!r1:server` rename their server part.
      const colon = value.indexOf(":");
      if (value.startsWith("!") && colon > 0) {
        const server = names.get(value.slice(colon + 1));
        if (server !== undefined) return `${value.slice(0, colon)}:${server}`;
      }
      return value;
    }
    if (Array.isArray(value)) return value.map(rename);
    if (typeof value === "object" && value !== null)
      return Object.fromEntries(Object.entries(value).map(([k, v]) => [names.get(k) ?? k, rename(v)]));
    return value;
  };
  return rename(action) as Action;
}

/** A scope helper. */
export function scopeOf(scope: ExploreScope): ResolvedExploreScope {
  return resolveExploreScope(scope);
}
