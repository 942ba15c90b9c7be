/**
 * Checking the bounds an exploration is asked for, with the same messages whichever machine
 * runs it.
 *
 * @module
 */
import type { ExploreOptions } from "./api.ts";

/** Throws, saying which bound and why, when `depth` or `maxStates` is not usable. */
export function checkExploreOptions(options: ExploreOptions): void {
  if (!Number.isSafeInteger(options.depth) || options.depth < 0)
    throw new Error(`explore: depth must be a non-negative integer, got ${options.depth}`);
  if (options.maxStates !== undefined && (!Number.isSafeInteger(options.maxStates) || options.maxStates < 1))
    throw new Error(`explore: maxStates must be a positive integer, got ${options.maxStates}`);
}
