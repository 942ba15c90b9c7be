/**
 * The checker's own model of the world: deliberately simpler than the machine, written from the
 * requirements, so a model-based test compares two independent readings of the drafts.
 *
 * @module
 */
import { emptyWorld, firstViolation, type World } from "@mimi-spec/machine";
import type { RoomId, ServerName, UserId } from "@mimi-spec/schema";

/** What the model remembers of a room. */
export interface ModelRoom {
  readonly creator: UserId;
  readonly hub: ServerName;
}

/** The model: rooms by ID. */
export interface Model {
  readonly rooms: Map<RoomId, ModelRoom>;
}

/** The system under test: the machine's current world (replaced on every step). */
export interface Real {
  world: World;
}

/** A fresh model and machine, for `fc.modelRun`. */
export function setup(): { model: Model; real: Real } {
  return { model: { rooms: new Map() }, real: { world: emptyWorld() } };
}

/** Throws, naming the invariant and the violation, if any machine invariant fails. */
export function assertInvariants(world: World): void {
  const violation = firstViolation(world);
  if (violation !== undefined) {
    throw new Error(
      `invariant ${violation.invariant.id} (${violation.invariant.requirements.join(", ")}) broken: ${violation.message}`,
    );
  }
}
