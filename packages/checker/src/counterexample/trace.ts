/**
 * Counterexamples as machine traces: the executed actions of a (shrunk) failing run, each
 * expecting the verdict it got, except the failing step of a checker property or model
 * disagreement, which expects the verdict the checker says it should have had. Replaying the
 * trace (`mimi model run FILE`) on the same machine therefore fails the same way: an unexpected
 * invariant violation, or a verdict that differs from the expectation.
 *
 * @module
 */
import { mkdirSync, writeFileSync } from "node:fs";
import { dirname } from "node:path";
import type { Expectation, Trace, TraceStep, Verdict } from "@mimi-spec/machine";
import type { CheckConfig } from "../config.ts";
import type { CheckFailure } from "../failure.ts";
import type { StepRecord } from "../model.ts";

/** Where a counterexample came from, so the search that found it can be repeated. */
export interface Provenance {
  /** The fast-check seed of the run. */
  readonly seed: number;
  /** The fast-check path of the shrunk failure (replays it directly with the seed). */
  readonly path: string;
  /** fast-check's record of which commands ran (`fc.commands`' `replayPath`), needed with the path. */
  readonly replayPath?: string;
  /** The search's delivery setting (`mixed` draws one per run), needed with the path. */
  readonly searchDelivery?: string;
}

function expectationOf(verdict: Verdict): Expectation {
  return verdict.accepted ? "accepted" : { rejected: verdict.guard };
}

/**
 * The trace of a failing run: its configuration, every executed step expecting the verdict it
 * got (the failing step, when the failure says what it should have been, expecting that).
 */
export function counterexampleTrace(
  config: CheckConfig,
  steps: ReadonlyArray<StepRecord>,
  failure: CheckFailure,
  provenance?: Provenance,
): Trace {
  const last = steps.length - 1;
  const traceSteps: TraceStep[] = steps.map((s, i) => {
    const expect = i === last && failure.expected !== undefined ? failure.expected : expectationOf(s.verdict);
    return {
      action: s.action,
      expect,
      ...(i === last ? { note: `${failure.kind} ${failure.check} fails here: ${failure.detail}` } : {}),
    };
  });
  const found = provenance === undefined ? "" : ` (seed ${provenance.seed}, path ${provenance.path})`;
  return {
    description: `Counterexample found by mimi model check${found}: ${failure.message}`,
    profile: config.profile,
    ...(config.options === undefined || Object.keys(config.options).length === 0
      ? {}
      : { options: config.options }),
    delivery: config.delivery,
    ...(config.expectViolations === undefined || config.expectViolations.length === 0
      ? {}
      : { expectViolations: config.expectViolations }),
    steps: traceSteps,
  };
}

/** The trace as the JSON `mimi model run` reads, with a `$comment` on how to reproduce it. */
export function traceJson(trace: Trace, provenance?: Provenance): string {
  const options = Object.entries(trace.options ?? {})
    .map(([k, v]) => ` --option ${k}=${v}`)
    .join("");
  const comment =
    provenance === undefined
      ? "Replay: mimi model run THIS_FILE"
      : `Replay: mimi model run THIS_FILE. Repeat the search: mimi model check --profile ${trace.profile ?? "lm-i1"}${options}${
          provenance.searchDelivery === undefined ? "" : ` --delivery ${provenance.searchDelivery}`
        } --seed ${provenance.seed} --path ${provenance.path}${
          provenance.replayPath === undefined || provenance.replayPath === ""
            ? ""
            : ` --replay-path ${provenance.replayPath}`
        }`;
  return `${JSON.stringify({ $comment: comment, ...trace }, null, 2)}\n`;
}

/** Writes the trace to `file` (creating its directory). */
export function saveTrace(trace: Trace, file: string, provenance?: Provenance): void {
  mkdirSync(dirname(file), { recursive: true });
  writeFileSync(file, traceJson(trace, provenance));
}
