/**
 * One exploration measured in a process of its own, started by the exhaustive-checker group
 * with V8's `--single-threaded` flag: no background compiler or garbage-collector threads, so
 * its CPU time is one core's time. Reads the exploration options as JSON from its first
 * argument, warms up (depth 3), explores, and prints a JSON line with the counts and CPU time.
 *
 * @module
 */
import { explore } from "../../packages/checker/src/explore/explore.ts";

function cpuSeconds(): number {
  const usage = process.cpuUsage();
  return (usage.user + usage.system) / 1e6;
}

const options = JSON.parse(process.argv[2] ?? "{}");
explore({ ...options, depth: Math.min(3, options.depth) });
const cpu0 = cpuSeconds();
const wall0 = performance.now();
const report = explore(options);
const cpu = cpuSeconds() - cpu0;
process.stdout.write(
  `${JSON.stringify({
    distinctStates: report.distinctStates,
    transitions: report.transitions,
    depthReached: report.depthReached,
    statesPerDepth: report.statesPerDepth,
    engine: report.engine,
    cpuSeconds: cpu,
    wallSeconds: (performance.now() - wall0) / 1000,
  })}\n`,
);
