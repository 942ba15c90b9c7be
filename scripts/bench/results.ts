/**
 * The shapes of the benchmark's results (what `reports/bench-grammar.json` holds), and the step
 * that fills them: time every peer on a workload in this process, and count how often each
 * disagrees with our verdicts on the same inputs.
 *
 * @module
 */

import type { Workload } from "./corpus.ts";
import type { CaseScore } from "./correctness.ts";
import { disagreements, run } from "./correctness.ts";
import { measureInterleaved, type Timing, type TimingPlan } from "./measure.ts";
import type { Peer, Verdict } from "./peer-engines.ts";

/** One peer on one workload. */
export interface PeerResult {
  readonly peer: string;
  /** How the peer ran this workload's rule (ours: which engine). */
  readonly note?: string;
  /** Set when the peer could not run this workload; the numbers are then absent. */
  readonly unavailable?: string;
  readonly msPerIteration?: number;
  readonly inputsPerSecond?: number;
  /** Megabytes (10^6 bytes of UTF-8) per second. */
  readonly megabytesPerSecond?: number;
  readonly warmupMs?: number;
  readonly rounds?: number;
  readonly iterationsPerRound?: number;
  /** Each timed round's milliseconds per iteration (the median of these is reported). */
  readonly roundMsPerIteration?: ReadonlyArray<number>;
  /** Inputs of the workload the peer accepted. */
  readonly accepted?: number;
  /** Inputs on which the peer's verdict differs from ours (ours is exact by construction). */
  readonly disagreeWithOurs?: number;
  readonly disagreeExamples?: ReadonlyArray<string>;
  /** Inputs on which the peer threw instead of answering (counted as rejections). */
  readonly errors?: number;
}

/** Every peer on one workload. */
export interface WorkloadResult {
  readonly workload: string;
  readonly rule: string;
  readonly inputs: number;
  readonly bytes: number;
  readonly results: ReadonlyArray<PeerResult>;
}

/** A target from the issue and whether this run met it. */
export interface TargetResult {
  readonly description: string;
  /** Our throughput divided by the peer's. */
  readonly ratio: number;
  /** The ratio the target asks for at least. */
  readonly atLeast: number;
  readonly met: boolean;
}

/** One suite: a grammar, its workloads, its targets, and how the peers did on its labelled cases. */
export interface SuiteResult {
  readonly name: string;
  readonly grammar: string;
  readonly workloads: ReadonlyArray<WorkloadResult>;
  readonly targets: ReadonlyArray<TargetResult>;
  readonly cases: ReadonlyArray<CaseScore>;
  readonly notes: ReadonlyArray<string>;
}

/** A peer that could not be built, kept so the report says why it is missing. */
export interface MissingPeer {
  readonly name: string;
  readonly reason: string;
}

/**
 * Times every peer on the workload in this process: each is checked against our verdicts, warmed
 * up and sized, and then their timed rounds are interleaved. The first peer is ours; its verdicts
 * are the reference for the disagreement counts.
 */
export function timeWorkload(
  peers: ReadonlyArray<Peer | MissingPeer>,
  work: Workload,
  plan: TimingPlan,
  log: (line: string) => void,
): WorkloadResult {
  const slots: Array<PeerResult | Prepared> = [];
  let reference: boolean[] | undefined;
  for (const peer of peers) {
    const prepared = prepare(peer, work, reference);
    if ("verdicts" in prepared) reference ??= prepared.verdicts;
    slots.push(prepared);
  }
  const runnable = slots.filter((s): s is Prepared => "verdicts" in s);
  const timings = measureInterleaved(
    runnable.map((p) => p.iteration),
    plan,
  );
  const results = slots.map((slot) => {
    if (!("verdicts" in slot)) return slot;
    const timing = timings[runnable.indexOf(slot)] as Timing;
    const seconds = timing.msPerIteration / 1000;
    const result: PeerResult = {
      peer: slot.peer,
      ...(slot.note === undefined ? {} : { note: slot.note }),
      msPerIteration: timing.msPerIteration,
      inputsPerSecond: work.inputs.length / seconds,
      megabytesPerSecond: work.bytes / 1e6 / seconds,
      warmupMs: timing.warmupMs,
      rounds: timing.roundMsPerIteration.length,
      iterationsPerRound: timing.iterationsPerRound,
      roundMsPerIteration: timing.roundMsPerIteration,
      accepted: slot.verdicts.filter(Boolean).length,
      disagreeWithOurs: slot.agreement.count,
      disagreeExamples: slot.agreement.examples,
      errors: slot.agreement.errors,
    };
    log(
      `  ${work.name.padEnd(16)} ${slot.peer.padEnd(30)} ${formatNumber(result.inputsPerSecond ?? 0).padStart(12)} inputs/s ${(result.megabytesPerSecond ?? 0).toFixed(2).padStart(9)} MB/s`,
    );
    return result;
  });
  return { workload: work.name, rule: work.rule, inputs: work.inputs.length, bytes: work.bytes, results };
}

/** A peer ready to time on a workload: its verdicts, and one iteration over every input. */
interface Prepared {
  readonly peer: string;
  readonly note?: string;
  readonly verdicts: boolean[];
  readonly agreement: ReturnType<typeof disagreements>;
  readonly iteration: () => number;
}

function prepare(
  peer: Peer | MissingPeer,
  work: Workload,
  reference: boolean[] | undefined,
): Prepared | PeerResult {
  if (!("matcher" in peer)) return { peer: peer.name, unavailable: peer.reason };
  let verdict: Verdict;
  try {
    verdict = peer.matcher(work.rule);
  } catch (e) {
    return { peer: peer.name, unavailable: e instanceof Error ? e.message : String(e) };
  }
  const verdicts = work.inputs.map((input) => {
    const outcome = run(verdict, input);
    return outcome.kind === "verdict" && outcome.valid;
  });
  const agreement = disagreements(verdict, work.inputs, reference ?? verdicts);
  const inputs = work.inputs;
  // Engine errors count as rejections while timing, as they do in the verdicts above.
  const safe: Verdict =
    agreement.errors === 0
      ? verdict
      : (input) => {
          try {
            return verdict(input);
          } catch {
            return false;
          }
        };
  const note = peer.describe?.(work.rule);
  return {
    peer: peer.name,
    ...(note === undefined ? {} : { note }),
    verdicts,
    agreement,
    iteration: () => {
      let accepted = 0;
      for (let i = 0; i < inputs.length; i++) if (safe(inputs[i] as string)) accepted++;
      return accepted;
    },
  };
}

/** Our throughput over the named peer's on a workload, or undefined when either is missing. */
export function ratioAgainst(result: WorkloadResult, ours: string, peer: string): number | undefined {
  const a = result.results.find((r) => r.peer === ours)?.inputsPerSecond;
  const b = result.results.find((r) => r.peer === peer)?.inputsPerSecond;
  return a === undefined || b === undefined ? undefined : a / b;
}

/** A target, or a failed one with ratio NaN when a peer was missing. */
export function target(description: string, ratio: number | undefined, atLeast: number): TargetResult {
  const r = ratio ?? Number.NaN;
  return { description, ratio: r, atLeast, met: r >= atLeast };
}

/** `12 345` style thousands for tables. */
export function formatNumber(n: number): string {
  if (!Number.isFinite(n)) return "–";
  if (n >= 100) return Math.round(n).toLocaleString("en-US");
  return n.toPrecision(3);
}
