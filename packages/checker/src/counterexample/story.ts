/**
 * A counterexample as a numbered story a person can follow: who did what on which server, what
 * each step's verdict was (with the guard, requirements and reason of a refusal), which
 * messages servers refused, and, at the step where something broke, which invariant (or checker
 * property) broke and what the rooms involved looked like just before and just after.
 *
 * @module
 */
import type { TraceRun, TraceStepResult } from "@mimi-spec/machine";
import {
  deliveriesIn,
  invariantRequirements,
  narrateAction,
  roomLines,
  roomOf,
  roomsIn,
  sentIn,
  verdictText,
} from "./narrate.ts";
import { replayWorlds, type StepWorlds } from "./replay.ts";

/**
 * A failure the run itself does not show: a checker property (the checker's own reading of a
 * requirement) or a disagreement between the checker's model and the machine.
 */
export interface StoryFailure {
  /** 1-based step at which it failed. */
  readonly step: number;
  /** The property's id (e.g. `model.dm-members`). */
  readonly check: string;
  readonly requirements: ReadonlyArray<string>;
  readonly message: string;
}

/** How to tell the story. */
export interface StoryOptions {
  /** The first line (default: what broke, and where). */
  readonly title?: string;
  /** A failure to report at its step besides the run's own invariant violations. */
  readonly failure?: StoryFailure;
  /** Include every effect line of every step (default false: only sends, refusals and findings). */
  readonly effects?: boolean;
  /** Show the rooms involved before and after each breaking step (default true). */
  readonly context?: boolean;
}

function headline(run: TraceRun, failure: StoryFailure | undefined): string {
  const total = run.steps.length;
  const first = Object.entries(run.violated).sort(([, a], [, b]) => a.step - b.step)[0];
  if (failure !== undefined && (first === undefined || failure.step <= first[1].step))
    return `Counterexample: ${failure.check} [${failure.requirements.join(", ")}] fails at step ${failure.step} of ${total}.`;
  if (first !== undefined) {
    const [id, at] = first;
    return `Counterexample: invariant ${id} [${invariantRequirements(id).join(", ")}] breaks at step ${at.step} of ${total}.`;
  }
  const mismatch = run.steps.find((s) => !s.ok);
  if (mismatch !== undefined)
    return `Counterexample: step ${mismatch.step} of ${total} gets an unexpected verdict.`;
  return `No invariant breaks in these ${total} step(s).`;
}

function expectationText(s: TraceStepResult): string | undefined {
  if (s.ok || s.expected === undefined) return undefined;
  return `MISMATCH: the trace expects ${s.expected === "accepted" ? "acceptance" : `rejection by ${s.expected.rejected}`}`;
}

function contextLines(worlds: StepWorlds, rooms: ReadonlyArray<string>): string[] {
  const lines: string[] = [];
  for (const room of rooms) {
    lines.push(`      ${room} before:`);
    for (const l of roomLines(worlds.before, room)) lines.push(`        ${l}`);
    lines.push(`      ${room} after:`);
    for (const l of roomLines(worlds.after, room)) lines.push(`        ${l}`);
  }
  return lines;
}

function stepLines(
  s: TraceStepResult,
  worlds: StepWorlds,
  failure: StoryFailure | undefined,
  options: StoryOptions,
): string[] {
  const width = 4;
  const pad = " ".repeat(width + 2);
  const lines = [`${String(s.step).padStart(width)}. ${narrateAction(s.action, worlds.before)}`];
  lines.push(`${pad}→ ${verdictText(s.verdict)}`);
  const mismatch = expectationText(s);
  if (mismatch !== undefined) lines.push(`${pad}${mismatch}`);
  if (options.effects === true) for (const e of s.effects) lines.push(`${pad}· ${e}`);
  else {
    const deliveredIds = new Set(deliveriesIn(s.effects).map((d) => d.id));
    const inFlight = sentIn(s.effects).filter((m) => !deliveredIds.has(m.id));
    if (inFlight.length > 0)
      lines.push(
        `${pad}in flight: ${inFlight.map((m) => `#${m.id} ${m.kind} ${m.from} → ${m.to}`).join(", ")}`,
      );
    for (const d of deliveriesIn(s.effects))
      if (!d.accepted) lines.push(`${pad}${d.to} refuses #${d.id} ${d.kind} from ${d.from}: ${d.refusal}`);
  }
  for (const f of worlds.after.findings.slice(worlds.before.findings.length))
    lines.push(
      `${pad}finding: ${f.server} records that its hub sent ${f.eventId} of ${f.room}, which ${f.guard} refuses`,
    );
  const broken: Array<{ name: string; message: string }> = s.newViolations.map((v) => ({
    name: `invariant ${v.invariant} [${invariantRequirements(v.invariant).join(", ")}]`,
    message: v.message,
  }));
  if (failure !== undefined && failure.step === s.step)
    broken.unshift({
      name: `${failure.check} [${failure.requirements.join(", ")}]`,
      message: failure.message,
    });
  for (const b of broken) lines.push(`${pad}✗ ${b.name} broken: ${b.message}`);
  if (broken.length > 0 && options.context !== false) {
    const action = roomOf(s.action);
    const rooms = [
      ...new Set([...(action === undefined ? [] : [action]), ...broken.flatMap((b) => roomsIn(b.message))]),
    ];
    lines.push(...contextLines(worlds, rooms));
  }
  return lines;
}

/**
 * The story of `run`: a headline saying what broke where, the profile and delivery mode, then
 * one numbered entry per step (what happened, the verdict, refused messages, findings, broken
 * invariants with the rooms' state before and after).
 */
export function storyOf(run: TraceRun, options: StoryOptions = {}): string {
  const worlds = replayWorlds(run);
  const lines = [
    options.title ?? headline(run, options.failure),
    `Profile ${run.profile}, ${run.world.config.delivery} delivery, ${run.steps.length} step(s).`,
    "",
  ];
  run.steps.forEach((s, i) => {
    const around = worlds[i];
    if (around !== undefined) lines.push(...stepLines(s, around, options.failure, options));
  });
  const expected = Object.keys(run.violated).filter((id) => !run.unexpectedViolations.includes(id));
  if (expected.length > 0) lines.push("", `Expected by the trace: ${expected.join(", ")}.`);
  for (const id of run.missingViolations) lines.push("", `The trace expects ${id} to break, but it held.`);
  return `${lines.join("\n")}\n`;
}
