/**
 * The breadth-first explorer. From the empty world of a profile (network delivery, counter
 * event IDs), it applies every action of the alphabet to every state of one depth to get the
 * next, keeps a state only if its canonical form is new, checks every invariant in every new
 * state and (optionally) settles it and checks that followers converge. Breadth-first order
 * makes the first violation of each invariant one of the shortest; it is returned as a machine
 * trace, rebuilt by following parent links back to the empty world.
 *
 * @module
 */
import { type Action, emptyWorld, step, type World } from "@mimi-spec/machine";
import { exploreCompact } from "../compact/explore.ts";
import { COMPACT_UNSUPPORTED } from "../compact/machine.ts";
import { enabledActions } from "./alphabet.ts";
import type { ExploreOptions, ExploreReport } from "./api.ts";
import { type CanonicalForm, Canonicalizer } from "./canonical.ts";
import { FingerprintSet } from "./fingerprint.ts";
import { InvariantChecker } from "./invariant-check.ts";
import { type Settled, settle } from "./liveness.ts";
import { KEPT_LIVENESS_FAILURES, Paths } from "./paths.ts";
import { exploreReport, exploreSetup } from "./report.ts";
import { DEFAULT_EXPLORE_SCOPE } from "./scope.ts";
import { Symmetry } from "./symmetry.ts";

/** The set of seen states: fingerprints by default, canonical texts when asked to be exact. */
interface SeenStates {
  /** Adds a canonical form; false when it was already there. */
  add(form: CanonicalForm): boolean;
}

function seenStates(exact: boolean): SeenStates {
  if (exact) {
    const set = new Set<string>();
    return {
      add(form) {
        const text = form.text ?? "";
        if (set.has(text)) return false;
        set.add(text);
        return true;
      },
    };
  }
  const set = new FingerprintSet();
  return { add: (form) => set.add(form.h1, form.h2) };
}

/**
 * Explores every action sequence of the scope up to `options.depth` actions, breadth first, and
 * reports the distinct states, the invariants broken (each with a shortest trace) and the
 * delivery check. Throws, saying why, on an unknown profile or option, or a bad scope or bound.
 */
export function explore(options: ExploreOptions): ExploreReport {
  if (compactEngineFor(options)) return exploreCompact(options);
  return { ...exploreWith(options, settle), engine: "reference" };
}

/**
 * Whether `explore` runs on the compact machine: when asked to, or by default when every action
 * kind of the scope is one it supports. (It explores the same states; see `compact/`.)
 */
export function compactEngineFor(options: ExploreOptions): boolean {
  if (options.engine !== undefined) return options.engine === "compact";
  const kinds = (options.scope ?? DEFAULT_EXPLORE_SCOPE).actions;
  return kinds.every((kind) => !COMPACT_UNSUPPORTED.has(kind));
}

/** {@link explore} with another delivery check (for testing how failures are reported). */
export function exploreWith(options: ExploreOptions, settleWorld: (world: World) => Settled): ExploreReport {
  const setup = exploreSetup(options);
  const { scope, profile } = setup;
  const symmetry = new Symmetry(scope, profile, options.symmetry ?? true);
  const exact = options.exactStates ?? false;
  const canonicalizer = new Canonicalizer(symmetry, exact);
  const checker = new InvariantChecker();
  const seen = seenStates(exact);
  const paths = new Paths();
  const checkLiveness = options.liveness ?? true;
  const maxStates = options.maxStates ?? Number.POSITIVE_INFINITY;

  const firstViolation = new Map<string, { node: number; message: string }>();
  const livenessFailures: Array<{ node: number; message: string; settling: ReadonlyArray<Action> }> = [];
  let livenessFailed = 0;
  let livenessChecked = 0;
  const began = performance.now();
  let transitions = 0;
  let distinct = 0;
  let cutOff = false;

  /** Checks a new state: every invariant, and the delivery check when asked. */
  const visit = (world: World, node: number): void => {
    distinct++;
    for (const v of checker.violations(world))
      if (!firstViolation.has(v.invariant)) firstViolation.set(v.invariant, { node, message: v.message });
    if (checkLiveness) {
      livenessChecked++;
      const settled = settleWorld(world);
      if (settled.problem !== undefined) {
        livenessFailed++;
        if (livenessFailures.length < KEPT_LIVENESS_FAILURES)
          livenessFailures.push({ node, message: settled.problem, settling: settled.actions });
      }
    }
  };

  const root = emptyWorld({ profile, delivery: "network", eventIds: "counter" });
  seen.add(canonicalizer.canonical(root));
  visit(root, 0);
  const statesPerDepth = [1];
  let frontier: Array<{ world: World; node: number }> = [{ world: root, node: 0 }];
  let depthReached = 0;
  for (let depth = 1; depth <= options.depth && frontier.length > 0 && !cutOff; depth++) {
    const next: Array<{ world: World; node: number }> = [];
    for (const { world, node } of frontier) {
      for (const action of enabledActions(world, scope)) {
        const after = step(world, action).world;
        // A refused user action leaves the world as it was: no transition.
        if (after === world) continue;
        transitions++;
        if (!seen.add(canonicalizer.canonical(after))) continue;
        const child = paths.add(node, action);
        visit(after, child);
        next.push({ world: after, node: child });
        if (distinct >= maxStates) {
          cutOff = true;
          break;
        }
      }
      if (cutOff) break;
    }
    statesPerDepth.push(next.length);
    canonicalizer.age();
    checker.age();
    if (!cutOff) depthReached = depth;
    frontier = next;
    options.onProgress?.({ depth, states: distinct, elapsedMs: performance.now() - began });
  }
  // Exhausting the state space before the bound explores everything up to it too.
  if (!cutOff && frontier.length === 0) depthReached = Math.max(depthReached, options.depth);
  const elapsedMs = performance.now() - began;

  return exploreReport(setup, {
    depthReached,
    distinctStates: distinct,
    transitions,
    elapsedMs,
    complete: !cutOff,
    statesPerDepth,
    symmetry: symmetry.kinds,
    violations: [...firstViolation].map(([invariant, { node, message }]) => ({
      invariant,
      message,
      actions: paths.actionsTo(node),
    })),
    ...(checkLiveness
      ? {
          liveness: {
            checked: livenessChecked,
            failed: livenessFailed,
            failures: livenessFailures.map(({ node, message, settling }) => ({
              message,
              actions: [...paths.actionsTo(node), ...settling],
            })),
          },
        }
      : {}),
  });
}
