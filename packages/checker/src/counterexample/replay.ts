/**
 * The worlds around each step of a trace run. A {@link TraceRun} keeps only the final world, but
 * a story needs to say what a server held before and after the step that broke something, and
 * which message a `deliver #3` moved. Steps are pure functions of the world, so replaying the
 * run's actions from an empty world with the run's own configuration gives exactly those worlds.
 *
 * @module
 */
import { emptyWorld, step, type TraceRun, type World } from "@mimi-spec/machine";

/** The world just before and just after one step. */
export interface StepWorlds {
  readonly before: World;
  readonly after: World;
}

/** The worlds around every step of `run`, in order (replayed with the run's profile and delivery). */
export function replayWorlds(run: TraceRun): StepWorlds[] {
  let world = emptyWorld(run.world.config);
  const out: StepWorlds[] = [];
  for (const s of run.steps) {
    const after = step(world, s.action).world;
    out.push({ before: world, after });
    world = after;
  }
  return out;
}
