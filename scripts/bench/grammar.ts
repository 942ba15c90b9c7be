/**
 * The grammar benchmark group: times our ABNF matchers against other ABNF tools, RegExps and
 * `JSON.parse` on the same grammars, in one process, and checks every peer against the
 * hand-labelled cases. Writes `reports/bench-grammar.json`.
 *
 * @module
 */
import type { BenchOptions } from "./group.ts";
import { FULL_PLAN, QUICK_PLAN, sinkValue } from "./measure.ts";
import { markdownReport } from "./report.ts";
import { runLine, writeBenchReport } from "./report-file.ts";
import type { SuiteResult } from "./results.ts";
import { jsonSuite, type SuiteContext, uriSuite, userIdSuite } from "./suites.ts";

/** Runs the grammar suites; returns the markdown report. */
export async function grammarBench(options: BenchOptions): Promise<string> {
  const { quick, log } = options;
  const plan = quick ? QUICK_PLAN : FULL_PLAN;
  const started = performance.now();
  const ctx: SuiteContext = { plan, quick, log };

  const suites: SuiteResult[] = [];
  for (const suite of [uriSuite, jsonSuite, userIdSuite]) suites.push(await suite(ctx));

  const seconds = (performance.now() - started) / 1000;
  const header = [
    runLine(quick, seconds),
    `Method: all peers in this one process, one after another. Warm-up of ${plan.warmupMs}–${plan.maxWarmupMs} ms, until the speed stops improving (JIT tiering of large generated parsers takes seconds); then ${plan.rounds} timed rounds of ≥ ${plan.roundMs} ms each per peer, interleaved across the peers of a workload so that load from elsewhere hits all alike (fewer rounds when a single iteration is so slow that they would exceed ${plan.maxMsPerMeasurement} ms); the median round is reported.`,
    "An iteration runs every input of the workload once. MB = 10^6 bytes of UTF-8. 'ours ÷ peer' > 1 means ours is faster. '≠ ours' counts inputs on which the peer's verdict differs from ours.",
  ];
  const markdown = markdownReport(suites, header);

  writeBenchReport(
    "grammar",

    {
      quick,
      plan,
      seconds,
      suites,
      sink: sinkValue(),
    },

    log,
  );
  return markdown;
}
