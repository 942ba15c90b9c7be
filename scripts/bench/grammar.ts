/**
 * The grammar benchmark group: times our ABNF matchers against other ABNF tools, RegExps and
 * `JSON.parse` on the same grammars, in one process, and checks every peer against the
 * hand-labelled cases. Writes `reports/bench-grammar.json`.
 *
 * @module
 */
import { mkdirSync, writeFileSync } from "node:fs";
import { cpus } from "node:os";
import { join } from "node:path";
import { ROOT } from "./grammar-texts.ts";
import type { BenchOptions } from "./group.ts";
import { FULL_PLAN, QUICK_PLAN, sinkValue } from "./measure.ts";
import { markdownReport } from "./report.ts";
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
  const cpu = cpus()[0]?.model ?? "unknown CPU";
  const header = [
    `Node ${process.version} on ${cpu} (${cpus().length} cores); ${quick ? "**--quick** (smoke run, numbers not meaningful)" : "full run"}; took ${seconds.toFixed(1)} s.`,
    `Method: all peers in this one process, one after another. Warm-up of ${plan.warmupMs}–${plan.maxWarmupMs} ms, until the speed stops improving (JIT tiering of large generated parsers takes seconds); then ${plan.rounds} timed rounds of ≥ ${plan.roundMs} ms each per peer, interleaved across the peers of a workload so that load from elsewhere hits all alike (fewer rounds when a single iteration is so slow that they would exceed ${plan.maxMsPerMeasurement} ms); the median round is reported.`,
    "An iteration runs every input of the workload once. MB = 10^6 bytes of UTF-8. 'ours ÷ peer' > 1 means ours is faster. '≠ ours' counts inputs on which the peer's verdict differs from ours.",
  ];
  const markdown = markdownReport(suites, header);

  const reports = join(ROOT, "reports");
  mkdirSync(reports, { recursive: true });
  const jsonPath = join(reports, "bench-grammar.json");
  writeFileSync(
    jsonPath,
    `${JSON.stringify(
      {
        generatedAt: new Date().toISOString(),
        node: process.version,
        cpu,
        cores: cpus().length,
        quick,
        plan,
        seconds,
        suites,
        sink: sinkValue(),
      },
      null,
      2,
    )}\n`,
  );
  log(`wrote ${jsonPath}`);
  return markdown;
}
