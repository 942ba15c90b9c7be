/**
 * Bounded exhaustive exploration on the compact machine: the same search, scope, symmetry
 * reduction, invariants and report as `explore/explore.ts`, over compact worlds. A step is a
 * lookup once its part has been seen; a state is a few integers; its canonical key is built
 * from numbered part texts. The alphabet and the invariants run on the reference world a compact
 * world decodes to (made of interned parts, so the invariant checker's per-replica answers are
 * reused across states). Found violations are replayed on the reference machine, so a trace
 * always reproduces with `mimi model run`.
 *
 * @module
 */
import { type Action, emptyWorld, resolveProfile, step, type World } from "@mimi-spec/machine";
import { enabledActions } from "../explore/alphabet.ts";
import type { ExploreOptions, ExploreReport, ExploreViolation } from "../explore/api.ts";
import { fingerprint, FingerprintSet } from "../explore/fingerprint.ts";
import { InvariantChecker } from "../explore/invariant-check.ts";
import { DEFAULT_EXPLORE_SCOPE, resolveExploreScope } from "../explore/scope.ts";
import { Symmetry } from "../explore/symmetry.ts";
import { type TraceStart, traceOf } from "../explore/trace.ts";
import { CompactKeys } from "./key.ts";
import { type CompactWorld, CompactMachine } from "./machine.ts";

/** What the compact explorer reports on top of the explorer's report. */
export interface CompactExploreReport extends ExploreReport {
  /** Steps the compact machine computed with the reference machine (cache misses). */
  readonly referenceSteps: number;
}

/** Parent links of kept states and the (compact) actions that reached them. */
class Paths {
  private readonly parents: number[] = [-1];
  private readonly actions: Array<Action | undefined> = [undefined];

  add(parent: number, action: Action): number {
    this.parents.push(parent);
    this.actions.push(action);
    return this.parents.length - 1;
  }

  actionsTo(node: number): Action[] {
    const out: Action[] = [];
    for (let n = node; n > 0; n = this.parents[n] as number) out.push(this.actions[n] as Action);
    return out.reverse();
  }
}

/**
 * The compact actions (messages named by position in flight) as reference actions: replays them
 * on the reference machine and names each message by the ID it has there.
 */
export function referenceActions(world: World, actions: ReadonlyArray<Action>): Action[] {
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
  return out;
}

/**
 * Explores every action sequence of the scope up to `options.depth` on the compact machine;
 * reports like `explore`. Liveness (settling every state) is not offered: use `explore`.
 */
export function exploreCompact(options: ExploreOptions): CompactExploreReport {
  if (!Number.isSafeInteger(options.depth) || options.depth < 0)
    throw new Error(`explore: depth must be a non-negative integer, got ${options.depth}`);
  if (options.liveness === true)
    throw new Error("explore: the compact machine does not run the delivery check; explore without it");
  const scope = resolveExploreScope(options.scope ?? DEFAULT_EXPLORE_SCOPE);
  const resolved = resolveProfile(options.profile, options.options ?? {});
  if (!resolved.ok) throw new Error(resolved.message);
  const profile = resolved.profile;
  const start: TraceStart = {
    profile: options.profile,
    ...(options.options === undefined ? {} : { options: options.options }),
  };
  const machine = new CompactMachine(scope, profile);
  const symmetry = new Symmetry(scope, profile, options.symmetry ?? true);
  const keys = new CompactKeys(machine, symmetry);
  const checker = new InvariantChecker();
  const exact = options.exactStates ?? false;
  const seenTexts = new Set<string>();
  const seenPrints = new FingerprintSet();
  const isNew = (key: string): boolean => {
    if (exact) {
      if (seenTexts.has(key)) return false;
      seenTexts.add(key);
      return true;
    }
    const [h1, h2] = fingerprint(key);
    return seenPrints.add(h1, h2);
  };
  const paths = new Paths();
  const maxStates = options.maxStates ?? Number.POSITIVE_INFINITY;
  const firstViolation = new Map<string, { node: number; message: string }>();
  const began = performance.now();
  let transitions = 0;
  let distinct = 0;
  let cutOff = false;

  const visit = (world: World, node: number): void => {
    distinct++;
    for (const v of checker.violations(world))
      if (!firstViolation.has(v.invariant)) firstViolation.set(v.invariant, { node, message: v.message });
  };

  const root = machine.initial();
  isNew(keys.key(root));
  visit(machine.decode(root), 0);
  const statesPerDepth = [1];
  let frontier: Array<{ world: CompactWorld; node: number }> = [{ world: root, node: 0 }];
  let depthReached = 0;
  for (let depth = 1; depth <= options.depth && frontier.length > 0 && !cutOff; depth++) {
    const next: Array<{ world: CompactWorld; node: number }> = [];
    for (const { world, node } of frontier) {
      for (const action of enabledActions(machine.decode(world), scope)) {
        const after = machine.step(world, action);
        if (after === undefined) continue;
        transitions++;
        if (!isNew(keys.key(after))) continue;
        const child = paths.add(node, action);
        visit(machine.decode(after), child);
        next.push({ world: after, node: child });
        if (distinct >= maxStates) {
          cutOff = true;
          break;
        }
      }
      if (cutOff) break;
    }
    statesPerDepth.push(next.length);
    checker.age();
    if (!cutOff) depthReached = depth;
    frontier = next;
    options.onProgress?.({ depth, states: distinct, elapsedMs: performance.now() - began });
  }
  if (!cutOff && frontier.length === 0) depthReached = Math.max(depthReached, options.depth);
  const elapsedMs = performance.now() - began;
  const empty = emptyWorld({ profile, delivery: "network", eventIds: "counter" });
  const violations: ExploreViolation[] = [...firstViolation].map(([invariant, { node, message }]) => ({
    invariant,
    message,
    trace: traceOf(
      `explore (${profile.name}): a shortest action sequence that breaks ${invariant}: ${message}`,
      start,
      referenceActions(empty, paths.actionsTo(node)),
    ),
  }));
  return {
    profile: profile.name,
    depthReached,
    distinctStates: distinct,
    transitions,
    elapsedMs,
    statesPerSecond: elapsedMs > 0 ? (distinct * 1000) / elapsedMs : 0,
    complete: !cutOff,
    violations,
    statesPerDepth,
    symmetry: symmetry.kinds,
    referenceSteps: machine.referenceSteps,
  };
}
