/**
 * Turning an explored action sequence into a machine trace: replayed with the machine's own
 * trace runner, each step gets the verdict it got, and the trace expects exactly the invariants
 * the sequence violates, so `runTrace` (and `mimi model run`) passes it as a reproduction.
 *
 * @module
 */
import { type Action, runTrace, type Trace } from "@mimi-spec/machine";

/** Where an explored trace starts: the profile, its option overrides and network delivery. */
export interface TraceStart {
  readonly profile: string;
  readonly options?: Readonly<Record<string, string>>;
}

/** A replayable trace of `actions` from the empty world, with expectations filled from a replay. */
export function traceOf(description: string, start: TraceStart, actions: ReadonlyArray<Action>): Trace {
  const bare: Trace = {
    description,
    profile: start.profile,
    ...(start.options === undefined || Object.keys(start.options).length === 0
      ? {}
      : { options: start.options }),
    delivery: "network",
    steps: actions.map((action) => ({ action })),
  };
  const replay = runTrace(bare);
  if (!replay.ok) throw new Error(`explore: cannot replay its own trace: ${replay.message}`);
  const { run } = replay;
  const violated = Object.keys(run.violated);
  return {
    ...bare,
    ...(violated.length === 0 ? {} : { expectViolations: violated }),
    steps: run.steps.map((s) => ({
      action: s.action,
      expect: s.verdict.accepted ? ("accepted" as const) : { rejected: s.verdict.guard },
    })),
  };
}
