/**
 * Bounded exhaustive exploration on the compact machine: the same search, scope, symmetry
 * reduction, invariants and report as `explore/explore.ts`, over compact worlds. A step is a
 * lookup once its part has been seen; a state is a few integers; its canonical key is built
 * from numbered part texts. The invariants are answered from the machine's answers about each
 * part, cached by part ID (`invariants.ts`), without decoding the state. Found violations are replayed on the reference machine, so a trace
 * always reproduces with `mimi model run`.
 *
 * @module
 */
import { type Action, emptyWorld, step, type World } from "@mimi-spec/machine";
import type { ExploreOptions, ExploreReport } from "../explore/api.ts";
import { FingerprintSet } from "../explore/fingerprint.ts";
import { type Settled, settle, settleOn } from "../explore/liveness.ts";
import { KEPT_LIVENESS_FAILURES, Paths } from "../explore/paths.ts";
import { exploreReport, exploreSetup } from "../explore/report.ts";
import { Symmetry } from "../explore/symmetry.ts";
import { CompactAlphabet } from "./alphabet.ts";
import { CompactInvariantChecker } from "./invariants.ts";
import { CompactKeys } from "./key.ts";
import { CompactMachine, type CompactWorld } from "./machine.ts";

/** What the compact explorer reports on top of the explorer's report. */
export interface CompactExploreReport extends ExploreReport {
  /** Steps the compact machine computed with the reference machine (cache misses). */
  readonly referenceSteps: number;
}

/**
 * The compact actions (messages named by position in flight) as reference actions: replays them
 * on the reference machine and names each message by the ID it has there.
 */
export function referenceActions(world: World, actions: ReadonlyArray<Action>): Action[] {
  return replayReference(world, actions).actions;
}

/** {@link referenceActions}, with the reference world they lead to. */
function replayReference(world: World, actions: ReadonlyArray<Action>): { actions: Action[]; world: World } {
  let current = world;
  const out: Action[] = [];
  for (const action of actions) {
    const named =
      action.kind === "deliver" || action.kind === "drop" || action.kind === "duplicate"
        ? { ...action, message: current.inFlight[action.message - 1]?.id ?? -1 }
        : action;
    out.push(named);
    current = step(current, named).world;
  }
  return { actions: out, world: current };
}

/**
 * Explores every action sequence of the scope up to `options.depth` on the compact machine;
 * reports like `explore`. The delivery check settles each state on the compact machine (the
 * reference `settle` algorithm, stepping compact worlds and reading their decoded views).
 */
export function exploreCompact(options: ExploreOptions): CompactExploreReport {
  return exploreCompactWith(options);
}

/** {@link exploreCompact} with another delivery check (for testing how failures are reported). */
export function exploreCompactWith(
  options: ExploreOptions,
  settleWorld?: (world: World) => Settled,
): CompactExploreReport {
  const setup = exploreSetup(options);
  const { scope, profile } = setup;
  const machine = new CompactMachine(scope, profile);
  const symmetry = new Symmetry(scope, profile, options.symmetry ?? true);
  const keys = new CompactKeys(machine, symmetry);
  const alphabet = new CompactAlphabet(machine);
  const checker = new CompactInvariantChecker(machine);
  const exact = options.exactStates ?? false;
  const seenTexts = new Set<string>();
  const seenPrints = new FingerprintSet();
  const isNew = (world: CompactWorld): boolean => {
    if (exact) {
      const key = keys.key(world);
      if (seenTexts.has(key)) return false;
      seenTexts.add(key);
      return true;
    }
    const [h1, h2] = keys.fingerprint(world);
    return seenPrints.add(h1, h2);
  };
  const paths = new Paths();
  const maxStates = options.maxStates ?? Number.POSITIVE_INFINITY;
  const firstViolation = new Map<string, { node: number; message: string }>();
  const began = performance.now();
  let transitions = 0;
  let distinct = 0;
  let cutOff = false;

  const checkLiveness = options.liveness ?? true;
  // Settling steps compact worlds (a refused retry or sync leaves the world as it was).
  const settleMachine = {
    step: (world: CompactWorld, action: Action) => machine.step(world, action) ?? world,
    view: (world: CompactWorld) => machine.decode(world),
  };
  const livenessFailures: Array<{ node: number; message: string }> = [];
  let livenessFailed = 0;
  let livenessChecked = 0;

  const visit = (world: CompactWorld, node: number, cleanParent?: CompactWorld): boolean => {
    distinct++;
    for (const v of checker.violations(world, cleanParent))
      if (!firstViolation.has(v.invariant)) firstViolation.set(v.invariant, { node, message: v.message });
    if (checkLiveness) {
      livenessChecked++;
      const problem =
        settleWorld === undefined
          ? settleOn(world, settleMachine).problem
          : settleWorld(machine.decode(world)).problem;
      if (problem !== undefined) {
        livenessFailed++;
        if (livenessFailures.length < KEPT_LIVENESS_FAILURES)
          livenessFailures.push({ node, message: problem });
      }
    }
    return checker.lastClean;
  };

  const root = machine.initial();
  isNew(root);
  const rootClean = visit(root, 0);
  const statesPerDepth = [1];
  // `clean`: the world breaks no invariant about parts (its successors are checked incrementally).
  let frontier: Array<{ world: CompactWorld; node: number; clean: boolean }> = [
    { world: root, node: 0, clean: rootClean },
  ];
  let depthReached = 0;
  for (let depth = 1; depth <= options.depth && frontier.length > 0 && !cutOff; depth++) {
    const next: Array<{ world: CompactWorld; node: number; clean: boolean }> = [];
    const before = distinct;
    for (const { world, node, clean } of frontier) {
      for (const action of alphabet.enabled(world)) {
        const after = machine.step(world, action);
        if (after === undefined) continue;
        transitions++;
        if (!isNew(after)) continue;
        const child = paths.add(node, action);
        const afterClean = visit(after, child, clean ? world : undefined);
        // The last level is never expanded: keeping its worlds would only cost memory.
        if (depth < options.depth) next.push({ world: after, node: child, clean: afterClean });
        if (distinct >= maxStates) {
          cutOff = true;
          break;
        }
      }
      if (cutOff) break;
    }
    statesPerDepth.push(distinct - before);
    if (!cutOff) depthReached = depth;
    frontier = next;
    options.onProgress?.({ depth, states: distinct, elapsedMs: performance.now() - began });
  }
  if (!cutOff && frontier.length === 0) depthReached = Math.max(depthReached, options.depth);
  const elapsedMs = performance.now() - began;
  const empty = emptyWorld({ profile, delivery: "network", eventIds: "counter" });
  const report = exploreReport(setup, {
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
      actions: referenceActions(empty, paths.actionsTo(node)),
    })),
    ...(checkLiveness
      ? {
          liveness: {
            checked: livenessChecked,
            failed: livenessFailed,
            failures: livenessFailures.map(({ node, message }) => {
              // Settled again on the reference world, so the settling actions name its message IDs.
              const { actions, world } = replayReference(empty, paths.actionsTo(node));
              return { message, actions: [...actions, ...(settleWorld ?? settle)(world).actions] };
            }),
          },
        }
      : {}),
  });
  return { ...report, referenceSteps: machine.referenceSteps, engine: "compact" };
}
