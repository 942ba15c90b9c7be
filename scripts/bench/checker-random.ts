/**
 * The checker-random benchmark group: how fast random-mode model checking runs (command
 * sequences per second and commands per second of `checkRandom`, with coverage counted as
 * `mimi model check` does), against peers measured in the same run on the same action
 * sequences: the bare machine (`step` only, no invariants) and the machine with every invariant
 * checked after every step (what any checker must at least pay). Writes
 * `reports/bench-checker-random.json`.
 *
 * @module
 */
import fc from "fast-check";
import {
  type CheckConfig,
  checkRandom,
  commandArbitraries,
  DEFAULT_SCOPE,
  setup,
} from "../../packages/checker/src/index.ts";
import {
  type Action,
  type Delivery,
  emptyWorld,
  invariants,
  resolveProfile,
  step,
  type World,
} from "../../packages/machine/src/index.ts";
import type { BenchOptions } from "./group.ts";
import { FULL_PLAN, measureInterleaved, QUICK_PLAN, sinkValue, type Timing } from "./measure.ts";
import { runLine, writeBenchReport } from "./report-file.ts";

const SEED = 20_261_203;
const PROFILE = "lm-i1";

/** One recorded command sequence: its delivery mode and the actions the checker ran. */
interface Sequence {
  readonly delivery: Delivery;
  readonly actions: ReadonlyArray<Action>;
}

/** The action sequences the checker runs for `runs` sequences from `SEED` (recorded once, replayed by the peers). */
function recordSequences(runs: number): Sequence[] {
  const samples = fc.sample(
    fc.tuple(
      fc.constantFrom<Delivery>("instant", "network"),
      fc.commands(commandArbitraries(), { maxCommands: 120, size: "max" }),
    ),
    { seed: SEED, numRuns: runs },
  );
  return samples.map(([delivery, commands]) => {
    const config: CheckConfig = { profile: PROFILE, delivery };
    const env = setup(config, DEFAULT_SCOPE);
    fc.modelRun(() => env, commands);
    return { delivery, actions: env.real.log.map((s) => s.action) };
  });
}

function emptyFor(delivery: Delivery): World {
  const resolved = resolveProfile(PROFILE);
  if (!resolved.ok) throw new Error(resolved.message);
  return emptyWorld({ profile: resolved.profile, delivery });
}

/** Replays every sequence with `step`, optionally checking every invariant after each step. */
function replay(sequences: ReadonlyArray<Sequence>, checkInvariants: boolean): number {
  let n = 0;
  for (const s of sequences) {
    let world = emptyFor(s.delivery);
    for (const action of s.actions) {
      world = step(world, action).world;
      if (checkInvariants) for (const inv of invariants) if (inv.check(world) !== undefined) n++;
      n++;
    }
  }
  return n;
}

/** One measured workload, as the report holds it. */
interface Row {
  readonly peer: string;
  readonly what: string;
  readonly msPerIteration: number;
  readonly sequencesPerSecond: number;
  readonly commandsPerSecond: number;
  readonly roundMsPerIteration: ReadonlyArray<number>;
  readonly iterationsPerRound: number;
  readonly warmupMs: number;
}

function row(peer: string, what: string, timing: Timing, sequences: number, commands: number): Row {
  const perSecond = 1000 / timing.msPerIteration;
  return {
    peer,
    what,
    msPerIteration: timing.msPerIteration,
    sequencesPerSecond: sequences * perSecond,
    commandsPerSecond: commands * perSecond,
    roundMsPerIteration: timing.roundMsPerIteration,
    iterationsPerRound: timing.iterationsPerRound,
    warmupMs: timing.warmupMs,
  };
}

/** Runs the group; returns its markdown report. */
export async function checkerRandomBench(options: BenchOptions): Promise<string> {
  const { quick, log } = options;
  const plan = quick ? QUICK_PLAN : FULL_PLAN;
  const runs = quick ? 4 : 20;
  const started = performance.now();
  const sequences = recordSequences(runs);
  const commands = sequences.reduce((n, s) => n + s.actions.length, 0);
  // Check once that the recorded sequences are what checkRandom runs for the same seed.
  const probe = checkRandom({ profile: PROFILE, runs, seed: SEED });
  if (probe.counterexample !== undefined)
    throw new Error(`the benchmark run found a violation:\n${probe.counterexample.story}`);
  log(`checker-random: ${runs} sequences, ${commands} commands (checkRandom ran ${probe.commands})`);
  const timings = measureInterleaved(
    [
      () => checkRandom({ profile: PROFILE, runs, seed: SEED }).commands,
      () => checkRandom({ profile: PROFILE, runs, seed: SEED, coverage: false }).commands,
      () => replay(sequences, true),
      () => replay(sequences, false),
    ],
    plan,
  );
  const [checker, noCoverage, withInvariants, bare] = timings as [Timing, Timing, Timing, Timing];
  const rows = [
    row(
      "checker random mode",
      "generate, resolve, step, all invariants and checker properties, coverage",
      checker,
      runs,
      probe.commands,
    ),
    row(
      "checker, coverage off",
      "the same without counting guards and invariant relevance",
      noCoverage,
      runs,
      probe.commands,
    ),
    row(
      "machine + invariants",
      "replay the same actions, every invariant after every step",
      withInvariants,
      runs,
      commands,
    ),
    row("bare machine", "replay the same actions with step only", bare, runs, commands),
  ];
  const [ours] = rows as [Row, ...Row[]];
  const seconds = (performance.now() - started) / 1000;
  writeBenchReport(
    "checker-random",
    {
      quick,
      plan,
      seconds,
      profile: PROFILE,
      seed: SEED,
      sequencesPerIteration: runs,
      commandsPerIteration: commands,
      rows: rows.map((r) => ({ ...r, checkerDividedByPeer: ours.commandsPerSecond / r.commandsPerSecond })),
      sink: sinkValue(),
    },
    log,
  );
  const fmt = (n: number) => (n >= 100 ? n.toFixed(0) : n.toFixed(1));
  return [
    "# Checker random-mode benchmark",
    "",
    runLine(quick, seconds),
    `One iteration: ${runs} command sequences of profile ${PROFILE} (seed ${SEED}, instant and network delivery), ${commands} commands. The peers replay the same actions, recorded once. 'checker ÷ peer' < 1 means the checker is slower (it does more per command).`,
    "",
    "| workload | what | sequences/s | commands/s | checker ÷ peer |",
    "| --- | --- | ---: | ---: | ---: |",
    ...rows.map(
      (r) =>
        `| ${r.peer} | ${r.what} | ${fmt(r.sequencesPerSecond)} | ${fmt(r.commandsPerSecond)} | ${(ours.commandsPerSecond / r.commandsPerSecond).toFixed(2)} |`,
    ),
  ].join("\n");
}
