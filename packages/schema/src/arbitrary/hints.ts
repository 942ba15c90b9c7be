/**
 * Generation hints a schema puts on its own checks, for the fast-check bridge ({@link toArbitrary}).
 * A custom check is a predicate the bridge cannot see into; random values seldom pass one like
 * "base64 of 32 octets" or "keys are server names". The hint says how to build values that pass
 * it. It never replaces the check: the bridge still runs every check it does not satisfy by
 * construction, so a wrong hint costs speed (or fails generation with a message), not soundness.
 *
 * Hints sit under {@link ARBITRARY_HINT} in the annotations of a `Schema.makeFilter` filter. They
 * go with the check, not with a table of schema names, so every schema built from that check
 * (event views, unions of them) is generated the same way.
 *
 * @module
 */
import type { Schema } from "effect";
import type { Base64Format } from "../canonical/base64-format.ts";
import type { Filter } from "./checks.ts";

/** The annotation key of a filter's {@link ArbitraryHint}. */
export const ARBITRARY_HINT = "mimi/arbitrary" as const;

/**
 * Makes a generated value satisfy a rule that spans several fields. `apply` receives a value
 * whose every field is valid on its own, and values generated from `ingredients` (in order), and
 * returns a value that also satisfies the rule. It must not modify its input (fast-check reuses
 * values while shrinking), and it should change as little as it can, so that shrinking the input
 * still shrinks the output.
 */
export interface ArbitraryRepair {
  /** Schemas of the extra values `apply` may need (a user ID to put in a state key, …). */
  readonly ingredients: ReadonlyArray<Schema.Top>;
  /** The repaired copy of `value`. */
  readonly apply: (value: never, ingredients: ReadonlyArray<never>) => unknown;
}

/** How to generate values that pass one check (every field optional). */
export interface ArbitraryHint {
  /** Strings: base64 of random octets in this format (padded sometimes, if the format allows). */
  readonly base64?: Base64Format;
  /** Strings: put before the generated text (from `base64`, `from`, or the node's own generator). */
  readonly prefix?: string;
  /** Records over plain string keys: keys are values of this schema. */
  readonly keys?: Schema.Top;
  /** Values of any of these schemas pass the check: generate from them instead. */
  readonly from?: ReadonlyArray<Schema.Top>;
  /** Notable values (each one valid), mixed in with the generated ones. */
  readonly values?: ReadonlyArray<unknown>;
  /** A cross-field rule: how to repair a value whose fields were generated one by one. */
  readonly repair?: ArbitraryRepair;
}

/** The hint of a filter, if it has one. */
export function arbitraryHintOf(filter: Filter): ArbitraryHint | undefined {
  const hint = (filter.annotations as Record<string, unknown> | undefined)?.[ARBITRARY_HINT];
  return typeof hint === "object" && hint !== null ? (hint as ArbitraryHint) : undefined;
}

/** The annotations to spread into `Schema.makeFilter`'s options to give it `hint`. */
export function withArbitraryHint(hint: ArbitraryHint): { readonly [ARBITRARY_HINT]: ArbitraryHint } {
  return { [ARBITRARY_HINT]: hint };
}
