/**
 * The public shape of bounded exhaustive exploration: what the caller asks for and what the
 * explorer reports. Kept apart from the search itself so callers (the CLI, the random-mode
 * checker) depend only on these types.
 *
 * @module
 */
import type { Trace } from "@mimi-spec/machine";
import type { ExploreScope } from "./scope.ts";

/** Progress of a running exploration, reported once per finished BFS level. */
export interface ExploreProgress {
  /** The BFS depth just finished. */
  readonly depth: number;
  /** Distinct (canonical) states seen so far. */
  readonly states: number;
  readonly elapsedMs: number;
}

/** What to explore. */
export interface ExploreOptions {
  /** A profile name from `models/profiles.json` (e.g. `lm-i1`). */
  readonly profile: string;
  /** Profile option overrides (`option` → value), as in a trace's `options`. */
  readonly options?: Readonly<Record<string, string>>;
  /** The BFS bound: the longest action sequence explored. */
  readonly depth: number;
  /** Stop (with `complete: false`) once this many distinct states have been seen. */
  readonly maxStates?: number;
  /** Called after each BFS level. */
  readonly onProgress?: (p: ExploreProgress) => void;
  /** The users, providers, rooms and action kinds explored (default: `DEFAULT_EXPLORE_SCOPE`). */
  readonly scope?: ExploreScope;
  /** Whether worlds that differ only by renaming symmetric users, providers or rooms count once (default true). */
  readonly symmetry?: boolean;
  /** Whether to settle every distinct state and check that followers converge (default true). */
  readonly liveness?: boolean;
  /** Keep canonical strings instead of 64-bit fingerprints of them (exact, but far more memory). */
  readonly exactStates?: boolean;
  /**
   * Which machine steps the worlds: `compact` (interned parts, each step computed once by the
   * reference machine and then looked up; the default when the scope's action kinds allow it) or
   * `reference` (the reference machine on every step). Both explore the same states.
   */
  readonly engine?: ExploreEngine;
}

/** The machines exploration can run on (see {@link ExploreOptions.engine}). */
export type ExploreEngine = "compact" | "reference";

/** An invariant broken in scope, with the shortest action sequence that breaks it. */
export interface ExploreViolation {
  readonly invariant: string;
  readonly message: string;
  /** A machine trace, replayable with `runTrace` / `mimi model run`. */
  readonly trace: Trace;
}

/** A state from which delivering everything does not bring every follower to the hub's history. */
export interface ExploreLivenessFailure {
  readonly message: string;
  /** The actions to the state, then the settling actions, as a replayable machine trace. */
  readonly trace: Trace;
}

/** The delivery check over every distinct state. */
export interface ExploreLiveness {
  /** How many states were settled and checked. */
  readonly checked: number;
  /** How many failed. */
  readonly failed: number;
  /** The first failures found (shortest first), at most ten. */
  readonly failures: ReadonlyArray<ExploreLivenessFailure>;
}

/** What an exploration found. */
export interface ExploreReport {
  readonly profile: string;
  /** The deepest BFS level fully expanded. */
  readonly depthReached: number;
  readonly distinctStates: number;
  readonly transitions: number;
  readonly elapsedMs: number;
  readonly statesPerSecond: number;
  /** True when every state up to `depth` was explored (no `maxStates` cut-off). */
  readonly complete: boolean;
  /** One per invariant broken, with the shortest trace found (BFS order). */
  readonly violations: ReadonlyArray<ExploreViolation>;
  /** Distinct states first reached at each depth (index 0: the empty world). */
  readonly statesPerDepth?: ReadonlyArray<number>;
  /** The renamings that counted as symmetries (users, providers, rooms). */
  readonly symmetry?: { readonly users: boolean; readonly servers: boolean; readonly rooms: boolean };
  /** The delivery check, when it ran. */
  readonly liveness?: ExploreLiveness;
  /** The machine that stepped the worlds. */
  readonly engine?: ExploreEngine;
}
