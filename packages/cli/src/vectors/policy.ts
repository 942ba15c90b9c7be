/**
 * Policy vectors, one file per profile of `models/profiles.json`: every shipped trace
 * (`models/traces/*.json`) run under the profile (with the trace's own option overrides), then
 * the generated scenarios of `policy-scenarios.ts`. Each vector records every action, the
 * verdict the reference machine gives it and the final state; a coverage table names, for every
 * guard, the first vector in which it holds and the first in which it refuses.
 *
 * Verdicts are recorded, not taken from the traces' `expect` fields: a trace written for one
 * profile may well be refused differently under another, and that difference is the point.
 *
 * @module
 */
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import {
  decodeTrace,
  emptyWorld,
  GUARD_IDS,
  GUARDS,
  type GuardId,
  hubReplica,
  PROFILES,
  parseTrace,
  resolveProfile,
  runTrace,
  step,
  type Trace,
  type TraceRun,
  type Verdict,
} from "@mimi-spec/machine";
import type { RoomId } from "@mimi-spec/schema";
import { repoRoot } from "../repo.ts";
import { type RawAction, SCENARIOS, type Scenario } from "./policy-scenarios.ts";
import {
  type FinalState,
  type PolicyVector,
  type PolicyVectorFile,
  type StepVerdict,
  VECTOR_FORMAT,
  VECTOR_FORMAT_VERSION,
} from "./shapes.ts";

/** The profiles, in the order `models/profiles.json` lists them. */
export function policyProfiles(): string[] {
  return Object.keys(PROFILES);
}

/** The file name of a profile's vectors. */
export function policyFileName(profile: string): string {
  return `policy-${profile}.json`;
}

/** A step verdict as vectors record it. */
export function stepVerdictOf(verdict: Verdict): StepVerdict {
  return verdict.accepted
    ? { verdict: "accepted" }
    : {
        verdict: "rejected",
        guard: verdict.guard,
        requirements: [...verdict.requirements],
        reason: verdict.reason,
      };
}

/**
 * The part of a run's final world that vectors compare. Rooms are sorted by UTF-16 code units
 * (not the summary's locale order), so another language can reproduce the order.
 */
export function finalStateOf(run: TraceRun): FinalState {
  const rooms = [...run.final.rooms].sort((a, b) => (a.room < b.room ? -1 : a.room > b.room ? 1 : 0));
  return {
    rooms: rooms.map((r) => ({
      room: r.room,
      hub: r.hub,
      chatType: r.chatType,
      events: r.events,
      head: r.head,
      members: { ...r.members },
      copies: { ...r.copies },
    })),
    findings: run.final.findings.map((f) => ({
      server: f.server,
      room: f.room,
      eventId: f.eventId,
      guard: f.guard,
    })),
  };
}

/** Which guards a run saw passing and refusing. */
type Observed = Map<GuardId, Set<"pass" | "reject">>;

function run(trace: Trace, profile: string, observed?: Observed): TraceRun {
  const result = runTrace(trace, {
    profile,
    ...(observed === undefined
      ? {}
      : {
          observe: (guard: GuardId, outcome: "pass" | "reject") => {
            const set = observed.get(guard) ?? new Set();
            set.add(outcome);
            observed.set(guard, set);
          },
        }),
  });
  if (!result.ok) throw new Error(`cannot run "${trace.description}" under ${profile}: ${result.message}`);
  return result.run;
}

function vectorOf(id: string, source: string, trace: Trace, profile: string, result: TraceRun): PolicyVector {
  const overrides = { ...(trace.options ?? {}) };
  const resolved = resolveProfile(profile, overrides);
  if (!resolved.ok) throw new Error(resolved.message);
  return {
    id,
    source,
    description: trace.description,
    profile,
    overrides,
    options: { ...(resolved.profile.values as unknown as Record<string, string>) },
    delivery: trace.delivery ?? "instant",
    eventIds: trace.eventIds ?? "counter",
    steps: result.steps.map((s) => ({
      action: s.action as unknown as Record<string, unknown>,
      expected: stepVerdictOf(s.verdict),
    })),
    final: finalStateOf(result),
  };
}

/** The shipped traces, by name (file name without `.json`), sorted. */
export function shippedTraces(): Array<{ readonly name: string; readonly trace: Trace }> {
  const dir = join(repoRoot(), "models", "traces");
  return readdirSync(dir)
    .filter((f) => f.endsWith(".json"))
    .sort()
    .map((file) => {
      const parsed = parseTrace(readFileSync(join(dir, file), "utf8"));
      if (!parsed.ok)
        throw new Error(
          `models/traces/${file}: ${parsed.problems.map((p) => `${p.path}: ${p.message}`).join("; ")}`,
        );
      return { name: file.replace(/\.json$/u, ""), trace: parsed.trace };
    });
}

function decode(
  description: string,
  profile: string,
  overrides: Readonly<Record<string, string>>,
  actions: RawAction[],
): Trace {
  const decoded = decodeTrace({
    description,
    profile,
    ...(Object.keys(overrides).length > 0 ? { options: overrides } : {}),
    steps: actions.map((action) => ({ action })),
  });
  if (!decoded.ok)
    throw new Error(
      `scenario "${description}": ${decoded.problems.map((p) => `${p.path}: ${p.message}`).join("; ")}`,
    );
  return decoded.trace;
}

/**
 * Writes a scenario under a profile: its actions, as a trace. The machine steps along as the
 * scenario writes, so it can ask for the IDs of the events so far.
 */
export function scenarioTrace(scenario: Scenario, profile: string): Trace {
  const overrides = scenario.overrides ?? {};
  const resolved = resolveProfile(profile, overrides);
  if (!resolved.ok) throw new Error(`scenario ${scenario.name}: ${resolved.message}`);
  const actions: RawAction[] = [];
  let world = emptyWorld({ profile: resolved.profile, delivery: "instant", eventIds: "counter" });
  const replica = (room: string) => {
    const found = hubReplica(world, room as RoomId);
    if (found === undefined) throw new Error(`scenario ${scenario.name}: room ${room} does not exist yet`);
    return found;
  };
  scenario.write({
    act: (action) => {
      const [decoded] = decode(scenario.description, profile, overrides, [action]).steps;
      if (decoded !== undefined) world = step(world, decoded.action).world;
      actions.push(action);
    },
    head: (room) => replica(room).state.head.event_id,
    createEvent: (room) => replica(room).state.create.event_id,
  });
  return decode(scenario.description, profile, overrides, actions);
}

/** Why no vector of a profile's file shows a guard outcome. */
function uncoveredWhy(guard: GuardId, profile: string): string {
  const enabledWhen = (GUARDS[guard] as { readonly enabledWhen?: Readonly<Record<string, string>> })
    .enabledWhen;
  const values = PROFILES[profile as keyof typeof PROFILES].values as unknown as Record<string, string>;
  const off = Object.entries(enabledWhen ?? {}).filter(([option, value]) => values[option] !== value);
  const needs = off.map(([option, value]) => `${option}=${value}`).join(", ");
  return off.length > 0
    ? `the guard is switched off under ${profile} (it needs ${needs}) and no trace or scenario sets that override`
    : `no shipped trace (models/traces) or generated scenario (policy-scenarios.ts) reaches it under ${profile}`;
}

/** The vectors of one profile, with their coverage. */
export function policyVectorFile(profile: string): PolicyVectorFile {
  const info = PROFILES[profile as keyof typeof PROFILES];
  if (info === undefined) throw new Error(`unknown profile ${profile}`);
  const vectors: PolicyVector[] = [];
  const coverage: Record<string, { pass?: string; reject?: string }> = {};
  for (const g of GUARD_IDS) coverage[g] = {};
  const add = (id: string, source: string, trace: Trace) => {
    const observed: Observed = new Map();
    const result = run(trace, profile, observed);
    vectors.push(vectorOf(id, source, trace, profile, result));
    for (const [guard, outcomes] of observed) {
      const entry = coverage[guard] ?? {};
      for (const outcome of ["pass", "reject"] as const)
        if (outcomes.has(outcome) && entry[outcome] === undefined) entry[outcome] = id;
      coverage[guard] = entry;
    }
  };
  for (const { name, trace } of shippedTraces())
    add(`policy/${profile}/trace/${name}`, `models/traces/${name}.json`, trace);
  for (const scenario of SCENARIOS)
    add(
      `policy/${profile}/generated/${scenario.name}`,
      `generated/${scenario.name}`,
      scenarioTrace(scenario, profile),
    );
  const uncovered = GUARD_IDS.flatMap((guard) =>
    (["pass", "reject"] as const)
      .filter((o) => coverage[guard]?.[o] === undefined)
      .map((outcome) => ({ guard, outcome, why: uncoveredWhy(guard, profile) })),
  );
  return {
    $schema: "./policy.schema.json",
    format: VECTOR_FORMAT,
    version: VECTOR_FORMAT_VERSION,
    kind: "policy",
    description: `Traces of the reference machine under profile ${profile}: each step's verdict (the guard is normative, requirements and reason informative) and the final state.`,
    profile,
    summary: info.summary,
    options: { ...(info.values as unknown as Record<string, string>) },
    coverage,
    uncovered,
    vectors,
  };
}
