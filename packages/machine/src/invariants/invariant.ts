/**
 * What an invariant is: a named property of every reachable world, tied to the requirements it
 * checks, that describes its first violation.
 *
 * @module
 */
import type { World } from "../world.ts";

/** A named property of worlds; `check` returns a description of the first violation, if any. */
export interface Invariant {
  readonly id: string;
  readonly requirements: ReadonlyArray<string>;
  readonly description: string;
  /** Describes the first violation in `world`, or returns `undefined` when the property holds. */
  readonly check: (world: World) => string | undefined;
}
