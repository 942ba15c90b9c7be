/**
 * Checking the compact machine against the reference machine, step by step: a breadth-first walk
 * over the reference worlds of a scope carries each world's compact twin along; every enabled
 * action is applied to both, and the two results must be the same world (equal exact canonical
 * forms, without symmetry reduction: the form leaves out only what no step can observe),
 * refused alike, offer the same actions and break the same invariants.
 *
 * @module
 */
import {
  type Action,
  emptyWorld,
  type Profile,
  resolveProfile,
  step,
  violations,
  type World,
} from "@mimi-spec/machine";
import { enabledActions } from "../explore/alphabet.ts";
import { serializeWorld } from "../explore/canonical.ts";
import {
  DEFAULT_EXPLORE_SCOPE,
  type ExploreScope,
  type ResolvedExploreScope,
  resolveExploreScope,
} from "../explore/scope.ts";
import { Symmetry } from "../explore/symmetry.ts";
import { CompactAlphabet } from "./alphabet.ts";
import { CompactMachine, type CompactWorld } from "./machine.ts";

/** What to verify. */
export interface VerifyOptions {
  readonly profile: string;
  readonly options?: Readonly<Record<string, string>>;
  readonly depth: number;
  readonly scope?: ExploreScope;
  /** Stop after this many mismatches (default 5). */
  readonly maxMismatches?: number;
  /** Builds the compact machine to check (default: `new CompactMachine(scope, profile)`; tests pass a broken one). */
  readonly machine?: (scope: ResolvedExploreScope, profile: Profile) => CompactMachine;
}

/** One step on which the two machines disagree. */
export interface Mismatch {
  /** The actions from the empty world to the step (reference message IDs), the last one disagreeing. */
  readonly actions: ReadonlyArray<Action>;
  readonly what: string;
}

/** The outcome of a verification. */
export interface VerifyReport {
  readonly statesChecked: number;
  readonly stepsChecked: number;
  /** Reference steps the compact machine ran for its cache (the rest were looked up). */
  readonly referenceSteps: number;
  readonly mismatches: ReadonlyArray<Mismatch>;
}

/** The action with reference message IDs replaced by positions in flight (1-based), as the compact world numbers them. */
export function toCompactAction(world: World, action: Action): Action {
  if (action.kind !== "deliver" && action.kind !== "drop" && action.kind !== "duplicate") return action;
  const index = world.inFlight.findIndex((e) => e.id === action.message);
  return { ...action, message: index < 0 ? world.inFlight.length + 1 : index + 1 };
}

function actionTexts(world: World, actions: ReadonlyArray<Action>): string[] {
  return actions.map((a) => JSON.stringify(toCompactAction(world, a))).sort();
}

interface Pair {
  readonly reference: World;
  readonly compact: CompactWorld;
  readonly path: ReadonlyArray<Action>;
}

/** Walks the scope to `depth` on both machines; reports where they differ. */
export function verifyCompact(options: VerifyOptions): VerifyReport {
  const scope = resolveExploreScope(options.scope ?? DEFAULT_EXPLORE_SCOPE);
  const resolved = resolveProfile(options.profile, options.options ?? {});
  if (!resolved.ok) throw new Error(resolved.message);
  const profile = resolved.profile;
  const machine = options.machine?.(scope, profile) ?? new CompactMachine(scope, profile);
  const alphabet = new CompactAlphabet(machine);
  // Serialised afresh each time: the canonicalizer's caches assume worlds descend from one
  // another, which interned compact parts shared between unrelated worlds do not.
  const identity = new Symmetry(scope, profile, false);
  const formOf = (world: World): string => {
    const [renaming] = identity.renamingsOf(world);
    if (renaming === undefined) throw new Error("verify: a symmetry group without the identity");
    return serializeWorld(world, renaming);
  };
  const maxMismatches = options.maxMismatches ?? 5;
  const mismatches: Mismatch[] = [];
  const seen = new Set<string>();
  const root = emptyWorld({ profile, delivery: "network", eventIds: "counter" });
  seen.add(formOf(root));
  let frontier: Pair[] = [{ reference: root, compact: machine.initial(), path: [] }];
  let statesChecked = 0;
  let stepsChecked = 0;
  const mismatch = (path: ReadonlyArray<Action>, what: string): void => {
    if (mismatches.length < maxMismatches) mismatches.push({ actions: path, what });
  };
  for (let depth = 0; depth <= options.depth && frontier.length > 0; depth++) {
    const next: Pair[] = [];
    for (const { reference, compact, path } of frontier) {
      statesChecked++;
      const decoded = machine.decode(compact);
      const refViolations = violations(reference).map((v) => v.invariant);
      const compactViolations = violations(decoded).map((v) => v.invariant);
      if (refViolations.join() !== compactViolations.join())
        mismatch(
          path,
          `invariants: reference ${refViolations.join(", ") || "none"}; compact ${compactViolations.join(", ") || "none"}`,
        );
      const refActions = enabledActions(reference, scope);
      const refTexts = actionTexts(reference, refActions);
      // The compact alphabet names messages by position already.
      const compactTexts = alphabet
        .enabled(compact)
        .map((a) => JSON.stringify(a))
        .sort();
      if (refTexts.join("\n") !== compactTexts.join("\n"))
        mismatch(
          path,
          `enabled actions differ: reference ${refTexts.length}, compact ${compactTexts.length}: only in reference ${refTexts.filter((t) => !compactTexts.includes(t)).join(" ")}; only in compact ${compactTexts.filter((t) => !refTexts.includes(t)).join(" ")}`,
        );
      if (depth === options.depth) continue;
      for (const action of refActions) {
        stepsChecked++;
        const after = step(reference, action).world;
        const compactAfter = machine.step(compact, toCompactAction(reference, action));
        const here = [...path, action];
        if ((after === reference) !== (compactAfter === undefined)) {
          mismatch(
            here,
            after === reference
              ? "the reference refused, the compact machine did not"
              : "the compact machine refused, the reference did not",
          );
          continue;
        }
        if (compactAfter === undefined) continue;
        const form = formOf(after);
        const compactForm = formOf(machine.decode(compactAfter));
        if (form !== compactForm) {
          mismatch(here, `worlds differ:\n--- reference\n${form}\n--- compact\n${compactForm}`);
          continue;
        }
        if (seen.has(form)) continue;
        seen.add(form);
        next.push({ reference: after, compact: compactAfter, path: here });
      }
      if (mismatches.length >= maxMismatches) break;
    }
    if (mismatches.length >= maxMismatches) break;
    frontier = next;
  }
  return { statesChecked, stepsChecked, referenceSteps: machine.referenceSteps, mismatches };
}
