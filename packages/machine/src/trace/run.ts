/**
 * Running a trace: each step's verdict against its expectation, every invariant after every
 * step (a violation the trace does not expect fails it, and so does an expected one that never
 * happens), and a summary of the final world.
 *
 * @module
 */
import type { Action } from "../action.ts";
import { violations } from "../invariants/index.ts";
import type { GuardObserver } from "../policy/guard.ts";
import { resolveProfile } from "../profile.ts";
import { step } from "../step/step.ts";
import type { Verdict } from "../verdict.ts";
import { emptyWorld, type World } from "../world.ts";
import type { Expectation, Trace } from "./schema.ts";
import { summarizeWorld, type WorldSummary } from "./summary.ts";

/** What happened at one step. */
export interface TraceStepResult {
  /** 1-based step number. */
  readonly step: number;
  readonly action: Action;
  readonly verdict: Verdict;
  readonly expected?: Expectation;
  /** Whether the verdict matches the expectation (true when there is none). */
  readonly ok: boolean;
  readonly effects: ReadonlyArray<string>;
  /** Invariants first violated at this step. */
  readonly newViolations: ReadonlyArray<{ readonly invariant: string; readonly message: string }>;
}

/** The result of a trace run. */
export interface TraceRun {
  /** Every expectation held, and exactly the expected invariants were violated. */
  readonly ok: boolean;
  readonly profile: string;
  readonly steps: ReadonlyArray<TraceStepResult>;
  /** Each violated invariant and the first step that violated it. */
  readonly violated: Readonly<Record<string, { readonly step: number; readonly message: string }>>;
  /** Violated invariants the trace did not expect. */
  readonly unexpectedViolations: ReadonlyArray<string>;
  /** Expected violations that never happened. */
  readonly missingViolations: ReadonlyArray<string>;
  readonly final: WorldSummary;
  readonly world: World;
}

/** How to run a trace. */
export interface RunTraceOptions {
  /** A named profile instead of the trace's own (the trace's option overrides still apply). */
  readonly profile?: string;
  /** Sees every guard evaluation. */
  readonly observe?: GuardObserver;
}

/** Whether `verdict` meets `expected`. */
export function meets(verdict: Verdict, expected: Expectation | undefined): boolean {
  if (expected === undefined) return true;
  if (expected === "accepted") return verdict.accepted;
  return !verdict.accepted && verdict.guard === expected.rejected;
}

/**
 * Runs `trace`; fails without running when its profile or options do not resolve
 * (`{ ok: false, message }`).
 */
export function runTrace(
  trace: Trace,
  options: RunTraceOptions = {},
): { readonly ok: true; readonly run: TraceRun } | { readonly ok: false; readonly message: string } {
  const resolved = resolveProfile(options.profile ?? trace.profile, trace.options ?? {});
  if (!resolved.ok) return resolved;
  let world = emptyWorld({
    profile: resolved.profile,
    delivery: trace.delivery ?? "instant",
    eventIds: trace.eventIds ?? "counter",
  });
  const steps: TraceStepResult[] = [];
  const violated: Record<string, { step: number; message: string }> = {};
  trace.steps.forEach((s, i) => {
    const result = step(world, s.action, {
      explain: true,
      ...(options.observe === undefined ? {} : { observe: options.observe }),
    });
    world = result.world;
    const fresh: Array<{ invariant: string; message: string }> = [];
    for (const v of violations(world)) {
      if (violated[v.invariant.id] !== undefined) continue;
      violated[v.invariant.id] = { step: i + 1, message: v.message };
      fresh.push({ invariant: v.invariant.id, message: v.message });
    }
    steps.push({
      step: i + 1,
      action: s.action,
      verdict: result.verdict,
      ...(s.expect === undefined ? {} : { expected: s.expect }),
      ok: meets(result.verdict, s.expect),
      effects: result.effects,
      newViolations: fresh,
    });
  });
  const expected = new Set(trace.expectViolations ?? []);
  const unexpectedViolations = Object.keys(violated).filter((id) => !expected.has(id));
  const missingViolations = [...expected].filter((id) => violated[id] === undefined);
  return {
    ok: true,
    run: {
      ok: steps.every((s) => s.ok) && unexpectedViolations.length === 0 && missingViolations.length === 0,
      profile: resolved.profile.name,
      steps,
      violated,
      unexpectedViolations,
      missingViolations,
      final: summarizeWorld(world),
      world,
    },
  };
}
