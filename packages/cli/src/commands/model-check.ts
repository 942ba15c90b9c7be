/**
 * `mimi model check`: model checking of the reference machine. Random mode runs fast-check
 * model-based command sequences with every invariant checked after every step; exhaustive mode
 * explores every action sequence up to a depth. Either prints a summary table; on a violation it
 * prints the counterexample's story and Mermaid sequence diagram, saves its trace (replayable
 * with `mimi model run`) and exits 1.
 *
 * @module
 */
import { join, resolve } from "node:path";
import { parseArgs } from "node:util";
import {
  type Counterexample,
  checkRandom,
  coverageReport,
  DEFAULT_EXPLORE_SCOPE,
  type ExploreReport,
  explore,
  formatCoverage,
  type RandomCheckReport,
  saveTrace,
  sequenceDiagramOf,
  storyOf,
} from "@mimi-spec/checker";
import { type Delivery, GUARD_IDS, invariants, runTrace, type Trace } from "@mimi-spec/machine";
import { type Io, UserError } from "../io.ts";

/** Help text of `mimi model check`. */
export const modelCheckUsage = `mimi model check [--profile P] [--option NAME=VALUE]... [--delivery instant|network|mixed]
                 [--runs N | --exhaustive --depth K [--max-states M] [--engine compact|reference] [--wild]]
                 [--seed S [--path P --replay-path R]] [--out DIR] [--coverage] [--format text|json]

Checks the reference machine under a profile (default lm-i1). Random mode (default, --runs 100)
runs fast-check command sequences of 30-60 user, network and adversary actions, checking every
invariant after every step; a failure is shrunk. --exhaustive explores every action sequence up
to --depth K in a small scope, on the compact machine (interned world parts, each step computed
once by the reference machine; --engine reference steps the reference machine every time; both
explore the same states); --wild also tries what users' servers would not offer (every membership
action toward every user, messages before joining), to find faults that let forbidden actions
through. Prints a summary table (runs, commands, guards hit, violations);
--coverage adds every guard's, invariant's and requirement's counts. A progress bar goes to
standard error when it is a terminal. On a violation, prints the counterexample's story and its
Mermaid sequence diagram and saves its trace under --out (default reports/counterexamples), which
\`mimi model run FILE\` replays. --seed with --path and --replay-path (printed with a failure)
repeats one failing run directly. Exit status: 0 no violation, 1 a violation, 2 bad usage.`;

function integer(name: string, value: string | undefined, min: number): number | undefined {
  if (value === undefined) return undefined;
  if (!/^-?\d+$/u.test(value) || !Number.isSafeInteger(Number(value)) || Number(value) < min)
    throw new UserError(`--${name} must be an integer of at least ${min}, not ${JSON.stringify(value)}`);
  return Number(value);
}

function optionOverrides(values: ReadonlyArray<string>): Record<string, string> {
  const out: Record<string, string> = {};
  for (const v of values) {
    const at = v.indexOf("=");
    if (at <= 0) throw new UserError(`--option must be NAME=VALUE, not ${JSON.stringify(v)}`);
    out[v.slice(0, at)] = v.slice(at + 1);
  }
  return out;
}

/** A progress bar on standard error, redrawn in place; a no-op when standard error is not a terminal. */
function progressBar(io: Io): {
  update: (done: number, total: number, detail: string) => void;
  end: () => void;
} {
  if (io.isErrTty !== true) return { update: () => {}, end: () => {} };
  let drawn = false;
  return {
    update(done, total, detail) {
      const width = 30;
      const filled = total > 0 ? Math.min(width, Math.round((done / total) * width)) : 0;
      io.err(`\r[${"#".repeat(filled)}${"-".repeat(width - filled)}] ${done}/${total} ${detail}\u001b[K`);
      drawn = true;
    },
    end() {
      if (drawn) io.err("\r\u001b[K");
    },
  };
}

/** A two-column table. */
function table(rows: ReadonlyArray<readonly [string, string]>): string {
  const width = Math.max(...rows.map(([k]) => k.length));
  return rows.map(([k, v]) => `${k.padEnd(width)}  ${v}`).join("\n");
}

function safeName(text: string): string {
  return text.replace(/[^A-Za-z0-9._-]+/gu, "-").replace(/^-|-$/gu, "");
}

/** A violation as the command reports it. */
interface ReportedViolation {
  readonly check: string;
  readonly requirements: ReadonlyArray<string>;
  readonly message: string;
  readonly steps: number;
  readonly story: string;
  readonly diagram: string;
  /** Where the trace was saved. */
  readonly trace: string;
  /** How to repeat the search that found it (random mode). */
  readonly repeat?: string;
}

function randomViolation(
  cx: Counterexample,
  outDir: string,
  profile: string,
  delivery: Delivery | "mixed",
): ReportedViolation {
  const file = join(outDir, `${safeName(`${profile}-${cx.config.delivery}-seed-${cx.seed}`)}.json`);
  saveTrace(cx.trace, file, cx);
  const options = Object.entries(cx.config.options ?? {})
    .map(([k, v]) => ` --option ${k}=${v}`)
    .join("");
  return {
    check: cx.failure.check,
    requirements: cx.failure.requirements,
    message: cx.failure.message,
    steps: cx.trace.steps.length,
    story: cx.story,
    diagram: cx.diagram,
    trace: file,
    // The search's own delivery setting (not the failing run's): the path is a path in that search.
    repeat: `mimi model check --profile ${cx.config.profile}${options} --delivery ${delivery} --seed ${cx.seed} --path ${cx.path}${cx.replayPath ? ` --replay-path ${cx.replayPath}` : ""}`,
  };
}

function exploredViolation(
  what: { invariant: string; message: string; trace: Trace },
  index: number,
  outDir: string,
  profile: string,
): ReportedViolation {
  const file = join(outDir, `${safeName(`${profile}-exhaustive-${index + 1}-${what.invariant}`)}.json`);
  saveTrace(what.trace, file);
  const result = runTrace(what.trace);
  const told = result.ok
    ? { story: storyOf(result.run), diagram: sequenceDiagramOf(result.run) }
    : { story: `${what.message}\n`, diagram: "" };
  return {
    check: what.invariant,
    requirements: invariants.find((i) => i.id === what.invariant)?.requirements ?? [],
    message: what.message,
    steps: what.trace.steps.length,
    ...told,
    trace: file,
  };
}

function printViolations(io: Io, violations: ReadonlyArray<ReportedViolation>): void {
  for (const v of violations) {
    io.out(`\n${v.story}\n`);
    if (v.diagram !== "") io.out(`\`\`\`mermaid\n${v.diagram}\`\`\`\n`);
    io.out(`\ntrace saved to ${v.trace} (replay: mimi model run ${v.trace})\n`);
    if (v.repeat !== undefined) io.out(`repeat the search: ${v.repeat}\n`);
  }
}

function runRandom(
  io: Io,
  settings: {
    profile: string;
    options: Record<string, string>;
    delivery: Delivery | "mixed";
    runs: number;
    seed?: number;
    path?: string;
    replayPath?: string;
  },
): RandomCheckReport {
  const bar = progressBar(io);
  try {
    return checkRandom({
      profile: settings.profile,
      options: settings.options,
      delivery: settings.delivery,
      runs: settings.runs,
      ...(settings.seed === undefined ? {} : { seed: settings.seed }),
      ...(settings.path === undefined ? {} : { path: settings.path }),
      ...(settings.replayPath === undefined ? {} : { replayPath: settings.replayPath }),
      onProgress: (p) => bar.update(p.run, p.runs, `runs, ${p.commands} commands`),
    });
  } catch (e) {
    // An unknown profile or option is the user's to fix.
    if (e instanceof Error && /^(unknown (profile|option)|option .* cannot be)/u.test(e.message))
      throw new UserError(e.message);
    throw e;
  } finally {
    bar.end();
  }
}

/** Runs `mimi model check`; returns the exit status. */
export async function modelCheckCommand(args: ReadonlyArray<string>, io: Io): Promise<number> {
  const { values, positionals } = parseArgs({
    args: [...args],
    options: {
      profile: { type: "string", default: "lm-i1" },
      option: { type: "string", multiple: true, default: [] },
      delivery: { type: "string", default: "mixed" },
      runs: { type: "string" },
      exhaustive: { type: "boolean", default: false },
      depth: { type: "string" },
      "max-states": { type: "string" },
      engine: { type: "string" },
      wild: { type: "boolean", default: false },
      seed: { type: "string" },
      path: { type: "string" },
      "replay-path": { type: "string" },
      out: { type: "string", default: "reports/counterexamples" },
      coverage: { type: "boolean", default: false },
      format: { type: "string", default: "text" },
      help: { type: "boolean", short: "h" },
    },
    allowPositionals: true,
  });
  if (values.help === true) {
    io.out(`${modelCheckUsage}\n`);
    return 0;
  }
  if (positionals.length > 0)
    throw new UserError(`unexpected argument ${positionals[0]}\n\n${modelCheckUsage}`);
  if (values.format !== "text" && values.format !== "json")
    throw new UserError(`--format must be text or json, not ${values.format}`);
  const delivery = values.delivery;
  if (delivery !== "instant" && delivery !== "network" && delivery !== "mixed")
    throw new UserError(`--delivery must be instant, network or mixed, not ${delivery}`);
  const runs = integer("runs", values.runs, 1);
  const depth = integer("depth", values.depth, 0);
  const maxStates = integer("max-states", values["max-states"], 1);
  const seed = integer("seed", values.seed, -(2 ** 31));
  if (values.exhaustive && runs !== undefined)
    throw new UserError("give either --runs or --exhaustive, not both");
  if (values.exhaustive && depth === undefined) throw new UserError("--exhaustive needs --depth K");
  if (
    !values.exhaustive &&
    (depth !== undefined || maxStates !== undefined || values.engine !== undefined || values.wild)
  )
    throw new UserError("--depth, --max-states, --engine and --wild only apply with --exhaustive");
  const engine = values.engine;
  if (engine !== undefined && engine !== "compact" && engine !== "reference")
    throw new UserError(`--engine must be compact or reference, not ${engine}`);
  if (values.path !== undefined && seed === undefined)
    throw new UserError("--path needs the --seed it came from");
  const options = optionOverrides(values.option);
  const outDir = resolve(io.cwd, values.out);
  const profile = values.profile;
  const started = performance.now();

  let rows: Array<readonly [string, string]>;
  let violations: ReportedViolation[];
  let json: Record<string, unknown>;
  let coverageText: string | undefined;
  if (values.exhaustive) {
    const bar = progressBar(io);
    let report: ExploreReport;
    try {
      report = explore({
        profile,
        options,
        depth: depth ?? 0,
        ...(maxStates === undefined ? {} : { maxStates }),
        ...(engine === undefined ? {} : { engine }),
        ...(values.wild ? { scope: { ...DEFAULT_EXPLORE_SCOPE, wild: true } } : {}),
        onProgress: (p) => bar.update(p.depth, depth ?? 0, `depth, ${p.states} states`),
      });
    } catch (e) {
      if (e instanceof Error && /^(unknown (profile|option)|option .* cannot be)/u.test(e.message))
        throw new UserError(e.message);
      throw e;
    } finally {
      bar.end();
    }
    violations = report.violations.map((v, i) => exploredViolation(v, i, outDir, profile));
    const liveness = report.liveness;
    const livenessViolations = (liveness?.failures ?? [])
      .slice(0, 1)
      .map((f, i) =>
        exploredViolation(
          { invariant: "liveness.delivery", message: f.message, trace: f.trace },
          violations.length + i,
          outDir,
          profile,
        ),
      );
    violations.push(...livenessViolations);
    rows = [
      ["profile", report.profile],
      [
        "mode",
        `exhaustive to depth ${depth}${values.wild ? ", wild alphabet" : ""}${report.complete ? "" : ` (stopped at ${maxStates} states)`}`,
      ],
      ["machine", report.engine ?? "reference"],
      ["depth reached", String(report.depthReached)],
      ["distinct states", String(report.distinctStates)],
      ["transitions", String(report.transitions)],
      ["states/s", report.statesPerSecond.toFixed(0)],
      ["invariants", `${invariants.length}, checked in every new state`],
      ["violations", String(report.violations.length + (liveness?.failed ?? 0))],
      ["time", `${(report.elapsedMs / 1000).toFixed(1)} s`],
    ];
    json = { mode: "exhaustive", ...report, violations };
  } else {
    const report = runRandom(io, {
      profile,
      options,
      delivery,
      runs: runs ?? 100,
      ...(seed === undefined ? {} : { seed }),
      ...(values.path === undefined ? {} : { path: values.path }),
      ...(values["replay-path"] === undefined ? {} : { replayPath: values["replay-path"] }),
    });
    const cx = report.counterexample;
    violations = cx === undefined ? [] : [randomViolation(cx, outDir, profile, delivery)];
    const guardsHit = [...report.coverage.guards.values()].filter((g) => g.pass + g.reject > 0).length;
    const coverage = coverageReport(report.coverage);
    const disabled = coverage.guards.filter((g) => g.status === "disabled").length;
    rows = [
      ["profile", report.profile],
      [
        "mode",
        `random, ${delivery === "mixed" ? "instant and network" : delivery} delivery, seed ${report.seed}`,
      ],
      [
        "runs",
        `${report.runs}${cx === undefined ? "" : ` (stopped at the first failure; shrinking took ${report.shrinking?.runs ?? 0} more)`}`,
      ],
      ["commands", `${report.commands} (${report.accepted} accepted, ${report.rejected} rejected)`],
      [
        "guards hit",
        `${guardsHit} of ${GUARD_IDS.length}${disabled > 0 ? ` (${disabled} off under this profile)` : ""}`,
      ],
      ["invariants", `${invariants.length}, checked after every step`],
      ["violations", String(violations.length)],
      ["time", `${((performance.now() - started) / 1000).toFixed(1)} s`],
    ];
    json = {
      mode: "random",
      profile: report.profile,
      seed: report.seed,
      runs: report.runs,
      commands: report.commands,
      accepted: report.accepted,
      rejected: report.rejected,
      guardsHit,
      guards: GUARD_IDS.length,
      violations,
      ...(values.coverage ? { coverage } : {}),
    };
    if (values.coverage) coverageText = formatCoverage(coverage);
  }
  if (values.format === "json") io.out(`${JSON.stringify(json, null, 2)}\n`);
  else {
    io.out(`${table(rows)}\n`);
    if (coverageText !== undefined) io.out(`\n${coverageText}`);
    printViolations(io, violations);
  }
  return violations.length === 0 ? 0 : 1;
}
