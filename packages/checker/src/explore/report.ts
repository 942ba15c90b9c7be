/**
 * What both explorers (on the reference machine and on the compact machine) share around their
 * search: checking and resolving what they are asked, and turning what they found into a report
 * whose violations and delivery failures are replayable machine traces.
 *
 * @module
 */
import { type Action, type Profile, resolveProfile } from "@mimi-spec/machine";
import type { ExploreLivenessFailure, ExploreOptions, ExploreReport, ExploreViolation } from "./api.ts";
import { DEFAULT_EXPLORE_SCOPE, type ResolvedExploreScope, resolveExploreScope } from "./scope.ts";
import type { SymmetryKinds } from "./symmetry.ts";
import { type TraceStart, traceOf } from "./trace.ts";

/** An exploration's resolved scope and profile, and where its traces start. */
export interface ExploreSetup {
  readonly scope: ResolvedExploreScope;
  readonly profile: Profile;
  readonly start: TraceStart;
}

/** Checks the options and resolves them; throws, saying why, on a bad bound, scope, profile or option. */
export function exploreSetup(options: ExploreOptions): ExploreSetup {
  if (!Number.isSafeInteger(options.depth) || options.depth < 0)
    throw new Error(`explore: depth must be a non-negative integer, got ${options.depth}`);
  if (options.maxStates !== undefined && (!Number.isSafeInteger(options.maxStates) || options.maxStates < 1))
    throw new Error(`explore: maxStates must be a positive integer, got ${options.maxStates}`);
  const scope = resolveExploreScope(options.scope ?? DEFAULT_EXPLORE_SCOPE);
  const resolved = resolveProfile(options.profile, options.options ?? {});
  // The machine's own message ("unknown profile …", "option … cannot be …"), as callers match it.
  if (!resolved.ok) throw new Error(resolved.message);
  return {
    scope,
    profile: resolved.profile,
    start: {
      profile: options.profile,
      ...(options.options === undefined ? {} : { options: options.options }),
    },
  };
}

/** What a search counted and found; the report adds timing and traces. */
export interface ExploreFindings {
  readonly depthReached: number;
  readonly distinctStates: number;
  readonly transitions: number;
  readonly elapsedMs: number;
  readonly complete: boolean;
  readonly statesPerDepth: ReadonlyArray<number>;
  readonly symmetry: SymmetryKinds;
  /** The first violation of each invariant: its message and the (reference) actions to the state. */
  readonly violations: ReadonlyArray<{ invariant: string; message: string; actions: ReadonlyArray<Action> }>;
  /** The delivery check, when it ran: the kept failures with the actions to the state and the settling actions. */
  readonly liveness?: {
    readonly checked: number;
    readonly failed: number;
    readonly failures: ReadonlyArray<{ message: string; actions: ReadonlyArray<Action> }>;
  };
}

/** The report of an exploration, every violation and delivery failure as a replayable trace. */
export function exploreReport(setup: ExploreSetup, found: ExploreFindings): ExploreReport {
  const name = setup.profile.name;
  const violations: ExploreViolation[] = found.violations.map(({ invariant, message, actions }) => ({
    invariant,
    message,
    trace: traceOf(
      `explore (${name}): a shortest action sequence that breaks ${invariant}: ${message}`,
      setup.start,
      actions,
    ),
  }));
  const liveness = found.liveness;
  const failures: ExploreLivenessFailure[] = (liveness?.failures ?? []).map(({ message, actions }) => ({
    message,
    trace: traceOf(
      `explore (${name}): after these actions, delivering everything (then retrying and syncing) leaves ${message}`,
      setup.start,
      actions,
    ),
  }));
  return {
    profile: name,
    depthReached: found.depthReached,
    distinctStates: found.distinctStates,
    transitions: found.transitions,
    elapsedMs: found.elapsedMs,
    statesPerSecond: found.elapsedMs > 0 ? (found.distinctStates * 1000) / found.elapsedMs : 0,
    complete: found.complete,
    violations,
    statesPerDepth: found.statesPerDepth,
    symmetry: found.symmetry,
    ...(liveness === undefined
      ? {}
      : { liveness: { checked: liveness.checked, failed: liveness.failed, failures } }),
  };
}
