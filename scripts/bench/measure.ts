/**
 * The timing method: warm up, size a round to take at least the round time, time several rounds
 * (interleaved across the peers of a workload) and keep the median time per iteration. One iteration is one pass over a workload (every string
 * of a corpus, or one document), so throughput comes out in inputs and bytes per second.
 *
 * @module
 */

/** How long to warm up and time; `--quick` uses tiny values for a smoke run. */
export interface TimingPlan {
  /** The shortest warm-up. */
  readonly warmupMs: number;
  /** The longest warm-up, for peers whose speed keeps improving. */
  readonly maxWarmupMs: number;
  readonly roundMs: number;
  readonly rounds: number;
  /** Fewer rounds (never fewer than one) when a workload is so slow the rounds would take longer. */
  readonly maxMsPerMeasurement: number;
}

/** The default plan: 1–5 s of warm-up (until the speed settles), then 5 rounds of at least 200 ms each. */
export const FULL_PLAN: TimingPlan = {
  warmupMs: 1000,
  maxWarmupMs: 5000,
  roundMs: 200,
  rounds: 5,
  maxMsPerMeasurement: 4000,
};

/** The `--quick` plan, for checking that the suite runs at all. */
export const QUICK_PLAN: TimingPlan = {
  warmupMs: 10,
  maxWarmupMs: 20,
  roundMs: 10,
  rounds: 2,
  maxMsPerMeasurement: 200,
};

/** What one measurement found. */
export interface Timing {
  /** How long the warm-up ran. */
  readonly warmupMs: number;
  /** Median milliseconds per iteration over the timed rounds. */
  readonly msPerIteration: number;
  /** Each round's milliseconds per iteration, in order. */
  readonly roundMsPerIteration: ReadonlyArray<number>;
  readonly iterationsPerRound: number;
}

// Results flow here so the JIT cannot drop an iteration as dead code.
let sink = 0;

/** The accumulated results of every timed call (printed once, so nothing is optimized away). */
export function sinkValue(): number {
  return sink;
}

/** A workload warmed up and sized, ready for timed rounds. */
export interface Calibrated {
  readonly iteration: () => number;
  readonly warmupMs: number;
  readonly iterationsPerRound: number;
  /** How many rounds to time (fewer than planned when one iteration is very slow). */
  readonly rounds: number;
}

/**
 * Warms `iteration` up until its speed stops improving and sizes its rounds. `iteration` returns
 * anything countable (e.g. how many inputs it accepted), which is kept so it cannot be optimized
 * away.
 */
export function calibrate(iteration: () => number, plan: TimingPlan): Calibrated {
  // Peers whose parsers are large generated functions (Peggy, apg) need seconds of JIT tiering
  // before they reach their steady speed; timing them earlier would understate them tenfold.
  // Batches double until one takes an eighth of a round; the warm-up ends once the best batch of
  // the last stretch is no more than 5% faster than the best before it, after at least `warmupMs`
  // and at most `maxWarmupMs`. The stretch is long because tiering comes in steps, with plateaus
  // of a few hundred milliseconds between them.
  let batch = 1;
  let batchMs = 0;
  const history: Array<{ at: number; msPerIteration: number }> = [];
  const warmStart = performance.now();
  for (;;) {
    const t0 = performance.now();
    for (let i = 0; i < batch; i++) sink += iteration();
    batchMs = performance.now() - t0;
    const elapsed = performance.now() - warmStart;
    history.push({ at: elapsed, msPerIteration: batchMs / batch });
    if (batchMs < plan.roundMs / 8) {
      batch *= 2;
      continue;
    }
    if (elapsed >= plan.maxWarmupMs) break;
    if (elapsed >= plan.warmupMs && settled(history, elapsed)) break;
  }
  const warmupMs = performance.now() - warmStart;
  const estimate = Math.max(batchMs / batch, 1e-6);
  const iterationsPerRound = Math.max(1, Math.ceil(plan.roundMs / estimate));
  const roundCost = iterationsPerRound * estimate;
  const rounds = Math.max(1, Math.min(plan.rounds, Math.floor(plan.maxMsPerMeasurement / roundCost)));
  return { iteration, warmupMs, iterationsPerRound, rounds };
}

/** Times one round; returns milliseconds per iteration. */
export function timeRound(c: Calibrated): number {
  const t0 = performance.now();
  for (let i = 0; i < c.iterationsPerRound; i++) sink += c.iteration();
  return (performance.now() - t0) / c.iterationsPerRound;
}

/**
 * Times several workloads against each other: each is warmed up and sized first, then their
 * rounds are interleaved (round 1 of each, round 2 of each, ...), so a burst of load from
 * elsewhere on the machine falls on every peer alike instead of on whichever ran at the time.
 */
export function measureInterleaved(iterations: ReadonlyArray<() => number>, plan: TimingPlan): Timing[] {
  const calibrated = iterations.map((it) => calibrate(it, plan));
  const rounds: number[][] = calibrated.map(() => []);
  const most = Math.max(0, ...calibrated.map((c) => c.rounds));
  for (let r = 0; r < most; r++) {
    calibrated.forEach((c, i) => {
      if (r < c.rounds) (rounds[i] as number[]).push(timeRound(c));
    });
  }
  return calibrated.map((c, i) => {
    const perIteration = rounds[i] as number[];
    return {
      warmupMs: c.warmupMs,
      msPerIteration: median(perIteration),
      roundMsPerIteration: perIteration,
      iterationsPerRound: c.iterationsPerRound,
    };
  });
}

/** Whether the last stretch of warm-up (half of it, at least 600 ms) brought no gain over 5%. */
function settled(history: ReadonlyArray<{ at: number; msPerIteration: number }>, elapsed: number): boolean {
  const cut = elapsed - Math.max(600, elapsed / 2);
  let before = Number.POSITIVE_INFINITY;
  let recent = Number.POSITIVE_INFINITY;
  for (const h of history) {
    if (h.at <= cut) before = Math.min(before, h.msPerIteration);
    else recent = Math.min(recent, h.msPerIteration);
  }
  return before !== Number.POSITIVE_INFINITY && recent * 1.05 >= before;
}

function median(values: ReadonlyArray<number>): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 === 1
    ? (sorted[mid] as number)
    : ((sorted[mid - 1] as number) + (sorted[mid] as number)) / 2;
}
