/**
 * `mimi model run TRACE.json [--profile P] [--format text|json]`: runs a trace of the reference
 * machine and prints each step's verdict (accepted, or rejected with its guard, requirements and
 * reason), the invariants each step broke, and the final state. `mimi model check` (random or
 * exhaustive model checking) lives in `model-check.ts`, `mimi model mutants` (mutation-testing
 * accounting) in `model-mutants.ts`.
 *
 * @module
 */
import { resolve } from "node:path";
import { parseArgs } from "node:util";
import {
  describeAction,
  describeVerdict,
  type Expectation,
  parseTrace,
  runTrace,
  type TraceRun,
} from "@mimi-spec/machine";
import { type Io, readTextFile, UserError } from "../io.ts";
import { modelCheckCommand, modelCheckUsage } from "./model-check.ts";
import { modelMutantsCommand, modelMutantsUsage } from "./model-mutants.ts";

/** Help text of the command. */
export const modelUsage = `mimi model run TRACE.json [--profile P] [--format text|json]

Runs a trace (models/traces/*.json) on the reference machine and prints each step's verdict,
the invariants a step violated, and the final state. --profile replaces the trace's profile
(its option overrides still apply). Exit status: 0 every expectation held, 1 a verdict or an
invariant differs from what the trace expects, 2 the trace or profile is unusable.

${modelCheckUsage}

${modelMutantsUsage}`;

function expectationText(expected: Expectation): string {
  return expected === "accepted" ? "accepted" : `rejected by ${expected.rejected}`;
}

/** The text report of a run. */
export function formatRun(description: string, run: TraceRun): string {
  const lines = [`trace: ${description}`, `profile: ${run.profile}`, ""];
  for (const s of run.steps) {
    lines.push(`${String(s.step).padStart(3)}. ${describeAction(s.action)}`);
    lines.push(`     ${describeVerdict(s.verdict)}`);
    if (!s.ok && s.expected !== undefined)
      lines.push(`     MISMATCH: expected ${expectationText(s.expected)}`);
    for (const v of s.newViolations) lines.push(`     invariant ${v.invariant} violated: ${v.message}`);
  }
  lines.push("", "final state:");
  for (const room of run.final.rooms) {
    lines.push(`  ${room.room}: ${room.chatType}, hub ${room.hub}, ${room.events} events, head ${room.head}`);
    const members = Object.entries(room.members).map(([u, m]) => `${u} ${m}`);
    if (members.length > 0) lines.push(`    members: ${members.join(", ")}`);
    lines.push(
      `    copies: ${Object.entries(room.copies)
        .map(([s, n]) => `${s} ${n}`)
        .join(", ")}`,
    );
  }
  if (run.final.inFlight.length > 0) lines.push(`  in flight: ${run.final.inFlight.join("; ")}`);
  for (const [server, txns] of Object.entries(run.final.pending))
    lines.push(`  pending at ${server}: ${txns.join(", ")}`);
  for (const [server, invites] of Object.entries(run.final.invites))
    lines.push(`  invites at ${server}: ${invites.join(", ")}`);
  for (const [key, preview] of Object.entries(run.final.previews)) {
    const { shownBy: _rules, ...seen } = preview;
    lines.push(`  preview for ${key}: ${JSON.stringify(seen)}`);
  }
  for (const f of run.final.findings)
    lines.push(
      `  finding: ${f.server} refused ${f.eventId} of ${f.room} from its hub (${f.guard}): ${f.reason}`,
    );
  lines.push("");
  const mismatches = run.steps.filter((s) => !s.ok).length;
  const problems = [
    ...(mismatches > 0 ? [`${mismatches} verdict(s) differ from the trace`] : []),
    ...run.unexpectedViolations.map(
      (id) => `invariant ${id} violated unexpectedly (step ${run.violated[id]?.step})`,
    ),
    ...run.missingViolations.map((id) => `invariant ${id} was expected to be violated but held`),
  ];
  lines.push(
    problems.length === 0 ? "result: every expectation held" : `result: FAILED: ${problems.join("; ")}`,
  );
  return `${lines.join("\n")}\n`;
}

/** Runs the command; returns the exit status. */
export async function modelCommand(args: ReadonlyArray<string>, io: Io): Promise<number> {
  // `check` has options of its own.
  if (args[0] === "check") return modelCheckCommand(args.slice(1), io);
  if (args[0] === "mutants") return modelMutantsCommand(args.slice(1), io);
  const { values, positionals } = parseArgs({
    args: [...args],
    options: {
      profile: { type: "string" },
      format: { type: "string", default: "text" },
      help: { type: "boolean", short: "h" },
    },
    allowPositionals: true,
  });
  if (values.help === true) {
    io.out(`${modelUsage}\n`);
    return 0;
  }
  const [sub, file, ...extra] = positionals;
  if (sub !== "run")
    throw new UserError(`unknown or missing subcommand ${sub ?? ""}\n\n${modelUsage}`.trim());
  if (file === undefined || extra.length > 0)
    throw new UserError(`give exactly one TRACE file\n\n${modelUsage}`);
  if (values.format !== "text" && values.format !== "json")
    throw new UserError(`--format must be text or json, not ${values.format}`);
  const parsed = parseTrace(readTextFile(resolve(io.cwd, file)));
  if (!parsed.ok)
    throw new UserError(
      `${file} is not a usable trace:\n${parsed.problems.map((p) => `  ${p.path}: ${p.message}`).join("\n")}`,
    );
  const result = runTrace(parsed.trace, values.profile === undefined ? {} : { profile: values.profile });
  if (!result.ok) throw new UserError(result.message);
  const { run } = result;
  if (values.format === "json") {
    const { world: _world, ...report } = run;
    io.out(`${JSON.stringify(report, null, 2)}\n`);
  } else io.out(formatRun(parsed.trace.description, run));
  return run.ok ? 0 : 1;
}
