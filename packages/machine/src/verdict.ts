/**
 * The outcome of one step: accepted, or rejected by a named guard with the requirement it
 * enforces and a reason a person can read.
 *
 * @module
 */

/** The action was applied. */
export interface Accepted {
  readonly accepted: true;
}

/** The action was refused. */
export interface Rejected {
  readonly accepted: false;
  /** The guard that refused, e.g. `create.room-domain-matches-sender` (a `GuardId`). */
  readonly guard: string;
  /** The requirement IDs the guard enforces. */
  readonly requirements: ReadonlyArray<string>;
  readonly reason: string;
}

/** The outcome of a step. */
export type Verdict = Accepted | Rejected;
