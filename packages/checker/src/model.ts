/**
 * The checker's model and the system under test. The model is deliberately simpler than the
 * machine and written from the requirements: the rooms it expects to exist, what it predicts of
 * a few verdicts (see the commands' oracles), and the checker properties. It also mirrors the
 * machine's current world, which commands read to pick meaningful actors and targets.
 *
 * After every step {@link checkWorld} runs every machine invariant and every checker property;
 * the first that breaks fails the run.
 *
 * @module
 */
import {
  type Action,
  type GuardObserver,
  invariants,
  step,
  type Verdict,
  type World,
} from "@mimi-spec/machine";
import type { RoomId, UserId } from "@mimi-spec/schema";
import { type CheckConfig, DEFAULT_CONFIG, worldFor } from "./config.ts";
import { CheckFailure } from "./failure.ts";
import type { CoverageCounter } from "./guard-coverage/counter.ts";
import { isRelevant, worldFacts } from "./guard-coverage/relevance.ts";
import { CHECKER_PROPERTIES } from "./properties.ts";
import { type CheckScope, DEFAULT_SCOPE } from "./scope.ts";

/** What the model remembers of a room. */
export interface ModelRoom {
  readonly creator: UserId;
  readonly hub: string;
}

/** The model: the configuration, the scope, the rooms it expects, and the machine's world as last observed. */
export interface Model {
  readonly config: CheckConfig;
  readonly scope: CheckScope;
  readonly rooms: Map<RoomId, ModelRoom>;
  /** The machine's world after the last step (commands choose their targets from it). */
  world: World;
}

/** One executed step: the action and the machine's verdict. */
export interface StepRecord {
  readonly action: Action;
  readonly verdict: Verdict;
}

/** The system under test: the machine's current world (replaced on every step), and what watches it. */
export interface Real {
  world: World;
  /** Every step run so far. */
  readonly log: StepRecord[];
  /** Counts guard evaluations, invariant checks and verdicts, when set. */
  readonly coverage?: CoverageCounter;
}

/** A fresh model and machine for `fc.modelRun`. */
export function setup(
  config: CheckConfig = DEFAULT_CONFIG,
  scope: CheckScope = DEFAULT_SCOPE,
  coverage?: CoverageCounter,
): { model: Model; real: Real } {
  const world = worldFor(config);
  coverage?.profiles.set(world.config.profile.name, world.config.profile);
  return {
    model: { config, scope, rooms: new Map(), world },
    real: { world, log: [], ...(coverage === undefined ? {} : { coverage }) },
  };
}

/**
 * Checks every machine invariant and every checker property on `world` (counting each check when
 * `coverage` is given); throws a {@link CheckFailure} for the first that breaks, except the
 * invariants of `expectViolations` (ones the configuration is known to contradict).
 */
export function checkWorld(
  world: World,
  coverage?: CoverageCounter,
  expectViolations: ReadonlyArray<string> = [],
): void {
  let first: CheckFailure | undefined;
  const facts = coverage === undefined ? undefined : worldFacts(world);
  for (const invariant of invariants) {
    const message = invariant.check(world);
    if (coverage !== undefined && facts !== undefined)
      coverage.invariant(invariant.id, isRelevant(invariant.id, facts), message !== undefined);
    if (message !== undefined && first === undefined && !expectViolations.includes(invariant.id))
      first = new CheckFailure("invariant", invariant.id, invariant.requirements, message);
  }
  if (first !== undefined) throw first;
  for (const property of CHECKER_PROPERTIES) {
    const broken = property.check(world);
    if (broken !== undefined)
      throw new CheckFailure("property", property.id, property.requirements, broken.message, {
        rejected: broken.guard,
      });
  }
}

/** Throws, naming the invariant and the violation, if any machine invariant or checker property fails. */
export function assertInvariants(world: World): void {
  checkWorld(world);
}

/** Runs one action on the machine, records it, and counts its guards and verdict. */
export function runStep(real: Real, action: Action): { before: World; after: World; verdict: Verdict } {
  const before = real.world;
  let result: ReturnType<typeof step>;
  try {
    result = step(
      before,
      action,
      real.coverage === undefined ? {} : { observe: real.coverage.observe as GuardObserver },
    );
  } catch (e) {
    real.log.push({ action, verdict: { accepted: true } });
    throw new CheckFailure("crash", "machine.step", [], `the machine threw: ${(e as Error).message}`);
  }
  real.world = result.world;
  real.log.push({ action, verdict: result.verdict });
  real.coverage?.action(action.kind, result.verdict.accepted);
  return { before, after: result.world, verdict: result.verdict };
}
