/**
 * Random-mode checking: fast-check model-based runs of the machine (`fc.commands` and
 * `fc.modelRun`), every invariant and checker property after every step, coverage counted on
 * the way. A failure is shrunk, replayed once more to record its actions, and returned as a
 * counterexample: a replayable trace with its seed and path, a story and a sequence diagram.
 *
 * @module
 */
import { type Delivery, runTrace, type Trace, type TraceRun } from "@mimi-spec/machine";
import fc from "fast-check";
import { type CommandWeights, commandArbitraries } from "../commands/index.ts";
import type { CheckConfig } from "../config.ts";
import { sequenceDiagramOf } from "../counterexample/sequence-diagram.ts";
import { type StoryFailure, storyOf } from "../counterexample/story.ts";
import { counterexampleTrace, type Provenance } from "../counterexample/trace.ts";
import { CheckFailure } from "../failure.ts";
import { CoverageCounter } from "../guard-coverage/counter.ts";
import { type Model, type Real, type StepRecord, setup } from "../model.ts";
import { type CheckScope, DEFAULT_SCOPE } from "../scope.ts";

/** Progress after each run (not counting the runs fast-check makes while shrinking). */
export interface RandomProgress {
  readonly run: number;
  readonly runs: number;
  readonly commands: number;
  readonly elapsedMs: number;
}

/** What to check. */
export interface RandomCheckOptions {
  /** A profile name (default `lm-i1`). */
  readonly profile?: string;
  /** Option overrides. */
  readonly options?: Readonly<Record<string, string>>;
  /** The delivery mode, or `mixed` (default): each run draws `instant` or `network`. */
  readonly delivery?: Delivery | "mixed";
  /** Invariants the configuration is known to break (see {@link CheckConfig.expectViolations}). */
  readonly expectViolations?: ReadonlyArray<string>;
  /** How many command sequences to run (default 100). */
  readonly runs?: number;
  /** The most commands generated per sequence (default 120; skipped ones do not run, so runs average 40-50). */
  readonly maxCommands?: number;
  /** The fast-check seed (default: fast-check's, which tests fix globally). */
  readonly seed?: number;
  /** A fast-check path to replay one failure directly (with its seed and replay path). */
  readonly path?: string;
  /** fast-check's record of which commands ran in that failure (see {@link Provenance.replayPath}). */
  readonly replayPath?: string;
  /** The command mix (see `DEFAULT_WEIGHTS`). */
  readonly weights?: CommandWeights;
  readonly scope?: CheckScope;
  /** Counts into this counter (default: a new one, returned in the report); `false` counts nothing (faster). */
  readonly coverage?: CoverageCounter | false;
  /** The most property runs spent shrinking a failure (default 2000); past it, the smallest failure so far is kept. */
  readonly maxShrinkRuns?: number;
  /** Called after every run. */
  readonly onProgress?: (progress: RandomProgress) => void;
}

/** A failure, shrunk, with everything needed to read and replay it. */
export interface Counterexample extends Provenance {
  readonly failure: StoryFailure & { readonly kind: CheckFailure["kind"] };
  /** The configuration of the failing run. */
  readonly config: CheckConfig;
  /** The replayable trace (`mimi model run`). */
  readonly trace: Trace;
  /** The trace run on the machine (without the crashing step, if the machine threw). */
  readonly run: TraceRun;
  readonly story: string;
  readonly diagram: string;
}

/** What a random check did. */
export interface RandomCheckReport {
  /** The resolved profile name of the configuration. */
  readonly profile: string;
  readonly delivery: Delivery | "mixed";
  readonly seed: number;
  /** Command sequences run before any failure (shrinking not counted). */
  readonly runs: number;
  /** Commands executed in those runs. */
  readonly commands: number;
  readonly accepted: number;
  readonly rejected: number;
  readonly elapsedMs: number;
  /** What the runs exercised (empty when counting was off). */
  readonly coverage: CoverageCounter;
  /** How long shrinking the failure took, in runs of the property and milliseconds. */
  readonly shrinking?: { readonly runs: number; readonly elapsedMs: number };
  readonly counterexample?: Counterexample;
}

/** Runs `commands` from a fresh world once more, recording every step, and returns the failure they reach. */
function replayFailure(
  config: CheckConfig,
  scope: CheckScope,
  commands: Iterable<fc.Command<Model, Real>>,
): { steps: StepRecord[]; failure: CheckFailure } {
  const env = setup(config, scope);
  for (const command of commands) {
    if (!command.check(env.model)) continue;
    try {
      command.run(env.model, env.real);
    } catch (e) {
      const failure =
        e instanceof CheckFailure
          ? e
          : new CheckFailure("crash", "checker.command", [], `the command threw: ${String(e)}`);
      return { steps: env.real.log, failure };
    }
  }
  throw new Error("the shrunk counterexample no longer fails when replayed (is the machine deterministic?)");
}

/** The counterexample of a failing run: its trace, the trace run, story and diagram. */
export function counterexampleOf(
  config: CheckConfig,
  steps: ReadonlyArray<StepRecord>,
  failure: CheckFailure,
  provenance: Provenance,
): Counterexample {
  const trace = counterexampleTrace(config, steps, failure, provenance);
  // A crash cannot be run to the end: tell the story of the steps before it.
  const runnable = failure.kind === "crash" ? { ...trace, steps: trace.steps.slice(0, -1) } : trace;
  const result = runTrace(runnable);
  if (!result.ok) throw new Error(`the counterexample's configuration does not resolve: ${result.message}`);
  const storyFailure = {
    kind: failure.kind,
    step: steps.length,
    check: failure.check,
    requirements: failure.requirements,
    message: failure.detail,
  };
  // A broken invariant is in the run itself; only other failures need telling.
  const extra = failure.kind === "invariant" ? {} : { failure: storyFailure };
  return {
    ...provenance,
    failure: storyFailure,
    config,
    trace,
    run: result.run,
    story: storyOf(result.run, extra),
    diagram: sequenceDiagramOf(result.run, extra),
  };
}

/**
 * Runs random command sequences on the machine and reports what they exercised, and the shrunk
 * counterexample of the first failure, if any.
 */
export function checkRandom(options: RandomCheckOptions = {}): RandomCheckReport {
  const profile = options.profile ?? "lm-i1";
  const delivery = options.delivery ?? "mixed";
  const scope = options.scope ?? DEFAULT_SCOPE;
  const coverage = options.coverage === false ? undefined : (options.coverage ?? new CoverageCounter());
  const runs = options.runs ?? 100;
  const configOf = (d: Delivery): CheckConfig => ({
    profile,
    delivery: d,
    ...(options.options === undefined ? {} : { options: options.options }),
    ...(options.expectViolations === undefined ? {} : { expectViolations: options.expectViolations }),
  });
  // Resolve once up front, so a bad profile is one clear error, not a failing property.
  const resolvedName = setup(configOf("instant"), scope).model.world.config.profile.name;
  const started = performance.now();
  const totals = { runs: 0, commands: 0, accepted: 0, rejected: 0 };
  let failing = false;
  const shrinking = { runs: 0, startedAt: 0 };
  const maxShrinkRuns = options.maxShrinkRuns ?? 2000;
  const deliveries: fc.Arbitrary<Delivery> =
    delivery === "mixed" ? fc.constantFrom<Delivery>("instant", "network") : fc.constant(delivery);
  const property = fc.property(
    deliveries,
    fc.commands(commandArbitraries(options.weights), {
      maxCommands: options.maxCommands ?? 120,
      size: "max",
      ...(options.replayPath === undefined ? {} : { replayPath: options.replayPath }),
    }),
    (d, commands) => {
      // Runs made while fast-check shrinks a failure are neither counted nor covered.
      const counting = !failing;
      // Past the budget, shrinking stops: every further candidate "passes" at once, and
      // fast-check keeps the smallest failure found so far.
      if (!counting && shrinking.runs >= maxShrinkRuns) return;
      if (!counting) shrinking.runs++;
      const env = setup(configOf(d), scope, counting ? coverage : undefined);
      try {
        fc.modelRun(() => env, commands);
      } catch (e) {
        if (!failing) shrinking.startedAt = performance.now();
        failing = true;
        throw e;
      } finally {
        if (counting) {
          totals.runs++;
          totals.commands += env.real.log.length;
          for (const s of env.real.log) totals[s.verdict.accepted ? "accepted" : "rejected"]++;
          options.onProgress?.({
            run: totals.runs,
            runs,
            commands: totals.commands,
            elapsedMs: performance.now() - started,
          });
        }
      }
    },
  );
  // A path starts with the index of the failing run: replaying it needs at least that many runs.
  const pathRun = options.path === undefined ? 0 : Number(options.path.split(":")[0] ?? 0) + 1;
  const details = fc.check(property, {
    numRuns: Math.max(runs, pathRun),
    ...(options.seed === undefined ? {} : { seed: options.seed }),
    // A replayed path is already shrunk: stop at it.
    ...(options.path === undefined ? {} : { path: options.path, endOnFailure: true }),
  });
  const report = {
    profile: resolvedName,
    delivery,
    seed: details.seed,
    ...totals,
    elapsedMs: performance.now() - started,
    coverage: coverage ?? new CoverageCounter(),
  };
  if (!details.failed || details.counterexample === null) return report;
  const [d, commands] = details.counterexample;
  const config = configOf(d);
  const { steps, failure } = replayFailure(config, scope, commands);
  return {
    ...report,
    shrinking: { runs: shrinking.runs, elapsedMs: performance.now() - shrinking.startedAt },
    counterexample: counterexampleOf(config, steps, failure, {
      seed: details.seed,
      path: details.counterexamplePath ?? "",
      replayPath: /replayPath="([^"]*)"/u.exec(String(commands))?.[1] ?? "",
      searchDelivery: delivery,
    }),
  };
}
