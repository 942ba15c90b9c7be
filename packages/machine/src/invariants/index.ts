/**
 * Every state invariant of the machine, and helpers to find violations. The checker tests all of
 * them after every step; traces report the first step at which each one breaks.
 *
 * @module
 */
import type { World } from "../world.ts";
import { chatInvariants } from "./chat.ts";
import { historyInvariants } from "./history.ts";
import { hubInvariants } from "./hub.ts";
import type { Invariant } from "./invariant.ts";
import { mlsInvariants } from "./mls.ts";
import { userInvariants } from "./users.ts";
import { visibilityInvariants } from "./visibility.ts";

export { hypotheticalMembership } from "./chat.ts";
export type { Invariant } from "./invariant.ts";

/** Every invariant of the machine. */
export const invariants: ReadonlyArray<Invariant> = [
  ...historyInvariants,
  ...hubInvariants,
  ...chatInvariants,
  ...visibilityInvariants,
  ...mlsInvariants,
  ...userInvariants,
];

/** A violated invariant and the description of its violation. */
export interface Violation {
  readonly invariant: Invariant;
  readonly message: string;
}

/** Every violated invariant in `world`. */
export function violations(world: World, among: ReadonlyArray<Invariant> = invariants): Violation[] {
  const out: Violation[] = [];
  for (const invariant of among) {
    const message = invariant.check(world);
    if (message !== undefined) out.push({ invariant, message });
  }
  return out;
}

/** The first violated invariant in `world`, with its description, or `undefined`. */
export function firstViolation(world: World): Violation | undefined {
  for (const invariant of invariants) {
    const message = invariant.check(world);
    if (message !== undefined) return { invariant, message };
  }
  return undefined;
}
