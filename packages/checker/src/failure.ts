/**
 * How a checked step fails: a machine invariant broke, a checker property (the checker's own
 * reading of a requirement) broke, the checker's model predicted another verdict, or the machine
 * threw. Commands throw a {@link CheckFailure}; fast-check shrinks the run that threw it.
 *
 * @module
 */

import type { Expectation } from "@mimi-spec/machine";

/** What kind of check failed. */
export type FailureKind = "invariant" | "property" | "oracle" | "crash";

/** A failed check, naming what failed, the requirements behind it and (when known) the verdict the step should have had. */
export class CheckFailure extends Error {
  override readonly name = "CheckFailure";
  constructor(
    /** Which kind of check failed. */
    readonly kind: FailureKind,
    /** The invariant or property id (`history.linear`, `model.fixed-members`, `model.verdict`). */
    readonly check: string,
    /** The requirement IDs the check stands for. */
    readonly requirements: ReadonlyArray<string>,
    /** What is wrong, in words. */
    readonly detail: string,
    /** The verdict the step should have had, when the check knows it (a saved trace expects it). */
    readonly expected?: Expectation,
  ) {
    super(
      `${kind === "invariant" ? "invariant " : ""}${check} [${requirements.join(", ")}] broken: ${detail}`,
    );
  }
}
