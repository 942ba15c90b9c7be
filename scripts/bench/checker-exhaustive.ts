/**
 * The exhaustive-checker benchmark group (issue 6): how many distinct states per second the
 * bounded exhaustive exploration keeps on one core in the small scope (three users on two
 * providers, two rooms; target 100 000 states/s) on the compact machine, against peers measured
 * in the same run: the same exploration on the reference machine (which must keep the same
 * number of states at every depth), without symmetry reduction, and the reference machine's raw
 * step rate (every enabled action applied to a sample of worlds, no hashing, no invariants),
 * which bounds any explorer that steps the reference machine every time. Also records the
 * duplicate-DM verdicts (race found under `chat.dm-creation = any-member`, absent under
 * `lowest-id-creates` in the DM scope) and the delivery check. Writes
 * `reports/bench-checker-exhaustive.json`.
 *
 * Rates are per CPU second of this process (`process.cpuUsage`), which is what "one core" means
 * when other work shares the machine; wall-clock rates and the load average are reported too.
 *
 * @module
 */
import { spawnSync } from "node:child_process";
import { loadavg } from "node:os";
import { fileURLToPath } from "node:url";
import { enabledActions } from "../../packages/checker/src/explore/alphabet.ts";
import type { ExploreOptions, ExploreReport } from "../../packages/checker/src/explore/api.ts";
import { explore } from "../../packages/checker/src/explore/explore.ts";
import { InvariantChecker } from "../../packages/checker/src/explore/invariant-check.ts";
import {
  DEFAULT_EXPLORE_SCOPE,
  DUPLICATE_DM_SCOPE,
  resolveExploreScope,
} from "../../packages/checker/src/explore/scope.ts";
import {
  emptyWorld,
  resolveProfile,
  step,
  violations,
  type World,
} from "../../packages/machine/src/index.ts";
import type { BenchOptions } from "./group.ts";
import { runLine, writeBenchReport } from "./report-file.ts";

const ANY_MEMBER = { "chat.dm-creation": "any-member" };
const TARGET_STATES_PER_SECOND = 100_000;

/** One measured exploration. */
interface Run {
  readonly name: string;
  readonly profile: string;
  readonly depth: number;
  readonly depthReached: number;
  readonly complete: boolean;
  readonly distinctStates: number;
  readonly transitions: number;
  readonly cpuSeconds: number;
  readonly wallSeconds: number;
  readonly statesPerCpuSecond: number;
  readonly statesPerWallSecond: number;
  readonly violations: ReadonlyArray<string>;
  readonly liveness?: { readonly checked: number; readonly failed: number };
  readonly engine: string;
  readonly statesPerDepth: ReadonlyArray<number>;
}

function cpuSeconds(): number {
  const usage = process.cpuUsage();
  return (usage.user + usage.system) / 1e6;
}

function measure(name: string, options: ExploreOptions, log: (line: string) => void): Run {
  const cpu0 = cpuSeconds();
  const wall0 = performance.now();
  const report: ExploreReport = explore(options);
  const cpu = cpuSeconds() - cpu0;
  const wall = (performance.now() - wall0) / 1000;
  const run: Run = {
    name,
    profile: report.profile,
    depth: options.depth,
    depthReached: report.depthReached,
    complete: report.complete,
    distinctStates: report.distinctStates,
    transitions: report.transitions,
    cpuSeconds: cpu,
    wallSeconds: wall,
    statesPerCpuSecond: report.distinctStates / cpu,
    statesPerWallSecond: report.distinctStates / wall,
    violations: report.violations.map((v) => `${v.invariant} (${v.trace.steps.length} steps)`),
    engine: report.engine ?? "reference",
    statesPerDepth: report.statesPerDepth ?? [],
    ...(report.liveness === undefined
      ? {}
      : { liveness: { checked: report.liveness.checked, failed: report.liveness.failed } }),
  };
  log(
    `  ${name}: ${run.distinctStates} states to depth ${run.depthReached} in ${cpu.toFixed(1)} CPU s (${Math.round(run.statesPerCpuSecond)}/s)`,
  );
  return run;
}

/** The machine's raw step rate: every enabled action from each of a sample of worlds. */
function rawStepRate(
  sample: ReadonlyArray<World>,
  rounds: number,
): { steps: number; stepsPerCpuSecond: number } {
  const scope = resolveExploreScope(DEFAULT_EXPLORE_SCOPE);
  const actions = sample.map((w) => enabledActions(w, scope));
  let steps = 0;
  let sink = 0;
  const cpu0 = cpuSeconds();
  for (let r = 0; r < rounds; r++)
    sample.forEach((world, i) => {
      for (const action of actions[i] ?? []) {
        sink += step(world, action).world.inFlight.length;
        steps++;
      }
    });
  const cpu = cpuSeconds() - cpu0;
  if (sink < 0) throw new Error("unreachable");
  return { steps, stepsPerCpuSecond: steps / cpu };
}

/** Worlds per CPU second checked against every invariant: the machine's whole-world check vs the caching checker. */
function invariantRates(sample: ReadonlyArray<World>): { machine: number; cached: number } {
  let sink = 0;
  let cpu0 = cpuSeconds();
  for (const world of sample) sink += violations(world).length;
  const machine = sample.length / (cpuSeconds() - cpu0);
  // A fresh checker: the sample's worlds share replicas as explored worlds do.
  const checker = new InvariantChecker();
  cpu0 = cpuSeconds();
  for (const world of sample) sink += checker.violations(world).length;
  const cached = sample.length / (cpuSeconds() - cpu0);
  if (sink < 0) throw new Error("unreachable");
  return { machine, cached };
}

/** Worlds a breadth-first walk reaches (no deduplication): the raw step rate's inputs. */
function sampleWorlds(profileName: string, options: Record<string, string>, size: number): World[] {
  const resolved = resolveProfile(profileName, options);
  if (!resolved.ok) throw new Error(resolved.message);
  const scope = resolveExploreScope(DEFAULT_EXPLORE_SCOPE);
  let frontier: World[] = [
    emptyWorld({ profile: resolved.profile, delivery: "network", eventIds: "counter" }),
  ];
  const out: World[] = [];
  while (out.length < size && frontier.length > 0) {
    const next: World[] = [];
    for (const world of frontier)
      for (const action of enabledActions(world, scope)) {
        const after = step(world, action).world;
        if (after !== world) next.push(after);
      }
    out.push(...next);
    frontier = next;
  }
  // Every few-th world, so the sample spans the depths.
  const stride = Math.max(1, Math.floor(out.length / size));
  return out.filter((_, i) => i % stride === 0).slice(0, size);
}

function row(run: Run, main: Run): string {
  const ratio = run.statesPerCpuSecond / main.statesPerCpuSecond;
  return `| ${run.name} | ${run.profile} | ${run.depthReached}${run.complete ? "" : " (cut)"} | ${run.distinctStates} | ${run.transitions} | ${run.cpuSeconds.toFixed(1)} | ${Math.round(run.statesPerCpuSecond)} | ${Math.round(run.statesPerWallSecond)} | ${ratio.toFixed(2)}× |`;
}

/** What a run in a process of its own (`explore-one-core.ts`) reports. */
interface OneCoreRun {
  readonly distinctStates: number;
  readonly statesPerDepth: ReadonlyArray<number>;
  readonly cpuSeconds: number;
  readonly wallSeconds: number;
}

/**
 * Runs one exploration in a child process under V8's `--single-threaded` (no background compiler
 * or garbage-collector threads), so that its CPU time is the time of one core.
 */
function measureOnOneCore(options: ExploreOptions, log: (line: string) => void): OneCoreRun {
  const script = fileURLToPath(new URL("./explore-one-core.ts", import.meta.url));
  const child = spawnSync(
    process.execPath,
    ["--single-threaded", "--import", "tsx", script, JSON.stringify(options)],
    { encoding: "utf8", maxBuffer: 1 << 20 },
  );
  if (child.status !== 0)
    throw new Error(`the one-core exploration failed (status ${child.status}): ${child.stderr.trim()}`);
  const run = JSON.parse(child.stdout.trim().split("\n").pop() ?? "{}") as OneCoreRun;
  log(
    `  one core (--single-threaded): ${run.distinctStates} states in ${run.cpuSeconds.toFixed(1)} CPU s (${Math.round(run.distinctStates / run.cpuSeconds)}/s)`,
  );
  return run;
}

/** Whether two runs kept the same number of distinct states at every depth they share. */
function sameStates(a: Run, b: Run): boolean {
  const depth = Math.min(a.statesPerDepth.length, b.statesPerDepth.length);
  return depth > 0 && a.statesPerDepth.slice(0, depth).every((n, i) => n === b.statesPerDepth[i]);
}

/** Runs the group; returns the markdown report. */
export async function checkerExhaustiveBench(options: BenchOptions): Promise<string> {
  const { quick, log } = options;
  // The compact machine goes deeper in the same time; the reference peer stays at depth 5.
  const depth = quick ? 4 : 7;
  const peerDepth = quick ? 3 : 5;
  const dmDepth = quick ? 4 : 7;
  const loadBefore = loadavg();
  const started = performance.now();

  log("  warming up (depth 3, both machines)");
  explore({ profile: "lm-i1", options: ANY_MEMBER, depth: 3, liveness: false });
  explore({ profile: "lm-i1", options: ANY_MEMBER, depth: 3, liveness: false, engine: "reference" });

  const mainOptions: ExploreOptions = {
    profile: "lm-i1",
    options: ANY_MEMBER,
    depth,
    liveness: false,
    engine: "compact",
  };
  const main = measure("compact machine, symmetry reduction", mainOptions, log);
  const oneCore = measureOnOneCore(mainOptions, log);
  const oneCoreRate = oneCore.distinctStates / oneCore.cpuSeconds;
  const reference = measure(
    "reference machine, symmetry reduction (peer)",
    { profile: "lm-i1", options: ANY_MEMBER, depth: peerDepth, liveness: false, engine: "reference" },
    log,
  );
  const noSymmetry = measure(
    "compact machine, no symmetry reduction (peer)",
    {
      profile: "lm-i1",
      options: ANY_MEMBER,
      depth: depth - 1,
      liveness: false,
      symmetry: false,
      engine: "compact",
    },
    log,
  );
  const withLiveness = measure(
    "compact machine + delivery check from every state",
    { profile: "lm-i1", options: ANY_MEMBER, depth: peerDepth - 1, liveness: true, engine: "compact" },
    log,
  );
  const strict = measure(
    "compact machine, lm-i1 (users not symmetric)",
    { profile: "lm-i1", depth: depth - 1, liveness: false, engine: "compact" },
    log,
  );
  const raceFound = measure(
    "DM scope, any-member",
    {
      profile: "lm-i1",
      options: ANY_MEMBER,
      depth: 2,
      scope: DUPLICATE_DM_SCOPE,
      liveness: false,
      engine: "compact",
    },
    log,
  );
  const raceAbsent = measure(
    "DM scope, lowest-id-creates",
    { profile: "lm-i1", depth: dmDepth, scope: DUPLICATE_DM_SCOPE, liveness: false, engine: "compact" },
    log,
  );

  log("  raw step rate");
  const sample = sampleWorlds("lm-i1", ANY_MEMBER, quick ? 200 : 2000);
  const raw = rawStepRate(sample, quick ? 1 : 5);
  const checks = invariantRates(sample);
  const transitionsPerState = reference.transitions / Math.max(1, reference.distinctStates);
  // An explorer that ran the reference machine on every step would keep at most this many new states per second.
  const rawStatesCeiling = raw.stepsPerCpuSecond / transitionsPerState;

  const loadAfter = loadavg();
  const seconds = (performance.now() - started) / 1000;
  const runs = [main, reference, noSymmetry, withLiveness, strict, raceFound, raceAbsent];
  const duplicates = ["dm.unique-per-pair", "group-dm.unique-per-member-set"];
  const found = (run: Run) => run.violations.filter((v) => duplicates.some((d) => v.startsWith(d)));
  const agree = sameStates(main, reference) && oneCore.distinctStates === main.distinctStates;
  const markdown = [
    "# Exhaustive checker benchmark",
    "",
    `${runLine(quick, seconds)} Load average ${loadBefore.map((l) => l.toFixed(1)).join("/")} before, ${loadAfter.map((l) => l.toFixed(1)).join("/")} after (other work shares this machine; rates are per CPU second of this process).`,
    "",
    "Scope: alice and carol on a.example, bob on b.example; at most 2 rooms; DMs, group DMs, group chats; create, invite, join, leave, kick, ban, send; deliver, drop, duplicate, retry, flush, sync, restart; users act while fewer than 3 messages are in flight. Every invariant is checked in every new state.",
    "",
    "The compact machine stores worlds as interned per-(server, room) parts and computes each step once per distinct part with the reference machine, then looks it up; the reference peer runs the reference machine on every step. Both explore the same states (checked below and by `verifyCompact` in the tests).",
    "",
    "| run | profile | depth | distinct states | transitions | CPU s | states/CPU s | states/wall s | states/s ÷ main |",
    "| --- | --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: |",
    ...runs.map((r) => row(r, main)),
    "",
    `One core: the main run again in a process of its own under V8's \`--single-threaded\` (no background compiler or garbage-collector threads, so its CPU time is one core's): ${oneCore.distinctStates} states in ${oneCore.cpuSeconds.toFixed(1)} CPU s, ${Math.round(oneCoreRate)} states/CPU s (${Math.round(oneCore.distinctStates / oneCore.wallSeconds)}/wall s). In this process the rate is per CPU second of all its threads, which charges the parallel garbage collector's helpers too.`,
    `Same states: the compact machine kept ${agree ? "exactly" : "**not**"} the reference machine's number of distinct states at every depth to ${Math.min(main.depthReached, reference.depthReached)} (${reference.statesPerDepth.join(", ")}).`,
    `Speed-up over the reference machine: ${(main.statesPerCpuSecond / reference.statesPerCpuSecond).toFixed(1)}× states/CPU s. Raw reference step rate (peer): ${Math.round(raw.stepsPerCpuSecond)} steps/CPU s over ${raw.steps} steps from ${sample.length} sampled worlds; at ${transitionsPerState.toFixed(2)} transitions per distinct state that caps any explorer stepping the reference machine at ≈ ${Math.round(rawStatesCeiling)} states/s; the compact machine runs ${((100 * main.statesPerCpuSecond) / rawStatesCeiling).toFixed(0)} % of that.`,
    `Invariant checks: the machine's whole-world \`violations\` ${Math.round(checks.machine)} worlds/CPU s; the reference explorer's checker (answers cached per replica) ${Math.round(checks.cached)} worlds/CPU s on the same sample (${(checks.cached / checks.machine).toFixed(1)}×).`,
    `Symmetry reduction (compact machine, depth ${noSymmetry.depthReached}): ${noSymmetry.distinctStates} states without it.`,
    "",
    "| target | measured | needs | met |",
    "| --- | ---: | ---: | :---: |",
    `| distinct states/s on one core, small scope (main run in a \`--single-threaded\` process) | ${Math.round(oneCoreRate)} | ≥ ${TARGET_STATES_PER_SECOND} | ${oneCoreRate >= TARGET_STATES_PER_SECOND && agree ? "yes" : "**no**"} |`,
    `| the same, per CPU second of this process (V8's background threads included) | ${Math.round(main.statesPerCpuSecond)} | ≥ ${TARGET_STATES_PER_SECOND} | ${main.statesPerCpuSecond >= TARGET_STATES_PER_SECOND && agree ? "yes" : "**no**"} |`,
    "",
    `Duplicate-DM race: any-member, depth 2: ${found(raceFound).join(", ") || "**not found**"}; lowest-id-creates, DM scope, depth ${raceAbsent.depthReached}, ${raceAbsent.complete ? "complete" : "incomplete"}, ${raceAbsent.distinctStates} states: ${found(raceAbsent).length === 0 ? "absent" : `**found** ${found(raceAbsent).join(", ")}`}.`,
    `Delivery check (depth ${withLiveness.depthReached}): ${withLiveness.liveness?.checked ?? 0} states settled, ${withLiveness.liveness?.failed ?? 0} failed. Other violations in the main run: ${main.violations.filter((v) => !duplicates.some((d) => v.startsWith(d))).join(", ") || "none"}; lm-i1: ${strict.violations.join(", ") || "none"}.`,
  ].join("\n");

  writeBenchReport(
    "checker-exhaustive",

    {
      quick,
      seconds,
      loadAverage: { before: loadBefore, after: loadAfter },
      scope: DEFAULT_EXPLORE_SCOPE,
      target: {
        statesPerSecond: TARGET_STATES_PER_SECOND,
        met: oneCoreRate >= TARGET_STATES_PER_SECOND && agree,
        oneCore: { ...oneCore, statesPerCpuSecond: oneCoreRate },
        inProcessMet: main.statesPerCpuSecond >= TARGET_STATES_PER_SECOND && agree,
        sameStatesAsReference: agree,
      },
      runs,
      rawStep: {
        ...raw,
        sampleWorlds: sample.length,
        transitionsPerState,
        statesPerSecondCeiling: rawStatesCeiling,
      },
    },

    log,
  );
  return markdown;
}
